import type { SqliteDatabase } from '@infra/sqlite'
import type { RestoredQueue } from '@shared/contract'
import { ACTION_TYPES, type ActionType } from '@shared/domain'

/** At most this many restored actions are listed by name (the count covers the rest). */
export const RESTORED_LISTED = 20

/**
 * What is still queued when the workstation starts: actions issued before it stopped and not yet
 * acknowledged (a crash can cut a submit off after it was queued but before the operator saw it
 * confirmed). They will be sent; the status names them so the operator knows. Recorded once in the
 * audit trail. Null when the queue is empty.
 */
export async function restoredQueue(sqlite: SqliteDatabase, now: number = Date.now()): Promise<RestoredQueue | null> {
  const count = Number((await sqlite.get('SELECT count(*) AS n FROM outbox WHERE acked_seq IS NULL'))?.n ?? 0)
  if (count === 0) return null
  const rows = await sqlite.all(
    `SELECT o.command_id, o.type, o.incident_id, o.issued_at, i.code AS incident_code
     FROM outbox o LEFT JOIN incidents i ON i.id = o.incident_id
     WHERE o.acked_seq IS NULL ORDER BY o.seq LIMIT ?`,
    [RESTORED_LISTED],
  )
  const actions = rows.map((r) => ({
    commandId: String(r.command_id),
    type: ((ACTION_TYPES as readonly string[]).includes(String(r.type)) ? r.type : 'comment') as ActionType,
    incidentId: String(r.incident_id),
    incidentCode: (r.incident_code as string | null) ?? null,
    issuedAt: Number(r.issued_at),
  }))
  await sqlite
    .run(
      'INSERT INTO action_audit (at, action, command_id, incident_id, actor_id, detail) VALUES (?, ?, NULL, NULL, NULL, ?)',
      [now, 'queue_restored', JSON.stringify({ count, commandIds: actions.map((a) => a.commandId) })],
    )
    .catch(() => undefined)
  return { at: now, actions, count }
}
