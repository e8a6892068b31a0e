import { judgeStep, type Judgement, type Span } from './judge'
import type { RuleSet, Step, UnitKind } from './rules'
import { stepsOf, type AssessedCase, type StepFact, type UnitDirectory } from './steps'
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

type Entry = readonly [StepFact, Judgement]
const PLATFORM = '\u0000platform'
const keyOf = (kind: UnitKind, id: string) => `${kind}\u0000${id}`

/**
 * A period's assessment kept current one incident at a time: each incident's judged steps are
 * held, so a change takes its old contribution out and puts the new one in, and moving the clock
 * re-judges only the incidents with a step still open. Building one from scratch is adding every
 * incident to an empty ledger; test/unit/domain/assessment-ledger.test.ts checks the two agree.
 */
export class AssessmentLedger {
  private readonly tallies = new Map<string, Map<Step, StepTally>>()
  private readonly held = new Map<string, { incident: AssessedCase; entries: Entry[] }>()
  /** Incidents with a step whose judgement can still change as time passes. */
  private readonly moving = new Set<string>()

  constructor(
    private readonly ctx: AssessmentContext,
    private at: number,
  ) {}

  get evaluatedAt(): number {
    return Math.min(this.at, this.ctx.period.to)
  }

  upsert(incident: AssessedCase): void {
    this.remove(incident.id)
    const entries: Entry[] = []
    let moving = false
    const t = this.evaluatedAt
    for (const s of stepsOf(incident, this.ctx.rules, this.ctx.dir)) {
      if (t < this.ctx.period.to && (s.doneAt === null || s.doneAt > t)) moving = true
      const j = judgeStep(s, this.ctx.period, this.at)
      if (j === null) continue
      entries.push([s, j])
      this.apply(s, j, 1)
    }
    this.held.set(incident.id, { incident, entries })
    if (moving) this.moving.add(incident.id)
  }

  remove(id: string): void {
    const before = this.held.get(id)
    if (!before) return
    for (const [s, j] of before.entries) this.apply(s, j, -1)
    this.held.delete(id)
    this.moving.delete(id)
  }

  /** Moves the evaluation time forward (the live screen's clock). */
  advance(at: number): void {
    if (at < this.at) throw new Error('the assessment clock only moves forward')
    this.at = at
    for (const id of [...this.moving]) {
      const h = this.held.get(id)
      if (h) this.upsert(h.incident)
    }
  }

  /** Figures of every unit of a kind that has any counted step. */
  units(kind: UnitKind): UnitFigures[] {
    const out: UnitFigures[] = []
    const prefix = `${kind}\u0000`
    for (const [key, steps] of this.tallies) {
      if (!key.startsWith(prefix)) continue
      out.push({ kind, id: key.slice(prefix.length), steps: figuresOf(steps) })
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** The platform-wide figures (every step of every case). */
  platform(): Partial<Record<Step, StepFigures>> {
    return figuresOf(this.tallies.get(PLATFORM) ?? new Map())
  }

  private apply(s: StepFact, j: Judgement, sign: 1 | -1): void {
    this.tally(PLATFORM, s.step).add(s, j, sign)
    for (const u of s.units) this.tally(keyOf(u.kind, u.id), s.step).add(s, j, sign)
    if (sign === -1) {
      this.prune(PLATFORM, s.step)
      for (const u of s.units) this.prune(keyOf(u.kind, u.id), s.step)
    }
  }

  private tally(key: string, step: Step): StepTally {
    let steps = this.tallies.get(key)
    if (!steps) this.tallies.set(key, (steps = new Map()))
    let t = steps.get(step)
    if (!t) steps.set(step, (t = new StepTally()))
    return t
  }

  private prune(key: string, step: Step): void {
    const steps = this.tallies.get(key)
    if (!steps?.get(step)?.empty) return
    steps.delete(step)
    if (steps.size === 0) this.tallies.delete(key)
  }
}

function figuresOf(steps: ReadonlyMap<Step, StepTally>): Partial<Record<Step, StepFigures>> {
  const out: Partial<Record<Step, StepFigures>> = {}
  for (const [step, t] of steps) out[step] = t.figures()
  return out
}

/** A period's assessment from scratch: every incident judged once. */
export function assessPeriod(incidents: Iterable<AssessedCase>, ctx: AssessmentContext, at: number): AssessmentLedger {
  const ledger = new AssessmentLedger(ctx, at)
  for (const i of incidents) ledger.upsert(i)
  return ledger
}
