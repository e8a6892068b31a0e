import {
  ACTION_TYPES,
  CATEGORY_IDS,
  PRIORITIES,
  ROLES,
  SOURCES,
  parseIncidentEvent,
  type IncidentEvent,
} from '@shared/domain'

/**
 * A hand-compiled twin of `incidentEventSchema` (src/shared/domain/events.ts and
 * actions.ts) for the ingest hot path: zod costs ~3 µs an event, this well under
 * one. It only ever says "valid, and here is what zod would have returned" (same
 * values, strings trimmed where the schema trims, unknown keys dropped, keys in the
 * schema's order); for anything it is not sure of it defers to `parseIncidentEvent`,
 * so what is rejected, and the error text, are zod's own.
 * test/unit/sync/fast-event.test.ts compares the two on many valid and mutated events.
 */

const FAIL = Symbol('fail')
type Check = (v: unknown) => unknown

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** z.string()[.trim()].min(min).max(max): the length checks apply to the trimmed value. */
const str =
  (min: number, max: number, trim = false): Check =>
  (v) => {
    if (typeof v !== 'string') return FAIL
    const s = trim ? v.trim() : v
    return s.length < min || s.length > max ? FAIL : s
  }

/** z.number() (finite) with .int() (safe integer), bounds inclusive; `positive` is > 0. */
const num =
  (o: { int?: boolean; min?: number; max?: number; positive?: boolean }): Check =>
  (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return FAIL
    if (o.int && !Number.isSafeInteger(v)) return FAIL
    if (o.positive && !(v > 0)) return FAIL
    if (o.min !== undefined && v < o.min) return FAIL
    if (o.max !== undefined && v > o.max) return FAIL
    return v
  }

const oneOf = (values: readonly string[]): Check => {
  const set = new Set(values)
  return (v) => (typeof v === 'string' && set.has(v) ? v : FAIL)
}

const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v)

type Field = readonly [key: string, check: Check, optional?: boolean]

/** z.object (strip): the declared keys in declared order; an optional key is left out when absent. */
const obj =
  (fields: readonly Field[]): Check =>
  (v) => {
    if (!isPlain(v)) return FAIL
    const out: Record<string, unknown> = {}
    for (const [key, check, optional] of fields) {
      const x = v[key]
      if (x === undefined) {
        // Present-but-undefined is zod's corner (it keeps the key); leave it to zod.
        if (!optional || key in v) return FAIL
        continue
      }
      const r = check(x)
      if (r === FAIL) return FAIL
      out[key] = r
    }
    return out
  }

const id = str(1, 64)
const time = num({ int: true, min: 0 })
const text = (max: number): Check => str(1, max, true)
const note: Field = ['note', str(0, 2000, true), true]
const deadlineReason: Field = ['deadlineReason', text(500), true]
const assignee = obj([
  ['kind', oneOf(['department', 'team'])],
  ['id', id],
])

/** eventPayloadSchemas, type by type. A report with a mediaUrl (z.string().url()) is left to zod. */
const PAYLOADS: Record<string, Check> = {
  report: obj([
    ['title', text(200)],
    ['description', str(0, 4000, true)],
    ['category', oneOf(CATEGORY_IDS)],
    ['priority', oneOf(PRIORITIES)],
    ['source', oneOf(SOURCES)],
    ['townId', id],
    ['gridId', id],
    ['componentId', nullable(id)],
    ['lat', num({ min: -90, max: 90 })],
    ['lng', num({ min: -180, max: 180 })],
    ['address', str(0, 300, true)],
    ['mediaUrl', () => FAIL, true],
    ['code', text(40)],
  ]),
  accept: obj([note]),
  reject: obj([['reason', text(500)]]),
  merge: obj([['duplicateOf', id], note]),
  dispatch: obj([['assignee', assignee], ['deadline', time], deadlineReason, note]),
  reassign: obj([['assignee', assignee], ['deadline', time], deadlineReason, note]),
  acknowledge: obj([note]),
  // Attachments (http(s) URLs) and the request types are rare: left to zod.
  resolve: obj([
    ['feedback', text(2000)],
    ['attachments', () => FAIL, true],
  ]),
  verify: obj([note, ['attachments', () => FAIL, true]]),
  return: obj([
    ['reason', text(1000)],
    ['attachments', () => FAIL, true],
    ['deadline', time],
  ]),
  close: obj([note]),
  suspend: obj([['reason', text(1000)]]),
  resume: obj([note]),
  escalate: obj([
    ['reason', text(1000)],
    ['level', num({ int: true, positive: true })],
  ]),
  comment: obj([['text', text(2000)]]),
  request_extension: () => FAIL,
  send_back: () => FAIL,
  request_suspension: () => FAIL,
  request_reopen: () => FAIL,
  decide_request: () => FAIL,
}

const BASE: readonly Field[] = [
  ['seq', num({ int: true, positive: true })],
  ['incidentId', id],
  ['actorId', id],
  ['role', oneOf(ROLES)],
  ['workstationId', nullable(str(0, 64))],
  ['serverTime', time],
  ['issuedAt', nullable(time)],
  ['commandId', nullable(str(0, 64))],
  ['version', num({ int: true, positive: true })],
  ['prevHash', str(0, 128)],
  ['hash', str(0, 128)],
]

/** One object check per event type, like the discriminated union's options. */
const EVENTS = new Map<string, Check>(
  ACTION_TYPES.map((type) => [type, obj([...BASE, ['type', (v) => v], ['payload', PAYLOADS[type]!]])]),
)

/** The fast check alone: zod's output, or undefined when it cannot vouch for the value (tests use this). */
export function fastIncidentEvent(value: unknown): IncidentEvent | undefined {
  if (!isPlain(value)) return undefined
  const check = typeof value.type === 'string' ? EVENTS.get(value.type) : undefined
  if (!check) return undefined
  const out = check(value)
  return out === FAIL ? undefined : (out as IncidentEvent)
}

/** parseIncidentEvent, with the common valid case answered without zod. */
export function parseEvent(value: unknown): ReturnType<typeof parseIncidentEvent> {
  const event = fastIncidentEvent(value)
  return event ? { ok: true, event } : parseIncidentEvent(value)
}
