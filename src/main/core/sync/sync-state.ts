import type { SqlExecutor } from '@infra/sqlite'
import type { Principal } from '@shared/domain'

export interface SyncState {
  readonly serverId: string | null
  readonly cursor: number
  readonly referenceVersion: string | null
  readonly newestEventAt: number | null
  readonly principal: Principal | null
  readonly resetting: boolean
}

/** The one row of sync_state, created on first use. */
export async function readSyncState(exec: SqlExecutor): Promise<SyncState> {
  let row = await exec.get('SELECT * FROM sync_state WHERE id = 1')
  if (!row) {
    await exec.run('INSERT OR IGNORE INTO sync_state (id, cursor, resetting, updated_at) VALUES (1, 0, 0, ?)', [
      Date.now(),
    ])
    row = await exec.get('SELECT * FROM sync_state WHERE id = 1')
  }
  const principal = parsePrincipal(row?.principal)
  return {
    serverId: (row?.server_id as string | null) ?? null,
    cursor: Number(row?.cursor ?? 0),
    referenceVersion: (row?.reference_version as string | null) ?? null,
    newestEventAt: row?.newest_event_at == null ? null : Number(row.newest_event_at),
    principal,
    resetting: Number(row?.resetting ?? 0) === 1,
  }
}

export async function savePrincipal(exec: SqlExecutor, principal: Principal): Promise<void> {
  await readSyncState(exec)
  await exec.run('UPDATE sync_state SET principal = ?, updated_at = ? WHERE id = 1', [
    JSON.stringify(principal),
    Date.now(),
  ])
}

/** A principal stored as JSON, or null when absent or unreadable. */
export function parsePrincipal(text: unknown): Principal | null {
  if (typeof text !== 'string' || text === '') return null
  try {
    return JSON.parse(text) as Principal
  } catch {
    return null
  }
}
