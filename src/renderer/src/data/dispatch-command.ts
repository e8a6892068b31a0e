import type { IncidentView } from '@shared/contract'
import { defaultDeadline, type Assignee } from '@shared/domain'

/**
 * The one dispatch command every surface issues (the dispatch board's drop or
 * keyboard pick, a case dropped on a team on the map): the default deadline
 * for the case's category and priority, an optional note.
 */
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
