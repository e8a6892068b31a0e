import type { Incident } from '../incident'
import type { ReferenceData } from '../reference'
import { assessmentDue, creditedMs, inSuspension } from './clock'
import type { RuleSet, Step, UnitKind } from './rules'

const HOUR = 3_600_000
const HAZARDS: ReadonlySet<string> = new Set(['fire_safety', 'gas_safety'])

export interface UnitRef {
  readonly kind: UnitKind
  readonly id: string
}

/** What the steps need from reference data: the grid tree and who works which grid. */
export interface UnitDirectory {
  /** The medium grid a small or all-subject grid belongs to; null for a medium grid or an unknown one. */
  mediumOf(gridId: string): string | null
  /** The grid workers of a grid (they verify the cases in it). */
  workersOf(gridId: string): readonly string[]
}

export function directoryFrom(ref: Pick<ReferenceData, 'grids' | 'workers'>): UnitDirectory {
  const parent = new Map(ref.grids.map((g) => [g.id, g.parentId]))
  const workers = new Map<string, string[]>()
  for (const w of ref.workers) workers.set(w.gridId, [...(workers.get(w.gridId) ?? []), w.id])
  return {
    mediumOf: (gridId) => parent.get(gridId) ?? null,
    workersOf: (gridId) => workers.get(gridId) ?? [],
  }
}

/** What the steps of a case are read from: the case's facts, without its texts and place. */
export type AssessedCase = Pick<
  Incident,
  | 'id'
  | 'status'
  | 'category'
  | 'priority'
  | 'townId'
  | 'gridId'
  | 'reportedAt'
  | 'intakeAt'
  | 'intakeBy'
  | 'firstDispatchedAt'
  | 'dispatchedBy'
  | 'assigneeKind'
  | 'assigneeId'
  | 'resolvedAt'
  | 'verifiedAt'
  | 'closedAt'
  | 'reworkCount'
  | 'deadline'
  | 'suspendedMs'
  | 'suspended'
  | 'firstDeadline'
  | 'extendedMs'
  | 'creditedSuspendedMs'
  | 'suspensionCredited'
>

/** One party's step on one case: due at `dueAt`, done at `doneAt` (null: not yet). */
export interface StepFact {
  readonly step: Step
  readonly incidentId: string
  readonly startAt: number
  readonly dueAt: number
  readonly doneAt: number | null
  /** In 缓办 (suspended, credited): out of the denominator while not done. */
  readonly suspended: boolean
  /** Suspended time left out of the step's duration. */
  readonly creditedMs: number
  /** Times the case failed verification (returned for rework). */
  readonly reworkCount: number
  /** The units this step counts for (the platform counts every step). */
  readonly units: readonly UnitRef[]
}

/**
 * One step as the judging loop sees it: a single object reused for every step of every case, so
 * judging a million cases allocates nothing per step. A visitor must not keep it (stepsOf copies).
 */
export class StepScratch implements StepFact {
  step: Step = 'intake'
  incidentId = ''
  startAt = 0
  dueAt = 0
  doneAt: number | null = null
  suspended = false
  creditedMs = 0
  reworkCount = 0
  /** The units of the step being visited (slots reused from visit to visit). */
  readonly units: UnitRef[] = []
  private readonly slots: { kind: UnitKind; id: string }[] = []

  /** The step's units: `n` of them, each set by `set(k, kind, id)`. */
  unitCount(n: number): void {
    while (this.slots.length < n) this.slots.push({ kind: 'town', id: '' })
    this.units.length = n
  }

  setUnit(k: number, kind: UnitKind, id: string): void {
    const slot = this.slots[k] as { kind: UnitKind; id: string }
    slot.kind = kind
    slot.id = id
    this.units[k] = slot
  }
}

/** The area units of a case into the scratch: its town, its small grid (if it is one) and the medium grid above. */
function setAreaUnits(s: StepScratch, i: AssessedCase, medium: string | null): void {
  s.unitCount(medium !== null ? 3 : 2)
  s.setUnit(0, 'town', i.townId)
  if (medium !== null) {
    s.setUnit(1, 'small_grid', i.gridId)
    s.setUnit(2, 'medium_grid', medium)
  } else s.setUnit(1, 'medium_grid', i.gridId)
}

function set(
  s: StepScratch,
  step: Step,
  startAt: number,
  dueAt: number,
  doneAt: number | null,
  suspended: boolean,
  creditedMs: number,
): void {
  s.step = step
  s.startAt = startAt
  s.dueAt = dueAt
  s.doneAt = doneAt
  s.suspended = suspended
  s.creditedMs = creditedMs
}

/**
 * Every step of a case and who answers for it (docs/assessment.md, "Who is judged for what"),
 * each put in `s` and handed to `visit` in turn. Pure: the same incident row gives the same
 * steps on the server and the workstation.
 */
export function visitSteps(
  i: AssessedCase,
  rules: RuleSet,
  dir: UnitDirectory,
  s: StepScratch,
  visit: (s: StepScratch) => void,
): void {
  const { intakeHours, dispatchHours, verifyHours } = rules.limits
  s.incidentId = i.id
  s.reworkCount = i.reworkCount
  set(s, 'intake', i.reportedAt, i.reportedAt + intakeHours * HOUR, i.intakeAt, false, 0)
  if (i.intakeBy !== null) {
    s.unitCount(1)
    s.setUnit(0, 'operator', i.intakeBy)
  } else s.unitCount(0)
  visit(s)
  if (i.status === 'rejected' || i.status === 'merged') return
  if (i.intakeAt !== null) {
    set(s, 'dispatch', i.intakeAt, i.intakeAt + dispatchHours * HOUR, i.firstDispatchedAt, false, 0)
    if (i.dispatchedBy !== null) {
      s.unitCount(1)
      s.setUnit(0, 'operator', i.dispatchedBy)
    } else s.unitCount(0)
    visit(s)
  }
  const due = assessmentDue(i, rules.clock)
  if (i.firstDispatchedAt === null || due === null) return
  const suspended = inSuspension(i, rules.clock)
  const credited = creditedMs(i, rules.clock)
  // The handler's own time: dispatch → its feedback (a return clears the feedback; the clock runs on).
  set(s, 'handling', i.firstDispatchedAt, due, i.resolvedAt, suspended && i.resolvedAt === null, credited)
  if (i.assigneeKind !== null && i.assigneeId !== null) {
    s.unitCount(1)
    s.setUnit(0, i.assigneeKind === 'team' ? 'team' : 'department', i.assigneeId)
  } else s.unitCount(0)
  visit(s)
  const medium = dir.mediumOf(i.gridId)
  const closingSuspended = suspended && i.closedAt === null
  for (const step of CLOSING_STEPS) {
    if (step === 'urgent_closing' && i.priority !== 'urgent') continue
    if (step === 'hazard_closing' && !HAZARDS.has(i.category)) continue
    set(s, step, i.reportedAt, due, i.closedAt, closingSuspended, credited)
    setAreaUnits(s, i, medium)
    visit(s)
  }
  if (i.resolvedAt !== null) {
    set(s, 'verify', i.resolvedAt, i.resolvedAt + verifyHours * HOUR, i.verifiedAt ?? i.closedAt, false, 0)
    const workers = dir.workersOf(i.gridId)
    s.unitCount(workers.length)
    for (let k = 0; k < workers.length; k++) s.setUnit(k, 'grid_worker', workers[k] as string)
    visit(s)
  }
}

const CLOSING_STEPS = ['closing', 'urgent_closing', 'hazard_closing'] as const

/** Every step of a case, as objects of their own (visitSteps is the one definition). */
export function stepsOf(i: AssessedCase, rules: RuleSet, dir: UnitDirectory): StepFact[] {
  const out: StepFact[] = []
  visitSteps(i, rules, dir, new StepScratch(), (s) =>
    out.push({
      step: s.step,
      incidentId: s.incidentId,
      startAt: s.startAt,
      dueAt: s.dueAt,
      doneAt: s.doneAt,
      suspended: s.suspended,
      creditedMs: s.creditedMs,
      reworkCount: s.reworkCount,
      units: s.units.map((u) => ({ kind: u.kind, id: u.id })),
    }),
  )
  return out
}
