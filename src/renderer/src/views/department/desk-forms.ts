import { parseDistrictInput, toDistrictInput } from '@shared/time/district-time'
import { commandPayloadSchemas, type Assignee } from '@shared/domain'
import { parseAttachments } from '../../lib/attachments'

/** The department's own steps on a case (签收, 反馈, 申请延期, 退单, 申请缓办). */
export const DESK_ACTIONS = ['acknowledge', 'resolve', 'request_extension', 'send_back', 'request_suspension'] as const
export type DeskAction = (typeof DESK_ACTIONS)[number]

export interface DeskForm {
  readonly text: string
  /** Photo or document references, one http(s) URL per line. */
  readonly attachments: string
  /** The deadline asked for, as a datetime-local value (district time). */
  readonly deadline: string
  readonly suggested: Assignee | null
}

export const EMPTY_DESK_FORM: DeskForm = { text: '', attachments: '', deadline: '', suggested: null }

export type DeskPayload =
  | { readonly ok: true; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly problem: 'text' | 'attachments' | 'deadline' }

/**
 * The command payload for a desk action, checked with the schema the server
 * applies (so a bad URL or a past deadline is caught here, with the field named).
 */
export function buildDeskPayload(action: DeskAction, form: DeskForm, now: number): DeskPayload {
  const text = form.text.trim()
  switch (action) {
    case 'acknowledge':
      return { ok: true, payload: text ? { note: text } : {} }
    case 'resolve': {
      if (!text) return { ok: false, problem: 'text' }
      const lines = parseAttachments(form.attachments)
      if (!lines) return { ok: false, problem: 'attachments' }
      return { ok: true, payload: { feedback: text, ...(lines.length ? { attachments: lines } : {}) } }
    }
    case 'request_extension': {
      if (!text) return { ok: false, problem: 'text' }
      const deadline = parseDistrictInput(form.deadline)
      if (!Number.isFinite(deadline) || deadline <= now) return { ok: false, problem: 'deadline' }
      const payload = { reason: text, deadline }
      return commandPayloadSchemas.request_extension.safeParse(payload).success
        ? { ok: true, payload }
        : { ok: false, problem: 'text' }
    }
    case 'send_back': {
      if (!text) return { ok: false, problem: 'text' }
      return { ok: true, payload: { reason: text, ...(form.suggested ? { suggested: form.suggested } : {}) } }
    }
    case 'request_suspension':
      return text ? { ok: true, payload: { reason: text } } : { ok: false, problem: 'text' }
  }
}

/** A datetime-local value (minutes, district time: the input's wall clock is the district's) for an instant. */
export function toLocalInput(ms: number): string {
  return toDistrictInput(ms)
}
