import type { SqliteDatabase } from '@infra/sqlite'
import { DEFAULT_RULE_SET, casesBehind, directoryFrom, type Incident } from '@shared/domain'
import { buildReport, periodOf } from '../assessment/report'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import { INCIDENT_SELECT, incidentFromRow } from '../store/incident-rows'
import { ReferenceCache } from '../sync/reference-cache'

export interface AssessmentDeps {
  readonly sqlite: SqliteDatabase
  readonly status: StatusBoard
  readonly now?: () => number
}

/**
 * The assessment area's handlers: a period's league and the cases behind a line, computed from
 * the cache with the default rule set (docs/assessment.md). Cases reported after the period
 * cannot count in it, so only the earlier ones are read.
 */
export function registerAssessmentHandlers(registry: Registry, deps: AssessmentDeps): void {
  const now = () => (deps.now ?? Date.now)()
  const reference = new ReferenceCache(deps.sqlite)
  const read = async (before: number) => {
    // One snapshot: the cursor named is the one the rows were read at.
    return deps.sqlite.transaction(async (tx) => {
      const rows = await tx.all(`SELECT ${INCIDENT_SELECT} FROM incidents WHERE reported_at < ?`, [before])
      return { incidents: rows.map(incidentFromRow) as Incident[], cursor: deps.status.get().cursor }
    })
  }
  const ref = async () => (await reference.load()) ?? { grids: [], workers: [] }
  registry
    .register('assessment.report', async ({ period, unitKind }) => {
      const at = now()
      const p = periodOf(period, at)
      const [{ incidents, cursor }, r] = await Promise.all([read(p.to), ref()])
      return buildReport(incidents, { ref: r, rules: DEFAULT_RULE_SET, spec: period, unitKind, now: at, cursor })
    })
    .register('assessment.cases', async ({ period, unit, step, set }) => {
      const at = now()
      const p = periodOf(period, at)
      const [{ incidents }, r] = await Promise.all([read(p.to), ref()])
      const ids = casesBehind(
        incidents,
        { rules: DEFAULT_RULE_SET, dir: directoryFrom(r), period: p },
        at,
        unit,
        step,
        set,
      )
      return { ids, filter: { ids }, total: ids.length, computedAt: at }
    })
}
