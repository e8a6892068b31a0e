import type { SqlExecutor } from '@infra/sqlite'
import type { IncidentView } from '@shared/contract'
import type { Incident, ReferenceLookup } from '@shared/domain'
import { getIncidents } from '../store/incident-queries'
import type { OutboxEntry } from '../sync/outbox'
import { overlayIncident } from '../sync/overlay'

/** What folding queued commands over cached rows needs (see sync/overlay.ts). */
export interface OverlayContext {
  /** Where merge targets missing from `rows` are looked up (any connection to the store). */
  readonly exec: SqlExecutor
  readonly assigneeExists: (kind: 'department' | 'team', id: string) => boolean
  /** The district's places and teams (null before the first fetch: the overlay then skips those checks). */
  readonly reference: ReferenceLookup | null
  readonly workstationId: string
  readonly now: number
}

export function groupEntries(entries: readonly OutboxEntry[]): Map<string, OutboxEntry[]> {
  const m = new Map<string, OutboxEntry[]>()
  for (const e of entries) {
    const list = m.get(e.command.incidentId)
    if (list) list.push(e)
    else m.set(e.command.incidentId, [e])
  }
  return m
}

/**
 * Cached rows with this workstation's queued commands folded over them, in the rows' order; `extraIds`
 * are incidents not in the cache yet (reported here), shown from their commands alone.
 */
export async function overlayViews(
  ctx: OverlayContext,
  rows: readonly Incident[],
  entries: Map<string, OutboxEntry[]>,
  extraIds: readonly string[] = [],
): Promise<IncidentView[]> {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const targets = new Set<string>()
  for (const list of entries.values()) {
    for (const e of list) if (e.command.type === 'merge') targets.add(e.command.payload.duplicateOf)
  }
  const missing = [...targets].filter((id) => !byId.has(id))
  const lookupRows = missing.length > 0 ? await getIncidents(ctx.exec, missing) : new Map<string, Incident>()
  const lookup = (id: string) => byId.get(id) ?? lookupRows.get(id) ?? null
  const decideCtx = {
    now: ctx.now,
    assigneeExists: ctx.assigneeExists,
    lookup,
    reference: ctx.reference,
    workstationId: ctx.workstationId,
  }
  const out: IncidentView[] = []
  const view = (base: Incident | null, id: string) => {
    const list = entries.get(id)
    if (!list) return base ? { ...base, pending: [] } : null
    const o = overlayIncident(base, list, decideCtx)
    return o.incident ? { ...o.incident, pending: o.pending } : null
  }
  for (const r of rows) {
    const v = view(r, r.id)
    if (v) out.push(v)
  }
  for (const id of extraIds) {
    const v = view(null, id)
    if (v) out.push(v)
  }
  return out
}
