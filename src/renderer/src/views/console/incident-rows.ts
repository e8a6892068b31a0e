import type { IncidentView } from '@shared/contract'
import { effectiveDeadline, isOverdue, type IncidentStatus, type Priority } from '@shared/domain'
import type { ReferenceIndex } from '../../data/reference-index'

/**
 * One table row: the incident plus the display strings the grid sorts, filters
 * and quick-filters on, computed once per delta rather than per cell render.
 */
export interface IncidentRow {
  readonly id: string
  readonly code: string
  readonly title: string
  readonly category: IncidentView['category']
  readonly priority: Priority
  /** 0 = urgent … 3 = low, so sorting by priority puts urgent first. */
  readonly priorityRank: number
  readonly status: IncidentStatus
  readonly source: IncidentView['source']
  readonly townId: string
  readonly town: string
  readonly grid: string
  readonly assignee: string
  readonly address: string
  readonly reportedAt: number
  /** Deadline pushed back by suspended time (what the countdown shows); null without a handler. */
  readonly deadline: number | null
  readonly suspended: boolean
  readonly escalationLevel: number
  readonly reworkCount: number
  /** Actions issued here and not yet acknowledged by the server. */
  readonly pending: readonly IncidentView['pending'][number][]
  readonly version: number
  readonly updatedAt: number
  readonly incident: IncidentView
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 }

export function toRow(view: IncidentView, names: ReferenceIndex, now: number): IncidentRow {
  return {
    id: view.id,
    code: view.code,
    title: view.title,
    category: view.category,
    priority: view.priority,
    priorityRank: PRIORITY_RANK[view.priority],
    status: view.status,
    source: view.source,
    townId: view.townId,
    town: names.townName(view.townId),
    grid: names.gridName(view.gridId),
    assignee: names.assigneeName(view.assigneeKind, view.assigneeId),
    address: view.address,
    reportedAt: view.reportedAt,
    deadline: effectiveDeadline(view, now),
    suspended: view.suspended,
    escalationLevel: view.escalationLevel,
    reworkCount: view.reworkCount,
    pending: [...view.pending],
    version: view.version,
    updatedAt: view.updatedAt,
    incident: view,
  }
}

export function rowOverdue(row: IncidentRow, now: number): boolean {
  return isOverdue(row.incident, now)
}
