import { describe, expect, it } from 'vitest'
import {
  AssessmentLedger,
  DEFAULT_RULE_SET,
  UNIT_KINDS,
  allowedActions,
  applyEvent,
  assessPeriod,
  customPeriod,
  PeriodLeagues,
  reportLeagues,
  type ActionType,
  type AssessmentContext,
  type Incident,
  type IncidentEvent,
  type Role,
  type UnitDirectory,
} from '@shared/domain'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  }
}

const ROLES: readonly Role[] = ['operator', 'supervisor', 'department', 'field']
const GRIDS = ['g1-s1', 'g1-s2', 'g2-s1', 'g2']
const dir: UnitDirectory = {
  mediumOf: (g) => (g.includes('-') ? (g.split('-')[0] as string) : null),
  workersOf: (g) => (g === 'g2' ? [] : [`w-${g}`]),
}

/** Random but valid histories: each case walks its lifecycle with the roles that may act. */
function histories(seed: number, cases: number): IncidentEvent[] {
  const r = rng(seed)
  const out: IncidentEvent[] = []
  for (let c = 0; c < cases; c++) {
    const id = `c${c}`
    let t = r.int(60) * DAY + r.int(24) * HOUR
    let state: Incident | null = null
    const push = (type: ActionType, role: Role, payload: Record<string, unknown>) => {
      const e = {
        seq: 0,
        incidentId: id,
        type,
        payload,
        actorId: role === 'operator' ? r.pick(['op1', 'op2', 'op3']) : `${role}-1`,
        role,
        workstationId: null,
        serverTime: t,
        issuedAt: null,
        commandId: null,
        version: (state?.version ?? 0) + 1,
        prevHash: '',
        hash: '',
      } as IncidentEvent
      state = applyEvent(state, e)
      out.push(e)
    }
    push('report', 'field', {
      code: id,
      title: 't',
      description: '',
      category: r.pick(['fire_safety', 'gas_safety', 'environment_sanitation']),
      priority: r.pick(['urgent', 'normal', 'normal', 'low']),
      source: 'patrol',
      townId: r.pick(['t1', 't2']),
      gridId: r.pick(GRIDS),
      componentId: null,
      lat: 22.5,
      lng: 113.2,
      address: '',
    })
    const steps = r.int(14)
    for (let k = 0; k < steps && state; k++) {
      t += r.int(40) * HOUR + r.int(60) * 60_000
      const s: Incident = state
      const options = ROLES.flatMap((role) =>
        allowedActions(role, s)
          .filter((a) => a !== 'comment' && a !== 'escalate')
          .map((a) => [a, role] as const),
      )
      if (options.length === 0) break
      const [action, role] = r.pick(options)
      const assignee = r.next() < 0.7 ? { kind: 'department', id: r.pick(['d1', 'd2']) } : { kind: 'team', id: 'tm1' }
      const payload: Record<string, unknown> =
        action === 'dispatch' || action === 'reassign'
          ? { assignee, deadline: t + (1 + r.int(72)) * HOUR }
          : action === 'return'
            ? { reason: 'x', deadline: t + 24 * HOUR }
            : action === 'merge'
              ? { duplicateOf: 'c0' }
              : action === 'reject' || action === 'suspend'
                ? { reason: 'x' }
                : action === 'resolve'
                  ? { feedback: 'x' }
                  : {}
      push(action, role, payload)
    }
  }
  return out.sort((a, b) => a.serverTime - b.serverTime).map((e, i) => ({ ...e, seq: i + 1 }))
}

/** Everything a ledger reports, in a form two ledgers can be compared in. */
function dump(l: AssessmentLedger) {
  return { platform: l.platform(), units: UNIT_KINDS.map((k) => l.units(k)) }
}

describe('the assessment kept incrementally', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals a from-scratch recomputation after every change and as time passes (seed ${seed})`, () => {
      const events = histories(seed, 60)
      const ctx: AssessmentContext = { rules: DEFAULT_RULE_SET, dir, period: { from: 20 * DAY, to: 50 * DAY } }
      const first = events[0]?.serverTime ?? 0
      const live = new AssessmentLedger(ctx, first)
      const current = new Map<string, Incident>()
      let compared = 0
      events.forEach((e, n) => {
        live.advance(e.serverTime)
        const next = applyEvent(current.get(e.incidentId) ?? null, e)
        current.set(e.incidentId, next)
        live.upsert(next)
        if (n % 7 === 0 || n === events.length - 1) {
          expect(dump(live)).toEqual(dump(assessPeriod(current.values(), ctx, e.serverTime)))
          compared++
        }
      })
      // Past the period's end the figures stop moving.
      const end = (events.at(-1)?.serverTime ?? 0) + 30 * DAY
      live.advance(end)
      expect(dump(live)).toEqual(dump(assessPeriod(current.values(), ctx, end)))
      expect(compared).toBeGreaterThan(10)
      // The property is not vacuous: the period has judged steps of several kinds.
      const p = live.platform()
      expect((p.closing?.due ?? 0) + (p.intake?.due ?? 0)).toBeGreaterThan(10)
    })
  }

  it('takes a removed incident out entirely', () => {
    const events = histories(9, 20)
    const ctx: AssessmentContext = { rules: DEFAULT_RULE_SET, dir, period: { from: 0, to: 100 * DAY } }
    const current = new Map<string, Incident>()
    for (const e of events) current.set(e.incidentId, applyEvent(current.get(e.incidentId) ?? null, e))
    const ledger = assessPeriod(current.values(), ctx, 100 * DAY)
    ledger.remove('c3')
    current.delete('c3')
    expect(dump(ledger)).toEqual(dump(assessPeriod(current.values(), ctx, 100 * DAY)))
  })
})

describe("the period's leagues kept live (the core's assessment between requests)", () => {
  // The same grid tree and workers as `dir`, as reference data.
  const ref = {
    grids: [
      { id: 'g1', parentId: null },
      { id: 'g1-s1', parentId: 'g1' },
      { id: 'g1-s2', parentId: 'g1' },
      { id: 'g2', parentId: null },
      { id: 'g2-s1', parentId: 'g2' },
    ],
    workers: [
      { id: 'w-g1-s1', gridId: 'g1-s1' },
      { id: 'w-g1-s2', gridId: 'g1-s2' },
      { id: 'w-g2-s1', gridId: 'g2-s1' },
    ],
  } as unknown as Parameters<typeof reportLeagues>[1]['ref']
  // A low minimum volume and one bottom rank, so the small leagues have ranks, ties and bottoms to get wrong.
  const rules = { ...DEFAULT_RULE_SET, minVolume: 2, bottomN: 1 }

  for (const seed of [21, 22, 23, 24]) {
    it(`equals reportLeagues from scratch after every change and as time passes, reading only some leagues between (seed ${seed})`, () => {
      const events = histories(seed, 80)
      const period = customPeriod('1970-01-21', '1970-02-19')
      const first = events[0]?.serverTime ?? 0
      const live = new PeriodLeagues([], { ref, rules, period, at: first })
      const current = new Map<string, Incident>()
      let ranked = 0
      events.forEach((e, n) => {
        live.advance(e.serverTime)
        const next = applyEvent(current.get(e.incidentId) ?? null, e)
        current.set(e.incidentId, next)
        live.upsert(next)
        // Read one league now and then (its changes pile up for the others), and everything at times.
        if (n % 3 === 0) live.league(UNIT_KINDS[n % UNIT_KINDS.length] as (typeof UNIT_KINDS)[number])
        if (n % 11 === 0 || n === events.length - 1) {
          const scratch = reportLeagues(current.values(), { ref, rules, period, kinds: UNIT_KINDS, at: e.serverTime })
          const kept = live.report(UNIT_KINDS)
          expect(kept).toEqual(scratch)
          ranked += kept.leagues.reduce((a, l) => a + l.ranked.length, 0)
        }
      })
      const end = (events.at(-1)?.serverTime ?? 0) + 40 * DAY
      live.advance(end)
      // A case taken out (retention) leaves with all its steps.
      const gone = [...current.keys()][5] as string
      live.remove(gone)
      current.delete(gone)
      expect(live.report(UNIT_KINDS)).toEqual(
        reportLeagues(current.values(), { ref, rules, period, kinds: UNIT_KINDS, at: end }),
      )
      // Not vacuous: units were ranked, and some had a previous score beside them.
      expect(ranked).toBeGreaterThan(20)
      expect(live.report(UNIT_KINDS).leagues.some((l) => l.ranked.some((r) => r.change !== null))).toBe(true)
    })
  }

  it('hands out the same league again when none of its units changed', () => {
    const events = histories(5, 80)
    const current = new Map<string, Incident>()
    for (const e of events) current.set(e.incidentId, applyEvent(current.get(e.incidentId) ?? null, e))
    const period = customPeriod('1970-01-21', '1970-02-19')
    const live = new PeriodLeagues(current.values(), { ref, rules, period, at: 100 * DAY })
    const towns = live.league('town')
    expect(live.league('town')).toBe(towns)
    // A case whose closing step falls due in the period: its town's figures count its failures.
    const someone = [...current.values()].find(
      (c) => c.firstDeadline !== null && c.firstDeadline >= period.from && c.firstDeadline < period.to,
    ) as Incident
    live.upsert({ ...someone, reworkCount: someone.reworkCount + 3 })
    expect(live.league('town')).not.toBe(towns)
  })
})
