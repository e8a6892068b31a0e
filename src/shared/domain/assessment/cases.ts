import { judgeInto, JudgementScratch } from './judge'
import type { AssessmentContext } from './ledger'
import type { Step, UnitKind } from './rules'
import { StepScratch, visitSteps, type AssessedCase } from './steps'

/** Which of a unit's counted cases a drill asks for (the cases behind one score line). */
export const CASE_SETS = ['counted', 'late', 'failures', 'repeat_failures', 'suspended'] as const
export type CaseSet = (typeof CASE_SETS)[number]

/**
 * The cases behind one line of a unit's card: of the unit's steps counted in the period, the late
 * ones (not done on time, not in 缓办), those that failed verification (once, or 3+ times), those
 * in 缓办, or all. Same judging as the ledger, so the count matches the figure.
 */
export function casesBehind(
  incidents: Iterable<AssessedCase>,
  ctx: AssessmentContext,
  at: number,
  unit: { readonly kind: UnitKind | 'platform'; readonly id: string },
  step: Step,
  set: CaseSet,
): string[] {
  const out: string[] = []
  const scratch = new StepScratch()
  const j = new JudgementScratch()
  const visit = (s: StepScratch) => {
    if (s.step !== step) return
    if (unit.kind !== 'platform' && !s.units.some((u) => u.kind === unit.kind && u.id === unit.id)) return
    if (!judgeInto(s, ctx.period, at, j)) return
    const pick =
      set === 'counted'
        ? true
        : set === 'suspended'
          ? j.suspended
          : j.suspended
            ? false
            : set === 'late'
              ? !j.onTime
              : set === 'failures'
                ? s.reworkCount > 0
                : s.reworkCount >= 3
    if (pick) out.push(s.incidentId)
  }
  for (const i of incidents) visitSteps(i, ctx.rules, ctx.dir, scratch, visit)
  return out
}
