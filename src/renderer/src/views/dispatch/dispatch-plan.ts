import type { IncidentView } from '@shared/contract'
import type { DispatchCommand } from '../../data/dispatch-command'

export { dispatchCommand, type DispatchCommand } from '../../data/dispatch-command'

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
