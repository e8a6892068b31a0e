import { judgeInto, JudgementScratch, type Span } from './judge'
import { STEPS, type RuleSet, type Step, type UnitKind } from './rules'
import { StepScratch, visitSteps, type AssessedCase, type UnitDirectory, type UnitRef } from './steps'
import { MinHeap } from './min-heap'
import { StepTally, type StepFigures } from './tally'

export interface AssessmentContext {
  readonly rules: RuleSet
  readonly dir: UnitDirectory
  readonly period: Span
}

/** One unit's figures in a period, per step it answers for. */
export interface UnitFigures {
  readonly kind: UnitKind
  readonly id: string
  readonly steps: Partial<Record<Step, StepFigures>>
}

const EMPTY: ReadonlySet<string> = new Set()
const STEP_INDEX: Record<Step, number> = Object.fromEntries(STEPS.map((s, i) => [s, i])) as Record<Step, number>
/** One unit's tallies, by step index (STEPS order), and its figures as last read (null: changed since). */
interface Tallies {
  readonly steps: (StepTally | undefined)[]
  figures: UnitFigures | null
}

/**
 * A period's assessment kept current one incident at a time: a change takes the incident's old
 * contribution out (its steps judged again as they were added) and puts the new one in, and
 * moving the clock re-judges only the incidents whose judgement changes by the new time (a step
 * done or due, or the period begun, in between). Building one from scratch
 * is adding every incident to an empty ledger; test/unit/domain/assessment-ledger.test.ts checks
 * the two agree.
 *
 * Only the incidents are held, not their judged steps: a step is re-derived when it has to come
 * out (rare), so judging a million cases keeps no per-step objects alive (one reused StepScratch
 * and JudgementScratch; the tallies are keyed by unit kind, then id, then step index).
 */
export class AssessmentLedger {
  private readonly byKind = new Map<UnitKind, Map<string, Tallies>>()
  private readonly platformTallies: Tallies = { steps: [], figures: null }
  private readonly held = new Map<string, AssessedCase>()
  /** Units whose figures changed since their kind's changes were last taken (takeChanges). */
  private readonly changed = new Map<UnitKind, Set<string>>()
  /**
   * Incidents whose judgement changes when the evaluation time reaches an instant (a step's done
   * or due time, or the period's start), by that instant; the heap orders them (entries whose
   * instant no longer matches `moving` are stale and skipped).
   */
  private readonly moving = new Map<string, number>()
  private readonly wakeups = new MinHeap()
  private readonly step = new StepScratch()
  /** The unit last found for each unit slot of a step (see apply). */
  private readonly slots: { kind: UnitKind; id: string; tallies: Tallies }[] = []
  private readonly judged = new JudgementScratch()
  /** The visit in progress: +1 adding, −1 taking out; whether the incident has a step still open. */
  private sign: 1 | -1 = 1
  /** The earliest instant at which the visited incident's judgement can change (Infinity: never). */
  private nextAt = Number.POSITIVE_INFINITY
  private readonly visit = (s: StepScratch): void => {
    if (this.sign === 1) {
      // judgeInto reads the evaluation time t only through doneAt ≤ t, dueAt < t and from ≤ t:
      // nothing changes until t reaches one of those not yet reached (and never past the period).
      const t = this.evaluatedAt
      const { from, to } = this.ctx.period
      let x = this.nextAt
      if (s.doneAt !== null && s.doneAt > t && s.doneAt < x) x = s.doneAt
      if (s.dueAt >= t && s.dueAt < x) x = s.dueAt
      if (from > t && from < x) x = from
      if (x <= to) this.nextAt = x
    }
    if (!judgeInto(s, this.ctx.period, this.at, this.judged)) return
    this.apply(s, this.judged, this.sign)
  }

  constructor(
    private readonly ctx: AssessmentContext,
    private at: number,
  ) {}

  get evaluatedAt(): number {
    return Math.min(this.at, this.ctx.period.to)
  }

  upsert(incident: AssessedCase): void {
    this.remove(incident.id)
    this.add(incident)
  }

  /** Adds an incident not held yet (a from-scratch build: no lookup for an old contribution). */
  insert(incident: AssessedCase): void {
    const before = this.held.size
    this.add(incident)
    if (this.held.size === before) throw new Error(`incident ${incident.id} was inserted twice`)
  }

  remove(id: string): void {
    const before = this.held.get(id)
    if (!before) return
    // Judged at the same instant it was added at (advance takes moving ones out before moving the clock).
    this.sign = -1
    visitSteps(before, this.ctx.rules, this.ctx.dir, this.step, this.visit)
    this.held.delete(id)
    this.moving.delete(id)
  }

  /** Moves the evaluation time forward (the live screen's clock). */
  advance(at: number): void {
    if (at < this.at) throw new Error('the assessment clock only moves forward')
    const t = Math.min(at, this.ctx.period.to)
    // Only the incidents with an instant reached by the new evaluation time are judged again.
    const again: AssessedCase[] = []
    while (this.wakeups.size > 0 && this.wakeups.peekKey() <= t) {
      const { key, id } = this.wakeups.pop()
      if (this.moving.get(id) !== key) continue
      const h = this.held.get(id)
      if (!h) continue
      again.push(h)
      this.remove(id)
    }
    this.at = at
    for (const h of again) this.add(h)
  }

  /**
   * Figures of every unit of a kind that has any counted step. A unit unchanged since the last
   * read is the same object again, so a caller can keep what it derived from it (scoreUnit's memo).
   */
  units(kind: UnitKind): UnitFigures[] {
    const out: UnitFigures[] = []
    for (const [id, tallies] of this.byKind.get(kind) ?? [])
      out.push((tallies.figures ??= { kind, id, steps: figuresOf(tallies) }))
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** One unit's figures (the same object while it is unchanged), or null when it has no counted step. */
  unit(kind: UnitKind, id: string): UnitFigures | null {
    const tallies = this.byKind.get(kind)?.get(id)
    if (!tallies) return null
    return (tallies.figures ??= { kind, id, steps: figuresOf(tallies) })
  }

  /**
   * The ids of the units of a kind whose figures changed (or that came or went) since the last
   * call for that kind: a live league re-scores and re-places only these.
   */
  takeChanges(kind: UnitKind): ReadonlySet<string> {
    const ids = this.changed.get(kind)
    if (!ids) return EMPTY
    this.changed.delete(kind)
    return ids
  }

  /** The held cases (what a from-scratch recomputation of this ledger would judge). */
  cases(): IterableIterator<AssessedCase> {
    return this.held.values()
  }

  /** The platform-wide figures (every step of every case). */
  platform(): Partial<Record<Step, StepFigures>> {
    return figuresOf(this.platformTallies)
  }

  private add(incident: AssessedCase): void {
    this.sign = 1
    this.nextAt = Number.POSITIVE_INFINITY
    visitSteps(incident, this.ctx.rules, this.ctx.dir, this.step, this.visit)
    this.held.set(incident.id, incident)
    if (this.nextAt !== Number.POSITIVE_INFINITY) {
      this.moving.set(incident.id, this.nextAt)
      this.wakeups.push(this.nextAt, incident.id)
      // A live ledger re-adds changed incidents: drop the stale entries before they outnumber the live ones.
      if (this.wakeups.size > 2 * this.moving.size + 4096) {
        this.wakeups.clear()
        for (const [id, key] of this.moving) this.wakeups.push(key, id)
      }
    }
  }

  private mark(kind: UnitKind, id: string): void {
    let changed = this.changed.get(kind)
    if (!changed) this.changed.set(kind, (changed = new Set()))
    changed.add(id)
  }

  private apply(s: StepScratch, j: JudgementScratch, sign: 1 | -1): void {
    const k = STEP_INDEX[s.step]
    add(this.platformTallies, k, s, j, sign)
    for (let u = 0; u < s.units.length; u++) {
      const unit = s.units[u] as UnitRef
      // The steps of one case mostly name the same units in the same slots (its three closing steps:
      // its town and grids): the unit last found in this slot is checked before the maps.
      let tallies: Tallies | undefined
      const memo = this.slots[u]
      if (memo && memo.id === unit.id && memo.kind === unit.kind) tallies = memo.tallies
      else {
        let ids = this.byKind.get(unit.kind)
        if (!ids) this.byKind.set(unit.kind, (ids = new Map()))
        tallies = ids.get(unit.id)
        // A unit is marked changed when it appears (a from-scratch build marks each unit once, not each step).
        if (!tallies) {
          ids.set(unit.id, (tallies = { steps: [], figures: null }))
          this.mark(unit.kind, unit.id)
        }
        if (memo) {
          memo.kind = unit.kind
          memo.id = unit.id
          memo.tallies = tallies
        } else this.slots[u] = { kind: unit.kind, id: unit.id, tallies }
      }
      // … and when figures already read are invalidated.
      if (tallies.figures !== null) this.mark(unit.kind, unit.id)
      add(tallies, k, s, j, sign)
      if (sign === -1 && tallies.steps.every((t) => t === undefined)) {
        this.byKind.get(unit.kind)?.delete(unit.id)
        this.mark(unit.kind, unit.id)
        // The unit is gone from the maps: no slot may hand it out again.
        this.slots.length = 0
      }
    }
  }
}

/** Adds one judged step to a unit's tally of that step (created on first use, dropped when empty again). */
function add(tallies: Tallies, k: number, s: StepScratch, j: JudgementScratch, sign: 1 | -1): void {
  tallies.figures = null
  let t = tallies.steps[k]
  if (!t) tallies.steps[k] = t = new StepTally()
  t.add(s, j, sign)
  if (sign === -1 && t.empty) tallies.steps[k] = undefined
}

function figuresOf(tallies: Tallies): Partial<Record<Step, StepFigures>> {
  const out: Partial<Record<Step, StepFigures>> = {}
  for (let k = 0; k < tallies.steps.length; k++) {
    const t = tallies.steps[k]
    if (t) out[STEPS[k] as Step] = t.figures()
  }
  return out
}

/** A period's assessment from scratch: every incident judged once. */
export function assessPeriod(incidents: Iterable<AssessedCase>, ctx: AssessmentContext, at: number): AssessmentLedger {
  const ledger = new AssessmentLedger(ctx, at)
  for (const i of incidents) ledger.upsert(i)
  return ledger
}
