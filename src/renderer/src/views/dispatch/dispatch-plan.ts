import type { IncidentView } from '@shared/contract'
import { defaultDeadline, type Assignee } from '@shared/domain'

export interface DispatchCommand {
  readonly type: 'dispatch'
  readonly incidentId: string
  readonly expectedVersion: number
  readonly payload: { assignee: Assignee; deadline: number; note?: string }
}

/** The dispatch an operator's drop (or keyboard pick) issues: default deadline for category + priority. */
export function dispatchCommand(incident: IncidentView, assignee: Assignee, now: number, note = ''): DispatchCommand {
  const trimmed = note.trim()
  return {
    type: 'dispatch',
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload: {
      assignee: { kind: assignee.kind, id: assignee.id },
      deadline: defaultDeadline(incident.category, incident.priority, now),
      ...(trimmed ? { note: trimmed } : {}),
    },
  }
}

/**
 * The card as it looks the instant it is dropped, before the core's overlay
 * answers: in the target column, pending. The core's own view replaces it.
 */
export function optimisticDispatch(incident: IncidentView, command: DispatchCommand, now: number): IncidentView {
  return {
    ...incident,
    status: 'dispatched',
    assigneeKind: command.payload.assignee.kind,
    assigneeId: command.payload.assignee.id,
    deadline: command.payload.deadline,
    dispatchedAt: now,
    pending: [...incident.pending, 'dispatch'],
  }
}

/** Whether a card can be dispatched from the board (only cases awaiting dispatch, not already moving). */
export function canDispatch(incident: IncidentView): boolean {
  return (incident.status === 'reported' || incident.status === 'accepted') && !incident.pending.includes('dispatch')
}
