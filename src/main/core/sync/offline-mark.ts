import type { SqliteDatabase } from '@infra/sqlite'
import type { StatusBoard } from '../status-board'

/** The cache's settings row that remembers when the link was lost (survives a restart). */
const KEY = 'offline_since'

/** The stored start of the current outage, or null (online when last stopped, or never recorded). */
export async function readOfflineSince(sqlite: SqliteDatabase): Promise<number | null> {
  const row = await sqlite.get('SELECT value FROM settings WHERE key = ?', [KEY])
  const at = row ? Number(row.value) : Number.NaN
  return Number.isSafeInteger(at) && at > 0 ? at : null
}

/**
 * "Offline since" survives a restart: the stored start of an outage is put back on the status
 * board (a seat restarted during an outage must not claim the outage began at its restart), and
 * every change after that is written to the cache's settings, in order. `stop` waits for the
 * last write.
 */
export async function keepOfflineSince(
  sqlite: SqliteDatabase,
  status: StatusBoard,
): Promise<{ stop(): Promise<void> }> {
  const stored = await readOfflineSince(sqlite)
  const now = status.get()
  if (stored !== null && now.offlineSince !== null && stored < now.offlineSince) status.update({ offlineSince: stored })
  let writes: Promise<unknown> = Promise.resolve()
  const write = (at: number | null) => {
    writes = writes
      .then(() =>
        at === null
          ? sqlite.run('DELETE FROM settings WHERE key = ?', [KEY])
          : sqlite.run(
              'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
              [KEY, String(at), Date.now()],
            ),
      )
      .catch(() => undefined) // the store is closing: the next start sees the last value written
  }
  const current = status.get().offlineSince
  if (current !== stored) write(current)
  const unwatch = status.watch((next, previous) => {
    if (next.offlineSince !== previous.offlineSince) write(next.offlineSince)
  })
  return {
    async stop() {
      unwatch()
      await writes
    },
  }
}
