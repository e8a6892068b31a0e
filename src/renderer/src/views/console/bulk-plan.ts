import type { Conflict, IncidentView } from '@shared/contract'
import { checkTransition, type Assignee, type Role } from '@shared/domain'
import { chooseDeadline, deadlineFields, type DeadlineInput } from '../../lib/deadline-choice'

/** What the console does to a multi-selection, one command per case. */
export const BULK_ACTIONS = ['accept', 'dispatch', 'merge', 'comment'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

/** The operator's choices for the whole selection. */
export interface BulkInput {
  readonly action: BulkAction
  /** dispatch: one unit for every case, and one deadline (empty hours: each case's own default). */
  readonly assignee?: Assignee
  readonly deadline?: DeadlineInput
  /** merge: the case the others are merged into (it gets no command itself). */
  readonly masterId?: string
  /** comment: the text; accept, dispatch, merge: an optional note. */
  readonly text?: string
  readonly note?: string
}

export interface PlannedCommand {
  readonly type: BulkAction
  readonly incidentId: string
  readonly expectedVersion: number
  readonly payload: Record<string, unknown>
}

/** Why a selected case gets no command: reported to the operator, never silently dropped. */
export type SkipReason = 'state' | 'pending' | 'master' | 'deadline'

export type PlanItem =
  | { readonly incident: IncidentView; readonly command: PlannedCommand }
  | { readonly incident: IncidentView; readonly skip: SkipReason }

/**
 * One item per selected case, in the selection's order: the command the action sends for it, or why it
 * cannot be sent — its state no longer allows the action for this role (the same state machine the server
 * applies), a command of the same kind is still on its way, it is the master of a merge, or the deadline
 * asked for is outside its category's range. Returns null when the input itself is incomplete.
 */
export function planBulk(
  cases: readonly IncidentView[],
  input: BulkInput,
  role: Role,
  now: number,
): readonly PlanItem[] | null {
  const note = input.note?.trim() ? { note: input.note.trim() } : {}
  if (input.action === 'dispatch' && !input.assignee) return null
  if (input.action === 'merge' && !cases.some((c) => c.id === input.masterId)) return null
  if (input.action === 'comment' && !input.text?.trim()) return null
  return cases.map((incident): PlanItem => {
    if (input.action === 'merge' && incident.id === input.masterId) return { incident, skip: 'master' }
    if (checkTransition(input.action, role, incident) !== null) return { incident, skip: 'state' }
    if (input.action !== 'comment' && incident.pending.includes(input.action)) return { incident, skip: 'pending' }
    let payload: Record<string, unknown>
    switch (input.action) {
      case 'accept':
        payload = note
        break
      case 'comment':
        payload = { text: input.text?.trim() ?? '' }
        break
      case 'merge':
        payload = { duplicateOf: input.masterId, ...note }
        break
      case 'dispatch': {
        const choice = chooseDeadline(input.deadline ?? { hours: '', reason: '' }, incident.category, incident.priority)
        if (!choice.ok) return { incident, skip: 'deadline' }
        const { kind, id } = input.assignee as Assignee
        payload = { assignee: { kind, id }, ...deadlineFields(choice, now), ...note }
        break
      }
    }
    return {
      incident,
      command: { type: input.action, incidentId: incident.id, expectedVersion: incident.version, payload },
    }
  })
}

/** What became of one case's command, as the result list shows it. */
export type Outcome =
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'queued' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'applied' }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string }

/**
 * A submitted command's outcome from what the core knows now: rejected when it is among the conflicts,
 * still in the outbox (queued while offline, awaiting the server while online), else applied.
 */
export function outcomeOf(
  commandId: string,
  outbox: ReadonlySet<string>,
  conflicts: readonly Pick<Conflict, 'commandId' | 'code' | 'message'>[],
  online: boolean,
): Outcome {
  const conflict = conflicts.find((c) => c.commandId === commandId)
  if (conflict) return { kind: 'rejected', code: conflict.code, message: conflict.message }
  if (outbox.has(commandId)) return online ? { kind: 'pending' } : { kind: 'queued' }
  return { kind: 'applied' }
}

/** Whether an outcome can still change (the result list keeps asking the core about it). */
export function settled(outcome: Outcome): boolean {
  return outcome.kind !== 'pending' && outcome.kind !== 'queued'
}
