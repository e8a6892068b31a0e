import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ACTION_TYPES, CATEGORY_IDS, PRIORITIES, ROLES, SOURCES, parseIncidentEvent } from '@shared/domain'
import { fastIncidentEvent, parseEvent } from '../../../src/main/core/sync/fast-event'
import { EventFactory } from './event-factory'

/** Deterministic, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const base = (seq: number, type: string, payload: unknown): Record<string, unknown> => ({
  seq,
  incidentId: 'inc-1',
  type,
  payload,
  actorId: 'op-1',
  role: 'operator',
  workstationId: 'ws-1',
  serverTime: 1_750_000_000_000,
  issuedAt: null,
  commandId: 'c-1',
  version: 2,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
})

/** Every event type, with optional fields present and absent, padded strings and extra keys. */
function samples(): Record<string, unknown>[] {
  const report = {
    title: '  Hazard  ',
    description: 'found',
    category: CATEGORY_IDS[0],
    priority: 'high',
    source: 'patrol',
    townId: 'town-1',
    gridId: 'grid-1',
    componentId: null,
    lat: 22.512345678901234,
    lng: -113.4,
    address: ' No. 1 Road ',
    code: 'ZS-000001',
  }
  const assignee = { kind: 'team', id: 't-1' }
  const out: Record<string, unknown>[] = [
    base(1, 'report', report),
    base(2, 'report', { ...report, componentId: 'cmp-1', extra: 1 }),
    base(3, 'report', { ...report, mediaUrl: 'https://example.org/a.jpg' }),
    base(4, 'accept', {}),
    base(5, 'accept', { note: ' ok ' }),
    base(6, 'reject', { reason: 'dup' }),
    base(7, 'merge', { duplicateOf: 'inc-0', note: 'same' }),
    base(8, 'dispatch', { assignee, deadline: 1_750_000_100_000 }),
    base(9, 'reassign', { assignee: { kind: 'department', id: 'fire', x: 1 }, deadline: 0, note: '' }),
    base(10, 'acknowledge', {}),
    base(11, 'resolve', { feedback: 'fixed' }),
    base(12, 'verify', { note: 'seen' }),
    base(13, 'return', { reason: 'not fixed', deadline: 5 }),
    base(14, 'close', {}),
    base(15, 'suspend', { reason: 'waiting' }),
    base(16, 'resume', {}),
    base(17, 'escalate', { reason: 'late', level: 2 }),
    base(18, 'comment', { text: 'noted' }),
    { ...base(19, 'comment', { text: 'x' }), workstationId: null, commandId: null, issuedAt: 7, extra: 'dropped' },
    // A deadline set at dispatch keeps its reason (trimmed like zod's).
    base(20, 'dispatch', { assignee, deadline: 1_750_000_100_000, deadlineReason: ' 节假日 ', note: 'n' }),
  ]
  return [...out, ...new EventFactory().stream(400, 60).map((e) => ({ ...e }) as Record<string, unknown>)]
}

const BOUNDARIES = [0, 1, 39, 40, 41, 63, 64, 65, 127, 128, 129, 199, 200, 201, 299, 300, 301, 499, 500, 501]
const LONG = [999, 1000, 1001, 1999, 2000, 2001, 3999, 4000, 4001]
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '\t\n',
  'x',
  ' x ',
  0,
  -0,
  -1,
  1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  90,
  90.0001,
  -90,
  -90.5,
  180,
  180.5,
  -180,
  -181,
  true,
  false,
  {},
  [],
  ['a'],
  new Date(0),
  { kind: 'team', id: 'x' },
  { kind: 'unit', id: 'x' },
  { kind: 'team', id: '' },
  'department',
  'team',
  'https://example.org/p.png',
  'not a url',
  ...ACTION_TYPES,
  ...ROLES,
  ...CATEGORY_IDS,
  ...PRIORITIES,
  ...SOURCES,
  'OPERATOR',
  ...BOUNDARIES.flatMap((n) => ['a'.repeat(n), ` ${'a'.repeat(n)} `, `${'a'.repeat(n)}  `]),
  ...LONG.flatMap((n) => ['a'.repeat(n), ` ${'a'.repeat(n)} `]),
]

const clone = <T>(v: T): T => structuredClone(v)

/** Sets (or deletes, for undefined with `drop`) one field at the top, in the payload, or in the assignee. */
function mutate(event: Record<string, unknown>, r: () => number): unknown {
  const e = clone(event)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const value = pick(VALUES)
  const where = r()
  let target: Record<string, unknown> = e
  if (where > 0.35 && typeof e.payload === 'object' && e.payload !== null) {
    target = e.payload as Record<string, unknown>
    if (where > 0.85 && typeof target.assignee === 'object' && target.assignee !== null) {
      target = target.assignee as Record<string, unknown>
    }
  }
  const keys = [...Object.keys(target), 'note', 'deadline', 'mediaUrl', 'level', 'extra', 'code']
  const key = pick(keys)
  if (value === undefined && r() < 0.5) delete target[key]
  else target[key] = clone(value)
  if (r() < 0.1) return pick([null, 'event', 5, [], [e], e.payload])
  return e
}

function agree(value: unknown): boolean {
  const zod = parseIncidentEvent(value)
  const fast = fastIncidentEvent(value)
  const shown = (): string => JSON.stringify(value)?.slice(0, 300) ?? String(value)
  if (fast !== undefined) {
    // The fast path may only vouch for what zod accepts, with the identical result (keys in the same order).
    if (!zod.ok) expect.fail(`fast path accepted what zod rejects (${zod.error}): ${shown()}`)
    if (!isDeepStrictEqual(fast, zod.event) || JSON.stringify(fast) !== JSON.stringify(zod.event)) {
      expect(fast, shown()).toStrictEqual(zod.event)
      expect(JSON.stringify(fast), shown()).toBe(JSON.stringify(zod.event))
    }
    if (fast === value) expect.fail('fast path returned its input')
  }
  const both = parseEvent(value)
  if (!isDeepStrictEqual(both, zod)) expect(both, shown()).toStrictEqual(zod)
  return fast !== undefined
}

describe('fast event validation', () => {
  it('agrees with the zod schema on valid events of every type, and handles nearly all of them itself', () => {
    const all = samples()
    let fast = 0
    for (const e of all) {
      expect(parseIncidentEvent(e).ok).toBe(true)
      if (agree(e)) fast++
    }
    expect(fast).toBe(all.length - 1) // all but the report with a mediaUrl, which zod checks
  })

  it('agrees on every field of every event type set to every probe value (or removed)', () => {
    let checked = 0
    for (const event of samples().slice(0, 19)) {
      const payload = event.payload as Record<string, unknown>
      const targets: [string[], string[]][] = [
        [[], [...Object.keys(event), 'extra']],
        [['payload'], [...Object.keys(payload), 'note', 'deadline', 'mediaUrl', 'level', 'code', 'extra']],
      ]
      if (typeof payload.assignee === 'object')
        targets.push([
          ['payload', 'assignee'],
          ['kind', 'id', 'extra'],
        ])
      for (const [path, keys] of targets)
        for (const key of keys)
          for (const value of [...VALUES, 'drop']) {
            const e = clone(event)
            let target: Record<string, unknown> = e
            for (const p of path) target = target[p] as Record<string, unknown>
            if (value === 'drop') delete target[key]
            else target[key] = clone(value)
            agree(e)
            checked++
          }
    }
    expect(checked).toBeGreaterThan(50_000)
  })

  it('rejects exactly what the schema rejects, on many randomly mutated events', () => {
    const r = rng(20260601)
    const all = samples()
    let accepted = 0
    let rejected = 0
    for (let i = 0; i < 20_000; i++) {
      let e: unknown = all[i % all.length]
      const steps = 1 + Math.floor(r() * 3)
      for (let s = 0; s < steps && typeof e === 'object' && e !== null && !Array.isArray(e); s++) {
        e = mutate(e as Record<string, unknown>, r)
      }
      if (parseIncidentEvent(e).ok) accepted++
      else rejected++
      agree(e)
    }
    // Both sides of the boundary were exercised.
    expect(accepted).toBeGreaterThan(1500)
    expect(rejected).toBeGreaterThan(1500)
  })
})
