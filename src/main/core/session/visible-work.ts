import type { Conflict } from '@shared/contract'
import { inScope, type Principal } from '@shared/domain'
import type { OutboxEntry } from '../sync/outbox'

/**
 * Queued commands and conflicts stay on the workstation across a shift
 * handover (they are delivered with their own author), but a reader sees only
 * those about cases they may read: cases in the cache (which was fitted to
 * them at sign-in), and reports of new cases in their towns.
 */
export function visibleEntries(
  entries: readonly OutboxEntry[],
  reader: Principal | null,
  cached: ReadonlySet<string>,
): OutboxEntry[] {
  if (!reader || reader.towns === '*') return [...entries]
  const reported = new Set(
    entries
      .filter((e) => e.command.type === 'report' && inScope(reader.towns, e.command.payload.townId))
      .map((e) => e.command.incidentId),
  )
  return entries.filter((e) => cached.has(e.command.incidentId) || reported.has(e.command.incidentId))
}

export function visibleConflicts(conflicts: readonly Conflict[], reader: Principal | null): Conflict[] {
  if (!reader || reader.towns === '*') return [...conflicts]
  return conflicts.filter((c) => {
    if (c.incidentCode !== null) return true // the case is in the (fitted) cache
    const town = (c.payload as { townId?: unknown }).townId
    return c.type === 'report' && typeof town === 'string' && inScope(reader.towns, town)
  })
}
