import type { SqliteDatabase, SqlParam } from '@infra/sqlite'
import type { Incident } from '@shared/domain'
import type { SnapshotPage } from '@shared/protocol'
import { insertMany } from '../store/bulk'
import { replaceIncidents } from '../store/incident-rows'
import { readSyncState } from './sync-state'
import { looseField, parseIncident, safeJson } from './validate'

/**
 * One page of a reset from snapshot, in one transaction. The first page wipes the
 * projection and sets the cursor to 0 with no server id (so a crash mid-reset
 * says hello as a blank cache and gets a fresh reset); only the last page sets
 * the cursor to the snapshot's seq and adopts the server id. Timelines start
 * empty after a reset: the snapshot carries incidents, not their history.
 */
export async function applySnapshotPage(
  sqlite: SqliteDatabase,
  page: SnapshotPage,
  opts: { first: boolean; serverId: string },
): Promise<{ stored: number; quarantined: number; cursor: number }> {
  return sqlite.transaction(async (tx) => {
    await readSyncState(tx)
    const now = Date.now()
    if (opts.first) {
      await tx.exec('DELETE FROM incidents; DELETE FROM incident_events; DELETE FROM pruned_incidents;')
      await tx.run(
        'UPDATE sync_state SET cursor = 0, server_id = NULL, resetting = 1, newest_event_at = NULL, updated_at = ? WHERE id = 1',
        [now],
      )
    }
    const good: Incident[] = []
    const bad: SqlParam[][] = []
    const list: readonly unknown[] = Array.isArray(page.incidents) ? page.incidents : []
    for (const raw of list) {
      const r = parseIncident(raw)
      if (r.ok) good.push(r.incident)
      else {
        const id = looseField(raw, 'id')
        bad.push([
          null,
          typeof id === 'string' ? id : null,
          `invalid snapshot incident: ${r.error}`.slice(0, 2000),
          safeJson(raw),
          'snapshot',
          now,
        ])
      }
    }
    await replaceIncidents(tx, good)
    await insertMany(tx, 'quarantine', ['seq', 'incident_id', 'reason', 'raw', 'source', 'received_at'], bad)
    let cursor = 0
    if (page.done) {
      cursor = page.seq
      const newest = good.reduce<number | null>((m, i) => (m === null || i.updatedAt > m ? i.updatedAt : m), null)
      await tx.run(
        `UPDATE sync_state SET cursor = ?, server_id = ?, resetting = 0,
           newest_event_at = max(coalesce(newest_event_at, 0), coalesce(?, 0), (SELECT coalesce(max(updated_at), 0) FROM incidents)),
           updated_at = ? WHERE id = 1`,
        [page.seq, opts.serverId, newest, now],
      )
      await tx.run('DELETE FROM outbox WHERE acked_seq IS NOT NULL AND acked_seq <= ?', [page.seq])
    }
    return { stored: good.length, quarantined: bad.length, cursor }
  })
}
