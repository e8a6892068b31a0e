import type { SqliteDatabase } from '@infra/sqlite'
import { ContractError, type IncidentView, type TimelineEntry } from '@shared/contract'
import { allowedActions, type ActionType, type Incident, type Role } from '@shared/domain'
import type { PushHub } from '../push-hub'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import {
  getIncidents,
  listIncidents,
  matchesFilter,
  relatedCases,
  suggestedDuplicates,
  timelineOf,
} from '../store/incident-queries'
import { toPending, type OutboxEntry } from '../sync/outbox'
import { groupEntries, overlayViews } from './overlay-views'
import type { SyncService } from '../sync/sync-service'
import { visibleConflicts, visibleEntries } from '../session/visible-work'

export interface IncidentHandlerDeps {
  readonly sqlite: SqliteDatabase
  readonly sync: SyncService
  readonly status: StatusBoard
  readonly hub: PushHub
  readonly workstationId: string
  readonly now?: () => number
}

/** Cached rows with this workstation's queued commands folded over them (see overlay-views.ts). */
function overlayMany(
  deps: IncidentHandlerDeps,
  rows: readonly Incident[],
  entries: Map<string, OutboxEntry[]>,
  extraIds: readonly string[] = [],
): Promise<IncidentView[]> {
  const ctx = {
    exec: deps.sqlite,
    assigneeExists: (kind: 'department' | 'team', id: string) => deps.sync.reference.assigneeExists(kind, id),
    reference: deps.sync.reference.lookup(),
    workstationId: deps.workstationId,
    now: (deps.now ?? Date.now)(),
  }
  return overlayViews(ctx, rows, entries, extraIds)
}

/**
 * This workstation's queued commands the current reader may see (a predecessor's work on cases
 * outside their scope stays queued, and hidden): optionally only for some incidents.
 */
async function visibleQueue(deps: IncidentHandlerDeps, incidentIds?: readonly string[]): Promise<OutboxEntry[]> {
  const entries = await deps.sync.outbox.entries(incidentIds)
  const reader = deps.status.get().operator
  if (!reader || reader.towns === '*' || entries.length === 0) return entries
  const ids = [...new Set(entries.map((e) => e.command.incidentId))]
  const cached = new Set((await getIncidents(deps.sqlite, ids)).keys())
  return visibleEntries(entries, reader, cached)
}

function roleOf(deps: IncidentHandlerDeps): Role | null {
  return deps.status.get().operator?.role ?? null
}

function notify(deps: IncidentHandlerDeps, incidentIds: readonly string[], conflictsChanged: boolean): void {
  deps.hub.emit('changes', { incidentIds, all: false, conflictsChanged, cursor: deps.status.get().cursor })
}

export function registerIncidentHandlers(registry: Registry, deps: IncidentHandlerDeps): void {
  const { sync, sqlite } = deps
  const now = () => (deps.now ?? Date.now)()

  registry
    .register('reference.get', () => sync.reference.get())
    .register('incidents.list', async ({ filter, offset, limit }) => {
      const t = now()
      const { rows, total } = await listIncidents(sqlite, filter, { offset, limit }, t)
      const entries = groupEntries(await visibleQueue(deps))
      // Cases reported here and not yet in the cache lead the first page.
      const cached = new Set(rows.map((r) => r.id))
      const unknown = offset === 0 ? [...entries.keys()].filter((id) => !cached.has(id)) : []
      const known = unknown.length > 0 ? await getIncidents(sqlite, unknown) : new Map<string, Incident>()
      const fresh = unknown.filter((id) => !known.has(id))
      const views = await overlayMany(deps, rows, entries, fresh)
      const kept = views.filter((v) => !entries.has(v.id) || matchesFilter(v, filter, t))
      return { rows: kept, total: Math.max(0, total + kept.length - rows.length), cursor: deps.status.get().cursor }
    })
    .register('incident.get', async ({ id }) => {
      const t = now()
      const base = (await getIncidents(sqlite, [id])).get(id) ?? null
      const mine = await visibleQueue(deps, [id])
      const [incident] = await overlayMany(deps, base ? [base] : [], groupEntries(mine), base ? [] : [id])
      if (!incident) throw new ContractError('not_found', `incident ${id} not found`)
      const principal = deps.status.get().operator
      const timeline: TimelineEntry[] = (await timelineOf(sqlite, id)).map((e) => ({
        ...e,
        type: e.type as ActionType,
        role: e.role as Role,
        actorName: sync.reference.nameOf(e.actorId) ?? (principal?.actorId === e.actorId ? principal.name : e.actorId),
      }))
      const dupRows = await suggestedDuplicates(sqlite, incident, t)
      const dupEntries = groupEntries(
        await visibleQueue(
          deps,
          dupRows.map((d) => d.id),
        ),
      )
      const role = roleOf(deps)
      return {
        incident,
        timeline,
        pending: mine.filter((e) => e.ackedSeq === null).map(toPending),
        suggestedDuplicates: await overlayMany(deps, dupRows, dupEntries),
        allowedActions: role ? allowedActions(role, incident) : [],
        // Masters named by merges in the timeline too: a reopened case keeps its history readable.
        related: await relatedCases(
          sqlite,
          incident,
          timeline.flatMap((e) =>
            e.type === 'merge' && typeof e.payload.duplicateOf === 'string' ? [e.payload.duplicateOf] : [],
          ),
        ),
      }
    })
    .register('commands.submit', async (args, ctx) => {
      if (ctx.readOnly) throw new ContractError('forbidden', 'read-only connection')
      // Durable first: the outbox row (and its audit record) commit before anything is shown or sent.
      const command = await sync.outbox.submit(args, deps.status.get().operator)
      notify(deps, [command.incidentId], false)
      await sync.refreshCounts()
      sync.sender.kick()
      return { commandId: command.commandId }
    })
    .register('commands.pending', async () =>
      (await visibleQueue(deps)).filter((e) => e.ackedSeq === null).map(toPending),
    )
    .register('conflicts.list', async () => visibleConflicts(await sync.outbox.conflicts(), deps.status.get().operator))
    .register('conflicts.dismiss', async ({ id }) => {
      const dismissed = await sync.outbox.dismiss(id, deps.status.get().operator?.actorId ?? null)
      if (dismissed) {
        notify(deps, [], true)
        await sync.refreshCounts()
      }
      return { dismissed }
    })
    .register('conflicts.redo', async ({ id }) => {
      const command = await sync.outbox.redo(id, deps.status.get().operator)
      notify(deps, [command.incidentId], true)
      await sync.refreshCounts()
      sync.sender.kick()
      return { commandId: command.commandId }
    })
}
