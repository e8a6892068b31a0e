import type { SqliteDatabase } from '@infra/sqlite'
import { TERMINAL_STATUSES } from '@shared/domain'

export const DEFAULT_KEEP_CLOSED_DAYS = 90

/**
 * Keeps every open incident and the finished ones (closed, rejected, merged) of
 * the last `keepClosedDays`; older finished ones go with their timelines, in
 * small transactions so live sync never waits long behind a prune. Incidents with
 * queued commands are kept. Returns how many were removed.
 */
export async function pruneFinished(
  sqlite: SqliteDatabase,
  opts: { keepClosedDays?: number; batch?: number; now?: number } = {},
): Promise<number> {
  const cutoff = (opts.now ?? Date.now()) - (opts.keepClosedDays ?? DEFAULT_KEEP_CLOSED_DAYS) * 86_400_000
  const batch = opts.batch ?? 500
  const terminal = TERMINAL_STATUSES.map((s) => `'${s}'`).join(',')
  let removed = 0
  for (;;) {
    const n = await sqlite.transaction(async (tx) => {
      const rows = await tx.all(
        `SELECT id FROM incidents WHERE status IN (${terminal}) AND updated_at < ?
         AND id NOT IN (SELECT incident_id FROM outbox) LIMIT ?`,
        [cutoff, batch],
      )
      if (rows.length === 0) return 0
      const ids = rows.map((r) => String(r.id))
      const ph = ids.map(() => '?').join(',')
      await tx.run(`DELETE FROM incident_events WHERE incident_id IN (${ph})`, ids)
      await tx.run(`DELETE FROM incidents WHERE id IN (${ph})`, ids)
      const now = Date.now()
      await tx.run(
        `INSERT OR REPLACE INTO pruned_incidents (id, pruned_at) VALUES ${ids.map(() => '(?, ?)').join(',')}`,
        ids.flatMap((id) => [id, now]),
      )
      return ids.length
    })
    removed += n
    if (n < batch) return removed
    await new Promise((r) => setImmediate(r)) // let live batches in between
  }
}
