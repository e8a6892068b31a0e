import type { SqliteDatabase } from '@infra/sqlite'
import { shippedRules, type ActiveRules } from '../assessment/active-rules'
import { assessmentCaseIds, referenceFor, rulesOfLine } from '../assessment/case-ids'
import { LiveAssessment } from '../assessment/live-assessment'
import { periodOf, reportsFrom } from '../assessment/report'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'

export interface AssessmentDeps {
  readonly sqlite: SqliteDatabase
  readonly status: StatusBoard
  readonly now?: () => number
  /** The active rule set (default: the shipped ZS-2026.1, see active-rules.ts). */
  readonly rules?: ActiveRules
  /** The periods kept between requests (core.ts shares one with the exports); none kept without it. */
  readonly live?: LiveAssessment
}

/**
 * The assessment area's handlers: the active rule set, a period's league and the cases behind a
 * line, computed from the cache (docs/assessment.md).
 */
export function registerAssessmentHandlers(registry: Registry, deps: AssessmentDeps): void {
  const now = () => (deps.now ?? Date.now)()
  const rules = deps.rules ?? shippedRules
  const ref = referenceFor(deps.sqlite)
  const live = deps.live ?? new LiveAssessment({ db: deps.sqlite, status: deps.status })
  registry
    .register('assessment.report', async ({ period, unitKind }) => {
      const at = now()
      const p = periodOf(period, at)
      const [r, active] = await Promise.all([ref(), rules.get()])
      // The period kept since the last request, brought up to date (live-assessment.ts): only the
      // cases changed since are read and judged again, only the leagues they touch re-ranked.
      const { leagues, cursor } = await live.leagues(p, active, r, at)
      const [report] = reportsFrom(leagues.report([unitKind]), { rules: active, period: p, now: at, cursor })
      if (!report) throw new Error('no league computed')
      return report
    })
    .register('assessment.cases', async (line) => {
      const at = now()
      const [r, active] = await Promise.all([ref(), rulesOfLine(line, rules)])
      const ids = await assessmentCaseIds(deps.sqlite, { line, ref: r, rules: active, now: at })
      return { ids, filter: { ids }, total: ids.length, computedAt: at }
    })
}
