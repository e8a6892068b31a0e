import { SqliteDatabase } from '@infra/sqlite'
import { CATEGORIES, PRIORITY_FACTOR, type ReferenceData } from '@shared/domain'
import { TITLES } from '../../src/server/sim/titles'

/**
 * A large cache of months of cases, generated straight into a workstation's
 * store file with a few bulk SQL statements (a million rows in well under a
 * minute), for the console's e2e tests and benchmarks. The store must exist and
 * be migrated (a host has run on it) and no process may have it open.
 *
 * Rows look like what the sync engine writes: consistent lifecycles (a closed
 * case was dispatched, has a handler and a deadline), the district's real
 * towns, grids and departments, each category's titles and deadlines. They are
 * not on any server: reported before `newestAt`, so cases the server sends
 * (reported now) sort above them, and never touched by sync.
 */
export interface LargeCacheOptions {
  readonly count: number
  /** The district's reference data (towns, grids, departments): the store's own when omitted. */
  readonly reference?: ReferenceData
  /** The newest generated report (default: an hour ago); the others reach `days` further back. */
  readonly newestAt?: number
  /** How far back the reports reach from `newestAt` (default 60 days, inside retention). */
  readonly days?: number
  /** Id prefix (ids are prefix + seven digits, 0 the newest). */
  readonly idPrefix?: string
}

export interface LargeCacheResult {
  readonly count: number
  readonly ms: number
}

const HOUR = 3_600_000
const DEPARTMENT_OF: Record<string, string> = Object.fromEntries(CATEGORIES.map((c) => [c.id, c.defaultDepartment]))

async function readReference(db: SqliteDatabase): Promise<ReferenceData> {
  const row = await db.get('SELECT data FROM reference_data WHERE id = 1')
  if (!row) throw new Error('the store has no reference data yet: let the workstation sync once first')
  return JSON.parse(String(row.data)) as ReferenceData
}

/** Rows into a temp table in one statement per 500 (values bound, never spliced into SQL). */
async function fill(db: SqliteDatabase, table: string, columns: string[], rows: (string | number)[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500)
    const ph = chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',')
    await db.run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${ph}`, chunk.flat())
  }
}

export async function seedLargeCache(storeFile: string, options: LargeCacheOptions): Promise<LargeCacheResult> {
  const started = Date.now()
  const db = await SqliteDatabase.open(storeFile)
  try {
    const reference = options.reference ?? (await readReference(db))
    const newestAt = options.newestAt ?? Date.now() - HOUR
    const spanMs = (options.days ?? 60) * 24 * HOUR
    const prefix = options.idPrefix ?? 'bulk-'
    const towns = new Map(reference.towns.map((t) => [t.id, t.name]))
    const grids = reference.grids.filter((g) => g.level !== 'medium')
    if (grids.length === 0) throw new Error('no grids in the reference data')

    await db.exec(`
      PRAGMA temp_store = MEMORY;
      DROP TABLE IF EXISTS temp.gen_grid; DROP TABLE IF EXISTS temp.gen_cat; DROP TABLE IF EXISTS temp.gen_title;
      DROP TABLE IF EXISTS temp.gen_prio;
      CREATE TEMP TABLE gen_grid (n INTEGER PRIMARY KEY, id TEXT, town_id TEXT, lat REAL, lng REAL, address TEXT);
      CREATE TEMP TABLE gen_cat (n INTEGER PRIMARY KEY, id TEXT, lo INTEGER, hi INTEGER, base_ms INTEGER, dept TEXT, titles INTEGER);
      CREATE TEMP TABLE gen_title (cat INTEGER, k INTEGER, title TEXT, PRIMARY KEY (cat, k));
      CREATE TEMP TABLE gen_prio (n INTEGER PRIMARY KEY, id TEXT, factor REAL);
    `)
    await fill(
      db,
      'gen_grid',
      ['n', 'id', 'town_id', 'lat', 'lng', 'address'],
      grids.map((g, n) => [n, g.id, g.townId, g.lat, g.lng, `${towns.get(g.townId) ?? g.townId}${g.name}`]),
    )
    let lo = 0
    await fill(
      db,
      'gen_cat',
      ['n', 'id', 'lo', 'hi', 'base_ms', 'dept', 'titles'],
      CATEGORIES.map((c, n) => {
        const hi = n === CATEGORIES.length - 1 ? 1000 : lo + Math.round(c.share * 1000)
        const row = [n, c.id, lo, hi, c.baseHours * HOUR, DEPARTMENT_OF[c.id] ?? 'urban_admin', TITLES[c.id].length]
        lo = hi
        return row
      }),
    )
    await fill(
      db,
      'gen_title',
      ['cat', 'k', 'title'],
      CATEGORIES.flatMap((c, n) => TITLES[c.id].map((title, k) => [n, k, title])),
    )
    // 10% urgent, 20% high, 60% normal, 10% low.
    const prio: [string, number][] = [
      ['urgent', 1],
      ['high', 2],
      ['normal', 6],
      ['low', 1],
    ].flatMap(([id, w]) =>
      Array.from({ length: w as number }, () => [id as string, PRIORITY_FACTOR[id as keyof typeof PRIORITY_FACTOR]]),
    ) as [string, number][]
    await fill(
      db,
      'gen_prio',
      ['n', 'id', 'factor'],
      prio.map(([id, f], n) => [n, id, f]),
    )

    // One row of random numbers per case, then every column from them in one INSERT … SELECT.
    // Status by r2: 70% closed, 5% rejected, 2% merged, the rest open at each step of the loop.
    await db.transaction(async (tx) => {
      await tx.exec('DROP TABLE IF EXISTS temp.gen_seq')
      await tx.run(
        `CREATE TEMP TABLE gen_seq AS
         WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
         SELECT i, abs(random() % 1000000) AS r1, abs(random() % 100) AS r2, abs(random() % 1000000) AS r3,
                abs(random() % 1000) AS r4, abs(random() % 10) AS r5 FROM seq`,
        [options.count - 1],
      )
      await tx.run(
        `INSERT INTO incidents (id, code, title, description, category, priority, source, status, town_id, grid_id,
           component_id, lat, lng, address, reporter_id, reported_at, assignee_kind, assignee_id, dispatched_at,
           deadline, acknowledged_at, resolved_at, verified_at, closed_at, suspended, suspended_at, suspended_ms,
           escalation_level, rework_count, duplicate_of, version, updated_at, last_seq)
         SELECT id, code, title, '', category, priority, source, status, town_id, grid_id, NULL, lat, lng, address,
           'hotline', reported_at,
           CASE WHEN step >= 3 THEN 'department' END, CASE WHEN step >= 3 THEN dept END,
           CASE WHEN step >= 3 THEN reported_at + 1800000 END,
           CASE WHEN step >= 3 THEN reported_at + 1800000 + max(3600000, CAST(base_ms * factor AS INTEGER)) END,
           CASE WHEN step >= 4 THEN reported_at + 3600000 END,
           CASE WHEN step >= 5 THEN reported_at + 1800000 + (base_ms * factor * r2 / 120) END,
           CASE WHEN step >= 6 THEN reported_at + 1800000 + (base_ms * factor * r2 / 110) END,
           CASE WHEN status = 'closed' THEN reported_at + 1800000 + (base_ms * factor * r2 / 100) END,
           suspended, CASE WHEN suspended = 1 THEN reported_at + 7200000 END, 0,
           CASE WHEN r3 % 40 = 0 AND step >= 3 THEN 1 ELSE 0 END, CASE WHEN r3 % 25 = 1 AND step >= 5 THEN 1 ELSE 0 END,
           NULL, version, reported_at + 600000 * version, 0
         FROM (
           SELECT printf('%s%07d', ?, s.i) AS id,
             printf('ZS-%s-B%06d', strftime('%y%m%d', (? - s.i * ?) / 1000, 'unixepoch', '+8 hours'), s.i % 1000000) AS code,
             t.title, c.id AS category, p.id AS priority, p.factor, c.base_ms, c.dept,
             (src.src) AS source,
             CASE WHEN s.r2 < 70 THEN 'closed' WHEN s.r2 < 75 THEN 'rejected' WHEN s.r2 < 77 THEN 'merged'
               WHEN s.r2 < 82 THEN 'reported' WHEN s.r2 < 86 THEN 'accepted' WHEN s.r2 < 93 THEN 'dispatched'
               WHEN s.r2 < 97 THEN 'in_progress' WHEN s.r2 < 99 THEN 'resolved' ELSE 'verified' END AS status,
             CASE WHEN s.r2 < 70 THEN 7 WHEN s.r2 < 77 THEN 2 WHEN s.r2 < 82 THEN 1 WHEN s.r2 < 86 THEN 2
               WHEN s.r2 < 93 THEN 3 WHEN s.r2 < 97 THEN 4 WHEN s.r2 < 99 THEN 5 ELSE 6 END AS step,
             CASE WHEN s.r2 < 70 THEN 7 WHEN s.r2 < 77 THEN 2 WHEN s.r2 < 82 THEN 1 WHEN s.r2 < 86 THEN 2
               WHEN s.r2 < 93 THEN 3 WHEN s.r2 < 97 THEN 4 WHEN s.r2 < 99 THEN 5 ELSE 6 END AS version,
             CASE WHEN s.r2 BETWEEN 86 AND 96 AND s.r3 % 50 = 7 THEN 1 ELSE 0 END AS suspended,
             g.town_id, g.id AS grid_id, g.lat + (s.r3 % 1000 - 500) / 200000.0 AS lat,
             g.lng + (s.r1 % 1000 - 500) / 200000.0 AS lng, g.address || (s.r3 % 300 + 1) || '号' AS address,
             ? - s.i * ? AS reported_at, s.r2, s.r3
           FROM gen_seq s
           JOIN gen_grid g ON g.n = s.r1 % ?
           JOIN gen_cat c ON s.r4 >= c.lo AND s.r4 < c.hi
           JOIN gen_prio p ON p.n = s.r5
           JOIN gen_title t ON t.cat = c.n AND t.k = s.r3 % c.titles
           JOIN (SELECT 0 AS n, 'patrol' AS src UNION ALL SELECT 1, 'citizen_qr' UNION ALL SELECT 2, 'joint_patrol'
                 UNION ALL SELECT 3, 'department' UNION ALL SELECT 4, 'hotline') AS src ON src.n = s.r3 % 5
         )`,
        [
          prefix,
          newestAt,
          Math.floor(spanMs / options.count),
          newestAt,
          Math.floor(spanMs / options.count),
          grids.length,
        ],
      )
      await tx.exec('DROP TABLE temp.gen_seq')
    })
    await db.exec(
      'DROP TABLE temp.gen_grid; DROP TABLE temp.gen_cat; DROP TABLE temp.gen_title; DROP TABLE temp.gen_prio;',
    )
    // Written back into the file: the app opens it next (no statistics: the app never gathers any).
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE);')
    return { count: options.count, ms: Date.now() - started }
  } finally {
    await db.close()
  }
}
