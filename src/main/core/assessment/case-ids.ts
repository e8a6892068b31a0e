import type { SqliteDatabase } from '@infra/sqlite'
import type { AssessmentLine, DrillKey } from '@shared/contract'
import { casesBehind, directoryFrom, type ReferenceData, type RuleSet } from '@shared/domain'
import { ReferenceCache } from '../sync/reference-cache'
import type { ActiveRules } from './active-rules'
import { loadPeriodCases } from './period-cases'
import { periodOf } from './report'

type Ref = Pick<ReferenceData, 'grids' | 'workers'>

/** The ids behind one line of a unit's card (assessment.cases, and the console's drill of it). */
export async function assessmentCaseIds(
  sqlite: SqliteDatabase,
  o: { line: AssessmentLine; ref: Ref; rules: RuleSet; now: number },
): Promise<string[]> {
  const period = periodOf(o.line.period, o.now)
  // A frozen report's line: judged at the report's instant (under its rules, which the caller resolved).
  const at = o.line.asOf ? Math.min(o.line.asOf.evaluatedAt, o.now) : o.now
  const incidents = await loadPeriodCases(sqlite, period, o.rules)
  return casesBehind(
    incidents,
    { rules: o.rules, dir: directoryFrom(o.ref), period },
    at,
    o.line.unit,
    o.line.step,
    o.line.set,
  )
}

/** The reference data assessment needs (grid tree, grid workers), empty until the first sync. */
export function referenceFor(sqlite: SqliteDatabase): () => Promise<Ref> {
  const reference = new ReferenceCache(sqlite)
  return async () => (await reference.load()) ?? { grids: [], workers: [] }
}

/**
 * The ids an `assessment` drill key names (the console opens a card's line like a dashboard
 * number); any other key needs none.
 */
export async function drillAssessed(
  sqlite: SqliteDatabase,
  key: DrillKey,
  now: number,
  rules: ActiveRules,
): Promise<string[]> {
  if (key.metric !== 'assessment' || !key.assessment) return []
  const [ref, active] = await Promise.all([referenceFor(sqlite)(), rulesOfLine(key.assessment, rules)])
  return assessmentCaseIds(sqlite, { line: key.assessment, ref, rules: active, now })
}

/** The rules a line is judged with: a frozen report's own revision, else the active rules. */
export function rulesOfLine(line: AssessmentLine, rules: ActiveRules): Promise<RuleSet> {
  const asOf = line.asOf
  return asOf && rules.revision ? rules.revision(asOf.ruleSetRevision) : rules.get()
}
