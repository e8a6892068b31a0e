import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPEN_SQL } from '../../../src/main/core/aggregates/sql'
import { INCIDENT_COLUMNS, incidentParams } from '../../../src/main/core/store/incident-rows'
import { getIncidents } from '../../../src/main/core/store/incident-queries'
import { openStore } from '../../../src/main/core/store/open-store'
import { OPEN_CASES_SQL } from '../../../src/main/core/store/sort-expressions'
import { sortIndex, tableOrder } from '../../../src/main/core/store/table-sql'
import { TABLE_SORT_COLUMNS } from '@shared/contract'
import { baseIncident } from '../../support/incident'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before: migrationsBefore } = migrationDirs()

describe('migration 0005_console_sort_indexes', () => {
  it('upgrades a 0004 store with cached cases: every case kept, every sort key read from its own index', async () => {
    const data = path.join(dir(), 'data')
    const before = await openStore(data, await migrationsBefore('0005_console_sort_indexes'))
    const cases = Array.from({ length: 50 }, (_, i) =>
      baseIncident({ id: `c${i}`, code: `ZS-${i}`, title: `t${i % 7}`, reportedAt: i * 1000, status: 'dispatched' }),
    )
    // The columns a 0004 store has (later migrations add more; see 0006_incident_handling and
    // 0007_assessment_facts, whose backfill derives the facts from the row; 0010 the dispatch's deadline reason).
    const later = new Set([
      'pending_request',
      'extensions',
      'sent_back_from',
      'former_assignees',
      'overdue_when_suspended',
      'intake_at',
      'intake_by',
      'first_dispatched_at',
      'dispatched_by',
      'first_deadline',
      'extended_ms',
      'credited_suspended_ms',
      'suspension_credited',
      'deadline_reason',
    ])
    const keep = INCIDENT_COLUMNS.map((c, i) => [c, i] as const).filter(([c]) => !later.has(c))
    for (const c of cases) {
      const params = incidentParams(c)
      await before.sqlite.run(
        `INSERT INTO incidents (${keep.map(([col]) => col).join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`,
        keep.map(([, i]) => params[i] ?? null),
      )
    }
    await before.close()

    const after = await openStore(data, MIGRATIONS)
    try {
      const kept = await getIncidents(
        after.sqlite,
        cases.map((c) => c.id),
      )
      expect(cases.map((c) => ({ ...kept.get(c.id), stale: undefined }))).toEqual(
        cases.map((c) => ({ ...c, stale: undefined })),
      )
      // Each sort key's block is read in its index's order, with no sort step.
      for (const col of TABLE_SORT_COLUMNS) {
        for (const dir of ['asc', 'desc'] as const) {
          const plan = await after.sqlite.all(
            `EXPLAIN QUERY PLAN SELECT rowid FROM incidents INDEXED BY ${sortIndex(col, dir)} ${tableOrder([{ col, dir }])} LIMIT 50 OFFSET 10`,
          )
          const detail = plan.map((r) => String(r.detail)).join(' | ')
          expect(detail, `${col} ${dir}`).toContain(sortIndex(col, dir))
          expect(detail, `${col} ${dir}`).not.toContain('TEMP B-TREE')
        }
      }
      // The overdue and hazards counts read the partial indexes of open cases.
      const overdue = await after.sqlite.all(
        `EXPLAIN QUERY PLAN SELECT count(*) FROM incidents WHERE (${OPEN_SQL} AND suspended = 0 AND deadline IS NOT NULL AND ? > deadline + suspended_ms)`,
        [Date.now()],
      )
      expect(overdue.map((r) => String(r.detail)).join(' | ')).toContain('incidents_overdue_idx')
    } finally {
      await after.close()
    }
  })

  it('spells "open" as the aggregates do, so the partial indexes serve their queries', () => {
    expect(OPEN_CASES_SQL).toBe(OPEN_SQL)
  })
})
