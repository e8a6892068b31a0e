import { loadavg } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { SqliteDatabase } from '@infra/sqlite'
import {
  DEFAULT_RULE_SET,
  UNIT_KINDS,
  assessPeriod,
  directoryFrom,
  periodAt,
  rankUnits,
  scoreUnit,
  type AssessmentLedger,
  type AssessmentContext,
} from '@shared/domain'
import { loadCases, loadPeriodCases } from '../src/main/core/assessment/period-cases'
import { openStore, STORE_FILE } from '../src/main/core/store/open-store'
import { generateReference } from '../src/server/reference/generate'
import { seedLargeCache } from '../test/support/large-cache'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, round, withTempDir } from './sync-bench-util'

/**
 * A quarter's assessment (docs/assessment.md) for every unit kind over a workstation cache of a
 * million cases (BENCH_ASSESSMENT_CASES overrides it), generated straight into the store
 * (test/support/large-cache.ts) over the 100 days up to the quarter's end, with the assessment
 * facts filled in. Measured:
 * - full quarter: the period's cases read from SQLite (one WHERE clause, src/main/core/assessment/
 *   period-cases.ts) and judged, scored and ranked for all seven unit kinds with the shared ledger;
 * - refresh after 200 changes: those 200 cases read again and put through the same ledger
 *   (incremental: each one's old contribution out, its new one in), and every league re-ranked
 *   (only the units whose figures changed are scored again: the ledger hands out the same figures
 *   object for an unchanged unit and scoreUnit remembers it). The JSON the two computations are
 *   compared by is made outside the timed parts.
 * Baseline in the same run: the from-scratch recomputation after the same changes (everything
 * read and judged again), whose figures must equal the incremental ones (the run fails if not).
 */
const CASES = Number(process.env.BENCH_ASSESSMENT_CASES ?? 1_000_000)
const CHANGES = 200
const DAY = 86_400_000

/** Every league ranked, and the platform's figures: what a refresh produces. */
function leagues(ledger: AssessmentLedger) {
  const rules = DEFAULT_RULE_SET
  const out = UNIT_KINDS.map((kind) =>
    rankUnits(
      ledger.units(kind).map((f) => scoreUnit(f, rules)),
      rules,
    ),
  )
  return { out, platform: ledger.platform() }
}

/** The same as text, for comparing two computations (outside the timed parts). */
const text = (l: ReturnType<typeof leagues>): string => JSON.stringify(l)

export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const reference = generateReference().data
    const quarter = periodAt('quarter', Date.UTC(2026, 7, 15))
    const store = await openStore(dir, MIGRATIONS)
    await store.sqlite.run('INSERT INTO reference_data (id, version, data, fetched_at) VALUES (1, ?, ?, ?)', [
      reference.version,
      JSON.stringify(reference),
      Date.now(),
    ])
    await store.close()
    const file = path.join(dir, STORE_FILE)
    const seeded = await seedLargeCache(file, { count: CASES, reference, newestAt: quarter.to - 3_600_000, days: 100 })
    process.stderr.write(`assessment: ${CASES.toLocaleString('en-US')} cases generated in ${seeded.ms} ms\n`)
    const db = await SqliteDatabase.open(file)
    try {
      // The facts the sync engine keeps for assessment (the generator predates them): intake 15 min after
      // the report by one of 40 operators, first dispatch and deadline as cached, the last change at the
      // latest step; about one case in 25 kept its original deadline before a later reassignment.
      await db.exec(`
        UPDATE incidents SET
          intake_at = CASE WHEN status <> 'reported' THEN reported_at + 900000 END,
          intake_by = CASE WHEN status <> 'reported' THEN 'op-' || (abs(random()) % 40) END,
          first_dispatched_at = dispatched_at,
          dispatched_by = CASE WHEN dispatched_at IS NOT NULL THEN 'op-' || (abs(random()) % 40) END,
          first_deadline = CASE WHEN deadline IS NOT NULL AND abs(random()) % 25 = 0 THEN deadline - 7200000 ELSE deadline END,
          suspension_credited = suspended,
          updated_at = max(updated_at, coalesce(closed_at, 0), coalesce(verified_at, 0), coalesce(resolved_at, 0));
        PRAGMA wal_checkpoint(TRUNCATE);`)
      const ctx: AssessmentContext = {
        rules: DEFAULT_RULE_SET,
        dir: directoryFrom(reference),
        period: quarter,
      }
      const at = quarter.to + DAY

      // Full quarter, from the cache.
      const t0 = performance.now()
      const cases = await db.snapshot((tx) => loadPeriodCases(tx, quarter, DEFAULT_RULE_SET))
      const t1 = performance.now()
      const ledger = assessPeriod(cases, ctx, at)
      const ranked = leagues(ledger)
      const t2 = performance.now()
      const before = text(ranked)

      // The WHERE clause is only a prefilter: judging every cached case gives the same figures.
      const every = await db.snapshot((tx) =>
        loadPeriodCases(
          tx,
          { from: -8.64e15, to: quarter.to },
          { ...DEFAULT_RULE_SET, limits: { intakeHours: 1e6, dispatchHours: 1, verifyHours: 1 } },
        ),
      )
      if (text(leagues(assessPeriod(every, ctx, at))) !== before)
        throw new Error('the period prefilter dropped a case that counts')

      // 200 changes inside the quarter: some open cases closed late, some closed ones returned for rework.
      const picked = await db.all(
        `SELECT id, status FROM incidents WHERE reported_at >= ? AND reported_at < ? AND first_deadline IS NOT NULL
         ORDER BY abs(random()) LIMIT ?`,
        [quarter.from, quarter.to - 10 * DAY, CHANGES],
      )
      const ids = picked.map((r) => String(r.id))
      await db.transaction(async (tx) => {
        for (const r of picked) {
          if (r.status === 'closed')
            await tx.run(
              'UPDATE incidents SET rework_count = rework_count + 1, updated_at = updated_at + 1 WHERE id = ?',
              [String(r.id)],
            )
          else
            await tx.run(
              `UPDATE incidents SET status = 'closed', resolved_at = first_deadline + 3600000, verified_at = first_deadline + 7200000,
                 closed_at = first_deadline + 7200000, suspended = 0, updated_at = first_deadline + 7200000 WHERE id = ?`,
              [String(r.id)],
            )
        }
      })

      const t3 = performance.now()
      for (const c of await loadCases(db, ids)) ledger.upsert(c)
      const refreshed = leagues(ledger)
      const t4 = performance.now()
      const incremental = text(refreshed)

      const t5 = performance.now()
      const again = await db.snapshot((tx) => loadPeriodCases(tx, quarter, DEFAULT_RULE_SET))
      const recomputed = leagues(assessPeriod(again, ctx, at))
      const t6 = performance.now()
      const scratch = text(recomputed)
      if (scratch !== incremental)
        throw new Error('the incremental refresh differs from the from-scratch recomputation')
      if (scratch === before) throw new Error('the 200 changes changed no figure (the bench would measure nothing)')

      const load = `load ${loadavg()[0]?.toFixed(1)} on ${String((await import('node:os')).cpus().length)} cores`
      const full = t2 - t0
      const refresh = t4 - t3
      return [
        {
          name: `assessment: full quarter ${quarter.label}, 7 unit kinds, ${CASES.toLocaleString('en-US')} cached (${cases.length.toLocaleString('en-US')} in the period; read ${Math.round(t1 - t0)} ms + judge/score/rank ${Math.round(t2 - t1)} ms)`,
          value: round(full, 0),
          unit: 'ms',
          baseline: `${load}`,
          target: '≤ 2,000 ms',
          pass: full <= 2000,
        },
        {
          name: `assessment: refresh after ${CHANGES} changes (read them + ledger + re-rank 7 leagues)`,
          value: round(refresh, 1),
          unit: 'ms',
          baseline: `from-scratch recomputation, same run: ${Math.round(t6 - t5).toLocaleString('en-US')} ms (equal figures)`,
          target: '≤ 50 ms',
          pass: refresh <= 50,
        },
      ]
    } finally {
      await db.close()
    }
  })
}
