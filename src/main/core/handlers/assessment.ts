import type { SqliteDatabase } from '@infra/sqlite'
import { previousPeriod, type RuleSet, type Span } from '@shared/domain'
import { shippedRules, type ActiveRules } from '../assessment/active-rules'
import { assessmentCaseIds, referenceFor } from '../assessment/case-ids'
import { loadPeriodCases } from '../assessment/period-cases'
import { buildReport, periodOf } from '../assessment/report'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'

export interface AssessmentDeps {
  readonly sqlite: SqliteDatabase
  readonly status: StatusBoard
  readonly now?: () => number
  /** The active rule set (default: the shipped ZS-2026.1, see active-rules.ts). */
  readonly rules?: ActiveRules
}

/**
 * The assessment area's handlers: the active rule set, a period's league and the cases behind a
 * line, computed from the cache (docs/assessment.md).
 */
export function registerAssessmentHandlers(registry: Registry, deps: AssessmentDeps): void {
  const now = () => (deps.now ?? Date.now)()
  const rules = deps.rules ?? shippedRules
  const ref = referenceFor(deps.sqlite)
  const read = async (span: Span, active: RuleSet) =>
    // One snapshot: the cursor named is the one the rows were read at. Only the cases that can
    // count in the span (period-cases.ts: a WHERE clause that is a superset), in their compact shape.
    deps.sqlite.snapshot(async (tx) => {
      const incidents = await loadPeriodCases(tx, span, active)
      return { incidents, cursor: deps.status.get().cursor }
    })
  registry
    .register('assessment.report', async ({ period, unitKind }) => {
      const at = now()
      const p = periodOf(period, at)
      const [r, active] = await Promise.all([ref(), rules.get()])
      // The period and the one before it (its scores are the change column).
      const { incidents, cursor } = await read({ from: previousPeriod(p).from, to: p.to }, active)
      return buildReport(incidents, { ref: r, rules: active, spec: period, unitKind, now: at, cursor })
    })
    .register('assessment.cases', async (line) => {
      const at = now()
      const [r, active] = await Promise.all([ref(), rules.get()])
      const ids = await assessmentCaseIds(deps.sqlite, { line, ref: r, rules: active, now: at })
      return { ids, filter: { ids }, total: ids.length, computedAt: at }
    })
}
