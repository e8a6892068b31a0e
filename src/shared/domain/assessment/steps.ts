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

/** The area units of a case: its town, its small grid (if it is one) and the medium grid above. */
function areaUnits(i: AssessedCase, dir: UnitDirectory): UnitRef[] {
  const out: UnitRef[] = [{ kind: 'town', id: i.townId }]
  const medium = dir.mediumOf(i.gridId)
  if (medium !== null) out.push({ kind: 'small_grid', id: i.gridId }, { kind: 'medium_grid', id: medium })
  else out.push({ kind: 'medium_grid', id: i.gridId })
  return out
}

/**
 * Every step of a case and who answers for it (docs/assessment.md, "Who is judged for what").
 * Pure: the same incident row gives the same steps on the server and the workstation.
 */
export function stepsOf(i: AssessedCase, rules: RuleSet, dir: UnitDirectory): StepFact[] {
  const out: StepFact[] = []
  const base = { incidentId: i.id, reworkCount: i.reworkCount }
  const { intakeHours, dispatchHours, verifyHours } = rules.limits
  out.push({
    ...base,
    step: 'intake',
    startAt: i.reportedAt,
    dueAt: i.reportedAt + intakeHours * HOUR,
    doneAt: i.intakeAt,
    suspended: false,
    creditedMs: 0,
    units: i.intakeBy !== null ? [{ kind: 'operator', id: i.intakeBy }] : [],
  })
  if (i.status === 'rejected' || i.status === 'merged') return out
  if (i.intakeAt !== null) {
    out.push({
      ...base,
      step: 'dispatch',
      startAt: i.intakeAt,
      dueAt: i.intakeAt + dispatchHours * HOUR,
      doneAt: i.firstDispatchedAt,
      suspended: false,
      creditedMs: 0,
      units: i.dispatchedBy !== null ? [{ kind: 'operator', id: i.dispatchedBy }] : [],
    })
  }
  const due = assessmentDue(i, rules.clock)
  if (i.firstDispatchedAt === null || due === null) return out
  const suspended = inSuspension(i, rules.clock)
  const credited = creditedMs(i, rules.clock)
  const handler: UnitRef[] =
    i.assigneeKind !== null && i.assigneeId !== null
      ? [{ kind: i.assigneeKind === 'team' ? 'team' : 'department', id: i.assigneeId }]
      : []
  // The handler's own time: dispatch → its feedback (a return clears the feedback; the clock runs on).
  out.push({
    ...base,
    step: 'handling',
    startAt: i.firstDispatchedAt,
    dueAt: due,
    doneAt: i.resolvedAt,
    suspended: suspended && i.resolvedAt === null,
    creditedMs: credited,
    units: handler,
  })
  const areas = areaUnits(i, dir)
  const closing = {
    ...base,
    startAt: i.reportedAt,
    dueAt: due,
    doneAt: i.closedAt,
    suspended: suspended && i.closedAt === null,
    creditedMs: credited,
    units: areas,
  }
  out.push({ ...closing, step: 'closing' })
  if (i.priority === 'urgent') out.push({ ...closing, step: 'urgent_closing' })
  if (HAZARDS.has(i.category)) out.push({ ...closing, step: 'hazard_closing' })
  if (i.resolvedAt !== null) {
    out.push({
      ...base,
      step: 'verify',
      startAt: i.resolvedAt,
      dueAt: i.resolvedAt + verifyHours * HOUR,
      doneAt: i.verifiedAt ?? i.closedAt,
      suspended: false,
      creditedMs: 0,
      units: dir.workersOf(i.gridId).map((id) => ({ kind: 'grid_worker' as const, id })),
    })
  }
  return out
}
