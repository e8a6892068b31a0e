import { z } from 'zod'

/**
 * Requests a handler makes to the supervisor, and what their decisions leave on
 * the case. They are explicit fields of Incident (absent while empty, like
 * mediaUrl), so the server, the workstation overlay and assessment read the same
 * record. See docs/protocol.md ("Requests and decisions").
 */

/** What a request asks for: 申请延期, 退单, 申请缓办, 申请重办 (reopen a closed case). */
export const REQUEST_KINDS = ['extension', 'send_back', 'suspension', 'reopen'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

const id = z.string().min(1).max(64)
const time = z.number().int().nonnegative()
const unit = z.object({ kind: z.enum(['department', 'team']), id })

/** An attachment is a reference (an http(s) URL the views link to), never an upload. */
export const attachmentUrlSchema = z.url({ protocol: /^https?$/, message: 'attachments must be http(s) URLs' }).max(500)
/** Up to nine photo or document references, as Chinese case forms allow. */
export const attachmentsSchema = z.array(attachmentUrlSchema).max(9)

/** The one open request on a case (a second waits until the supervisor decided the first). */
export const pendingRequestSchema = z.object({
  kind: z.enum(REQUEST_KINDS),
  reason: z.string().max(1000),
  requestedBy: id,
  requestedAt: time,
  /** extension: the deadline asked for. */
  proposedDeadline: time.optional(),
  /** send_back: the unit the handler says should have it. */
  suggested: unit.optional(),
})
export type PendingRequest = z.infer<typeof pendingRequestSchema>

/** One approved extension: the deadline moved from → to (nominal deadlines, before suspension). */
export const extensionSchema = z.object({
  from: time,
  to: time,
  approvedAt: time,
  approvedBy: id,
  reason: z.string().max(1000),
})
export type Extension = z.infer<typeof extensionSchema>

/**
 * One approved send-back (退单): the unit it was wrongly routed to, when it got it
 * and when it was taken back. Assessment leaves this stint out of that unit's
 * figures: it never was the unit's case.
 */
export const sentBackSchema = z.object({
  kind: z.enum(['department', 'team']),
  id,
  dispatchedAt: time,
  sentBackAt: time,
  reason: z.string().max(1000),
})
export type SentBack = z.infer<typeof sentBackSchema>

/** Units the case was dispatched to before its current one (reassigned or sent back), each once. */
export const formerAssigneesSchema = z.array(unit).max(64)

/** The actions of requests and their decisions (offered by the handler and supervisor desks). */
export type RequestAction =
  'request_extension' | 'send_back' | 'request_suspension' | 'request_reopen' | 'decide_request'
