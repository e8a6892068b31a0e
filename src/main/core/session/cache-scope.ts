import type { SqliteDatabase } from '@infra/sqlite'
import { unitScopeOf, type Principal, type TownScope } from '@shared/domain'
import { readSyncState } from '../sync/sync-state'

/** Whether every town `inner` reads is one `outer` reads. */
export function covers(outer: TownScope, inner: TownScope): boolean {
  if (outer === '*') return true
  if (inner === '*') return false
  return inner.every((t) => outer.includes(t))
}

export interface ScopeFit {
  /** Cached cases removed because the new reader may not read them. */
  readonly pruned: number
  /** The cache held less than the new reader may read: a reset from snapshot was requested. */
  readonly reset: boolean
}

/**
 * Makes the cache fit the principal who is about to read it, before any window
 * shows it (shift handover, an offline unlock, a changed role): cases outside
 * the new reader's towns go (with their timelines and quarantined events); if
 * the new reader may read more than the cache was filled for, the next hello
 * asks for a reset from snapshot. One transaction; the cursor stays valid,
 * since the server sends a town-scoped reader exactly its towns' events.
 * Queued commands stay (they are delivered with their own author) and are
 * hidden from readers who may not see their case (see visible-work.ts).
 */
export async function fitCacheToReader(sqlite: SqliteDatabase, next: Principal): Promise<ScopeFit> {
  return sqlite.transaction(async (tx) => {
    const state = await readSyncState(tx)
    // A cache filled before anyone was recorded (or by a service token) is taken to hold the whole city.
    const filledFor: TownScope = state.principal?.towns ?? '*'
    let pruned = 0
    if (next.towns !== '*') {
      const towns = [...next.towns]
      const ph = towns.map(() => '?').join(',') || "''"
      const outside = `SELECT id FROM incidents WHERE town_id NOT IN (${ph})`
      await tx.run(`DELETE FROM incident_events WHERE incident_id IN (${outside})`, towns)
      await tx.run(`DELETE FROM quarantine WHERE incident_id IN (${outside})`, towns)
      pruned = (await tx.run(`DELETE FROM incidents WHERE town_id NOT IN (${ph})`, towns)).changes
    }
    const unit = unitScopeOf(next)
    if (unit) pruned += await pruneToUnit(tx, unit)
    // A unit's reader after another unit's: the cache lacks its cases. (After a town or city reader it
    // holds them all, pruned above.)
    const filledUnit = state.principal ? unitScopeOf(state.principal) : null
    const otherUnit = filledUnit !== null && (!unit || filledUnit.kind !== unit.kind || filledUnit.id !== unit.id)
    const reset = state.cursor > 0 && (!covers(filledFor, next.towns) || otherUnit)
    await tx.run(
      'UPDATE sync_state SET principal = ?, resetting = CASE WHEN ? THEN 1 ELSE resetting END, updated_at = ? WHERE id = 1',
      [JSON.stringify(next), reset ? 1 : 0, Date.now()],
    )
    return { pruned, reset }
  })
}

/** Removes cached cases never dispatched to the unit (see handledBy in unit-scope.ts), with their timelines. */
async function pruneToUnit(
  tx: Parameters<Parameters<SqliteDatabase['transaction']>[0]>[0],
  unit: NonNullable<Principal['unit']>,
): Promise<number> {
  const outside = `SELECT id FROM incidents WHERE NOT (assignee_kind IS ? AND assignee_id IS ?) AND NOT EXISTS (
    SELECT 1 FROM json_each(coalesce(former_assignees, '[]')) AS f
    WHERE json_extract(f.value, '$.kind') = ? AND json_extract(f.value, '$.id') = ?)`
  const params = [unit.kind, unit.id, unit.kind, unit.id]
  await tx.run(`DELETE FROM incident_events WHERE incident_id IN (${outside})`, params)
  await tx.run(`DELETE FROM quarantine WHERE incident_id IN (${outside})`, params)
  return (await tx.run(`DELETE FROM incidents WHERE id IN (${outside})`, params)).changes
}

/** Same person with the same role, scope and unit (field by field, whatever the key order). */
export function samePrincipal(a: Principal | null, b: Principal | null): boolean {
  if (a === null || b === null) return a === b
  const towns = (t: TownScope) => (t === '*' ? '*' : [...t].sort().join(','))
  return (
    a.actorId === b.actorId &&
    a.name === b.name &&
    a.role === b.role &&
    towns(a.towns) === towns(b.towns) &&
    (a.unit?.kind ?? null) === (b.unit?.kind ?? null) &&
    (a.unit?.id ?? null) === (b.unit?.id ?? null)
  )
}
