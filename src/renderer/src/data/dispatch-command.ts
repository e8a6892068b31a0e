import type { IncidentView } from '@shared/contract'
import { categoryDef, defaultDeadline, type Assignee, type Incident } from '@shared/domain'

/**
 * The one dispatch command every surface issues (the dispatch board's drop or
 * keyboard pick, a case dropped on a team on the map): the default deadline
 * for the case's category and priority, an optional note.
 */
export interface DispatchCommand {
  readonly type: 'dispatch'
  readonly incidentId: string
  readonly expectedVersion: number
  readonly payload: { assignee: Assignee; deadline: number; deadlineReason?: string; note?: string }
}

/** A handling time other than the default, chosen within the category's range (lib/deadline-choice.ts). */
export interface ChosenDeadline {
  readonly spanMs: number
  readonly reason?: string
}

/**
 * The dispatch an operator's drop (or keyboard pick) issues: the default deadline for category + priority,
 * or the one chosen (with its reason).
 */
export function dispatchCommand(
  incident: IncidentView,
  assignee: Assignee,
  now: number,
  note = '',
  chosen?: ChosenDeadline,
): DispatchCommand {
  const trimmed = note.trim()
  return {
    type: 'dispatch',
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload: {
      assignee: { kind: assignee.kind, id: assignee.id },
      deadline: chosen ? now + chosen.spanMs : defaultDeadline(incident.category, incident.priority, now),
      ...(chosen?.reason ? { deadlineReason: chosen.reason } : {}),
      ...(trimmed ? { note: trimmed } : {}),
    },
  }
}

/**
 * Whether sending this case to `target` goes against its category's routing for a case that cannot
 * wait (urgent or high): an urgent public-security case onto sanitation is asked about once more.
 */
export function routingMismatch(
  incident: Pick<Incident, 'category' | 'priority'>,
  target: Pick<Assignee, 'kind' | 'id'>,
): boolean {
  if (incident.priority !== 'urgent' && incident.priority !== 'high') return false
  return target.kind === 'department' && target.id !== categoryDef(incident.category).defaultDepartment
}
