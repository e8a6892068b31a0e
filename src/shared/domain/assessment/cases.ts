import type { Incident } from '../incident'
import { judgeStep } from './judge'
import type { AssessmentContext } from './ledger'
import type { Step, UnitKind } from './rules'
import { stepsOf } from './steps'

/** Which of a unit's counted cases a drill asks for (the cases behind one score line). */
export const CASE_SETS = ['counted', 'late', 'failures', 'repeat_failures', 'suspended'] as const
export type CaseSet = (typeof CASE_SETS)[number]

/**
 * The cases behind one line of a unit's card: of the unit's steps counted in the period, the late
 * ones (not done on time, not in 缓办), those that failed verification (once, or 3+ times), those
 * in 缓办, or all. Same judging as the ledger, so the count matches the figure.
 */
export function casesBehind(
  incidents: Iterable<Incident>,
  ctx: AssessmentContext,
  at: number,
  unit: { readonly kind: UnitKind | 'platform'; readonly id: string },
  step: Step,
  set: CaseSet,
): string[] {
  const out: string[] = []
  for (const i of incidents) {
    for (const s of stepsOf(i, ctx.rules, ctx.dir)) {
      if (s.step !== step) continue
      if (unit.kind !== 'platform' && !s.units.some((u) => u.kind === unit.kind && u.id === unit.id)) continue
      const j = judgeStep(s, ctx.period, at)
      if (!j) continue
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
      if (pick) out.push(i.id)
    }
  }
  return out
}
