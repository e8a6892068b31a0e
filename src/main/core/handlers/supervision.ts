import type { SqlExecutor } from '@infra/sqlite'
import type { ActivityEvent, DeskPerson } from '@shared/contract'
import { REQUEST_KINDS, type ActionType, type RequestKind, type Role } from '@shared/domain'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import type { ReferenceCache } from '../sync/reference-cache'

export interface SupervisionDeps {
  readonly sqlite: SqlExecutor
  readonly status: StatusBoard
  readonly reference: ReferenceCache
  /** The server's command-room accounts in the reader's towns (null when it cannot be asked now). */
  readonly people: () => Promise<readonly DeskPerson[] | null>
}

/** How far back "recent" looks at most, in events: an hour of a busy district is well below this. */
const RECENT_WINDOW = 20_000
/** Timelines are read in chunks of this many cases (SQLite's bound-parameter limit). */
const CHUNK = 500

type Row = Record<string, unknown>

function toActivity(r: Row): ActivityEvent {
  const type = String(r.type) as ActionType
  const base = {
    incidentId: String(r.incident_id),
    type,
    actorId: String(r.actor_id),
    role: String(r.role) as Role,
    serverTime: Number(r.server_time),
  }
  if (type !== 'decide_request') return base
  try {
    const p = JSON.parse(String(r.payload)) as { request?: unknown; approve?: unknown }
    const request = REQUEST_KINDS.find((k) => k === p.request) as RequestKind | undefined
    return { ...base, ...(request ? { request } : {}), approve: p.approve === true }
  } catch {
    return base
  }
}

/** Every cached event since `since`, oldest first, among the newest RECENT_WINDOW (no index on time: seq bounds the scan). */
export async function recentActivity(exec: SqlExecutor, since: number): Promise<ActivityEvent[]> {
  const rows = await exec.all(
    `SELECT * FROM (SELECT seq, incident_id, type, payload, actor_id, role, server_time FROM incident_events
       ORDER BY seq DESC LIMIT ?) WHERE server_time >= ? ORDER BY seq`,
    [RECENT_WINDOW, since],
  )
  return rows.map(toActivity)
}

/** The named cases' cached timelines, oldest first. */
export async function timelines(exec: SqlExecutor, ids: readonly string[]): Promise<Record<string, ActivityEvent[]>> {
  const out: Record<string, ActivityEvent[]> = {}
  for (const id of ids) out[id] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK)
    const rows = await exec.all(
      `SELECT seq, incident_id, type, payload, actor_id, role, server_time FROM incident_events
       WHERE incident_id IN (${part.map(() => '?').join(',')}) ORDER BY incident_id, seq`,
      part,
    )
    for (const r of rows) out[String(r.incident_id)]?.push(toActivity(r))
  }
  return out
}

/** The supervisor's desk: recent activity (operator workload) and the late cases' timelines (who is late). */
export function registerSupervisionHandlers(registry: Registry, deps: SupervisionDeps): void {
  registry.register('supervisor.activity', async ({ since, incidentIds }) => {
    const [recent, lines, people] = await Promise.all([
      recentActivity(deps.sqlite, since),
      timelines(deps.sqlite, [...new Set(incidentIds)]),
      deps.people().catch(() => null),
    ])
    const names: Record<string, string> = {}
    for (const e of recent) {
      const name = deps.reference.nameOf(e.actorId)
      if (name) names[e.actorId] = name
    }
    const me = deps.status.get().operator
    if (me) names[me.actorId] = me.name
    return { recent, timelines: lines, people, names }
  })
}
