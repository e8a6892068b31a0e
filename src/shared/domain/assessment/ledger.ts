import { judgeInto, JudgementScratch, type Span } from './judge'
import { STEPS, type RuleSet, type Step, type UnitKind } from './rules'
import { StepScratch, visitSteps, type AssessedCase, type UnitDirectory, type UnitRef } from './steps'
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

const STEP_INDEX: Record<Step, number> = Object.fromEntries(STEPS.map((s, i) => [s, i])) as Record<Step, number>
/** One unit's tallies, by step index (STEPS order), and its figures as last read (null: changed since). */
interface Tallies {
  readonly steps: (StepTally | undefined)[]
  figures: UnitFigures | null
}

/**
 * A period's assessment kept current one incident at a time: a change takes the incident's old
 * contribution out (its steps judged again as they were added) and puts the new one in, and
 * moving the clock re-judges only the incidents with a step still open. Building one from scratch
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
  /** Incidents with a step whose judgement can still change as time passes. */
  private readonly moving = new Set<string>()
  private readonly step = new StepScratch()
  private readonly judged = new JudgementScratch()
  /** The visit in progress: +1 adding, −1 taking out; whether the incident has a step still open. */
  private sign: 1 | -1 = 1
  private isMoving = false
  private readonly visit = (s: StepScratch): void => {
    const t = this.evaluatedAt
    if (t < this.ctx.period.to && (s.doneAt === null || s.doneAt > t)) this.isMoving = true
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
    const again: AssessedCase[] = []
    for (const id of [...this.moving]) {
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

  /** The platform-wide figures (every step of every case). */
  platform(): Partial<Record<Step, StepFigures>> {
    return figuresOf(this.platformTallies)
  }

  private add(incident: AssessedCase): void {
    this.sign = 1
    this.isMoving = false
    visitSteps(incident, this.ctx.rules, this.ctx.dir, this.step, this.visit)
    this.held.set(incident.id, incident)
    if (this.isMoving) this.moving.add(incident.id)
  }

  private apply(s: StepScratch, j: JudgementScratch, sign: 1 | -1): void {
    const k = STEP_INDEX[s.step]
    add(this.platformTallies, k, s, j, sign)
    for (let u = 0; u < s.units.length; u++) {
      const unit = s.units[u] as UnitRef
      let ids = this.byKind.get(unit.kind)
      if (!ids) this.byKind.set(unit.kind, (ids = new Map()))
      let tallies = ids.get(unit.id)
      if (!tallies) ids.set(unit.id, (tallies = { steps: [], figures: null }))
      add(tallies, k, s, j, sign)
      if (sign === -1 && tallies.steps.every((t) => t === undefined)) ids.delete(unit.id)
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
