import type { ReferenceLookup } from './reference-lookup'
import type { Principal } from './roles'

/**
 * The grid a field principal verifies in (核查: the grid worker checks on site
 * what was fed back in their own grid). A grid worker: their grid. A joint
 * team's account: its grid worker's grid. Null when the principal is tied to no
 * grid (grid-centre staff verifying on behalf of field workers): then its town
 * scope is the limit.
 */
export function fieldGridOf(who: Principal, ref: Pick<ReferenceLookup, 'worker' | 'team'>): string | null {
  if (who.role !== 'field') return null
  const worker = ref.worker(who.actorId)
  if (worker) return worker.gridId
  if (who.unit?.kind !== 'team') return null
  const team = ref.team(who.unit.id)
  return (team && ref.worker(team.gridWorkerId)?.gridId) ?? null
}

/** Whether a field principal may verify or return a case in this grid. */
export function verifiesIn(who: Principal, gridId: string, ref: Pick<ReferenceLookup, 'worker' | 'team'>): boolean {
  const grid = fieldGridOf(who, ref)
  return grid === null || grid === gridId
}
