import { z } from 'zod'
import { CATEGORY_IDS, PRIORITIES, SOURCES } from './categories'
import { attachmentsSchema, REQUEST_KINDS } from './requests'

/** Every change to an incident is one of these actions; a command asks for one, an event records one. */
export const ACTION_TYPES = [
  'report',
  'accept',
  'reject',
  'merge',
  'dispatch',
  'reassign',
  'acknowledge',
  'resolve',
  'verify',
  'return',
  'close',
  'suspend',
  'resume',
  'escalate',
  'comment',
  'request_extension',
  'send_back',
  'request_suspension',
  'request_reopen',
  'decide_request',
] as const
export type ActionType = (typeof ACTION_TYPES)[number]

const text = (max: number) => z.string().trim().min(1).max(max)
const note = z.string().trim().max(2000).optional()
const id = z.string().min(1).max(64)
const time = z.number().int().nonnegative()

export const assigneeSchema = z.object({ kind: z.enum(['department', 'team']), id })

export const reportPayloadSchema = z.object({
  title: text(200),
  description: z.string().trim().max(4000),
  category: z.enum(CATEGORY_IDS),
  priority: z.enum(PRIORITIES),
  source: z.enum(SOURCES),
  townId: id,
  gridId: id,
  componentId: id.nullable(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().trim().max(300),
  /** A photo of the problem (Open311 media_url); optional, http(s) only (views link to it). */
  mediaUrl: z
    .url({ protocol: /^https?$/, message: 'mediaUrl must be an http(s) URL' })
    .max(500)
    .optional(),
})

/** What a client may send for each action (the server adds the rest to the event). */
export const commandPayloadSchemas = {
  report: reportPayloadSchema,
  accept: z.object({ note }),
  reject: z.object({ reason: text(500) }),
  merge: z.object({ duplicateOf: id, note }),
  // A deadline other than the category's default (within its range, deadline-range.ts) needs a reason.
  dispatch: z.object({
    assignee: assigneeSchema,
    deadline: time.optional(),
    deadlineReason: text(500).optional(),
    note,
  }),
  reassign: z.object({
    assignee: assigneeSchema,
    deadline: time.optional(),
    deadlineReason: text(500).optional(),
    note,
  }),
  acknowledge: z.object({ note }),
  // 反馈: the handler's account, with photo or document references (http(s) URLs).
  resolve: z.object({ feedback: text(2000), attachments: attachmentsSchema.optional() }),
  verify: z.object({ note, attachments: attachmentsSchema.optional() }),
  return: z.object({ reason: text(1000), attachments: attachmentsSchema.optional() }),
  close: z.object({ note }),
  suspend: z.object({ reason: text(1000) }),
  resume: z.object({ note }),
  escalate: z.object({ reason: text(1000) }),
  comment: z.object({ text: text(2000) }),
  // Requests to the supervisor (see requests.ts): 申请延期, 退单, 申请缓办, 申请重办.
  request_extension: z.object({ reason: text(1000), deadline: time }),
  send_back: z.object({ reason: text(1000), suggested: assigneeSchema.optional() }),
  request_suspension: z.object({ reason: text(1000) }),
  request_reopen: z.object({ reason: text(1000) }),
  // The supervisor's decision on the pending request. Approving a send-back or a reopen may name the
  // unit (and deadline) it goes to; approving an extension may set another deadline than asked.
  decide_request: z.object({
    approve: z.boolean(),
    reason: text(1000),
    assignee: assigneeSchema.optional(),
    deadline: time.optional(),
  }),
} as const satisfies Record<ActionType, z.ZodType>

export type CommandPayload<T extends ActionType> = z.infer<(typeof commandPayloadSchemas)[T]>

/**
 * What an event of each type carries once the server accepted it: the command's
 * payload made complete (a report gets its human code; a dispatch its deadline).
 */
export const eventPayloadSchemas = {
  ...commandPayloadSchemas,
  // What the log may already hold: a photo URL from before intake took http(s) only is still an
  // event (views open only web links, see links.ts); new commands are held to http(s) above.
  report: reportPayloadSchema.extend({ code: text(40), mediaUrl: z.string().url().max(500).optional() }),
  dispatch: z.object({ assignee: assigneeSchema, deadline: time, deadlineReason: text(500).optional(), note }),
  reassign: z.object({ assignee: assigneeSchema, deadline: time, deadlineReason: text(500).optional(), note }),
  return: z.object({ reason: text(1000), attachments: attachmentsSchema.optional(), deadline: time }),
  escalate: z.object({ reason: text(1000), level: z.number().int().positive() }),
  // Complete: which request it decided and, when approved, where the case went and its deadline.
  decide_request: z.object({
    request: z.enum(REQUEST_KINDS),
    approve: z.boolean(),
    reason: text(1000),
    assignee: assigneeSchema.optional(),
    deadline: time.optional(),
  }),
} as const satisfies Record<ActionType, z.ZodType>

export type EventPayload<T extends ActionType> = z.infer<(typeof eventPayloadSchemas)[T]>

/** A command as a client sends it. `incidentId` is client-generated for reports. */
export const commandSchema = z.discriminatedUnion(
  'type',
  ACTION_TYPES.map((type) =>
    z.object({
      commandId: z.string().uuid(),
      type: z.literal(type),
      incidentId: id,
      /** Version the client saw; null for a report (the incident is new). */
      expectedVersion: z.number().int().nonnegative().nullable(),
      payload: commandPayloadSchemas[type],
      /** When the operator issued it, client clock; recorded, never used for ordering. */
      issuedAt: time,
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
)

export type Command = {
  [T in ActionType]: {
    commandId: string
    type: T
    incidentId: string
    expectedVersion: number | null
    payload: CommandPayload<T>
    issuedAt: number
  }
}[ActionType]
