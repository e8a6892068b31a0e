import { commandPayloadSchemas, type Assignee, type Incident } from '@shared/domain'
import { chooseDeadline, deadlineFields, DEFAULT_DEADLINE_INPUT, type DeadlineInput } from '../../lib/deadline-choice'
import type { ConsoleAction } from './shortcuts'

/** Which inputs an action's payload needs (reason and text are required; note is optional). */
export interface FormNeeds {
  readonly reason: boolean
  readonly note: boolean
  readonly text: boolean
  readonly assignee: boolean
  readonly duplicate: boolean
}

const NONE: FormNeeds = { reason: false, note: false, text: false, assignee: false, duplicate: false }

export const FORM_NEEDS: Record<ConsoleAction, FormNeeds> = {
  accept: { ...NONE, note: true },
  reject: { ...NONE, reason: true },
  merge: { ...NONE, duplicate: true, note: true },
  dispatch: { ...NONE, assignee: true, note: true },
  reassign: { ...NONE, assignee: true, note: true },
  return: { ...NONE, reason: true },
  verify: { ...NONE, note: true },
  close: { ...NONE, note: true },
  suspend: { ...NONE, reason: true },
  resume: { ...NONE, note: true },
  escalate: { ...NONE, reason: true },
  comment: { ...NONE, text: true },
  request_reopen: { ...NONE, reason: true },
}

export interface FormValues {
  readonly reason: string
  readonly note: string
  readonly text: string
  readonly assignee: Assignee | null
  readonly duplicateOf: string | null
  /** A dispatch's deadline: empty hours for the category's default. */
  readonly deadline: DeadlineInput
}

export const EMPTY_FORM: FormValues = {
  reason: '',
  note: '',
  text: '',
  assignee: null,
  duplicateOf: null,
  deadline: DEFAULT_DEADLINE_INPUT,
}

export type PayloadResult =
  | { readonly ok: true; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly missing: keyof FormValues }

/**
 * The command payload for an action from the form, checked with the same schema
 * the server applies; dispatches get the category and priority's default deadline, or the one chosen
 * within its range (with its reason).
 */
export function buildPayload(
  action: ConsoleAction,
  form: FormValues,
  incident: Pick<Incident, 'category' | 'priority'>,
  now: number,
): PayloadResult {
  const needs = FORM_NEEDS[action]
  const note = form.note.trim() ? { note: form.note.trim() } : {}
  let payload: Record<string, unknown>
  if (needs.assignee) {
    if (!form.assignee) return { ok: false, missing: 'assignee' }
    const choice = chooseDeadline(form.deadline, incident.category, incident.priority)
    if (!choice.ok) return { ok: false, missing: 'deadline' }
    payload = { assignee: form.assignee, ...deadlineFields(choice, now), ...note }
  } else if (needs.duplicate) {
    if (!form.duplicateOf) return { ok: false, missing: 'duplicateOf' }
    payload = { duplicateOf: form.duplicateOf, ...note }
  } else if (needs.reason) {
    payload = { reason: form.reason.trim() }
  } else if (needs.text) {
    payload = { text: form.text.trim() }
  } else payload = note
  const check = commandPayloadSchemas[action].safeParse(payload)
  if (!check.success) return { ok: false, missing: needs.reason ? 'reason' : needs.text ? 'text' : 'note' }
  return { ok: true, payload }
}

export { routingMismatch } from '../../data/dispatch-command'
