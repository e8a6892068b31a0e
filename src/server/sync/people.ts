import { WORKLOAD_KIND, type ActionType, type Principal, type TownScope, type WorkloadCounts } from '@shared/domain'
import type { PersonOnRecord } from '@shared/protocol'

/** Who may ask who is on shift: the command room (a supervisor's workload panel, an operator's colleagues). */
export const PEOPLE_ROLES: readonly Principal['role'][] = ['operator', 'supervisor']

/** Whether two town scopes share a town. */
function meet(a: TownScope, b: TownScope): boolean {
  if (a === '*' || b === '*') return true
  return a.some((t) => b.includes(t))
}

/**
 * The command room's people as `asker` may see them: operators and supervisors
 * (accounts, and any other principal connected now, e.g. a service token) whose
 * towns meet the asker's, with whether each is connected now. Disabled accounts
 * are not given. Each comes with what they did in the last hour (`activity`:
 * the log's counts per actor and action type). Sorted by name.
 */
export function peopleFor(
  asker: Principal,
  accounts: readonly Principal[],
  connected: readonly Principal[],
  activity: readonly { actorId: string; type: string; n: number }[] = [],
): PersonOnRecord[] {
  const counts = new Map<string, { accepted: number; dispatched: number; verified: number }>()
  for (const a of activity) {
    const kind = WORKLOAD_KIND[a.type as ActionType]
    if (!kind) continue
    let c = counts.get(a.actorId)
    if (!c) counts.set(a.actorId, (c = { accepted: 0, dispatched: 0, verified: 0 }))
    c[kind] += a.n
  }
  const none: WorkloadCounts = { accepted: 0, dispatched: 0, verified: 0 }
  const online = new Set(connected.map((p) => p.actorId))
  const byId = new Map<string, Principal>()
  for (const p of [...accounts, ...connected]) if (!byId.has(p.actorId)) byId.set(p.actorId, p)
  return [...byId.values()]
    .filter((p) => PEOPLE_ROLES.includes(p.role) && meet(asker.towns, p.towns))
    .map((p): PersonOnRecord => ({
      actorId: p.actorId,
      name: p.name,
      role: p.role,
      towns: p.towns === '*' ? ('*' as const) : [...p.towns],
      onShift: online.has(p.actorId),
      lastHour: { ...(counts.get(p.actorId) ?? none) },
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.actorId.localeCompare(b.actorId))
}
