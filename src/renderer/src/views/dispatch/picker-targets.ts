import type { IncidentView } from '@shared/contract'
import { WITH_HANDLER } from '@shared/domain'
import type { DispatchTargets } from '../../data/dispatch-targets'
import { targetKey } from '../../lib/target-search'

/** Each unit's current load: its open cases (dispatched … verified), by `kind:id`. */
export function openLoads(incidents: Iterable<IncidentView>): ReadonlyMap<string, number> {
  const loads = new Map<string, number>()
  for (const i of incidents) {
    if (i.assigneeKind === null || i.assigneeId === null || !WITH_HANDLER.includes(i.status)) continue
    const key = targetKey({ kind: i.assigneeKind, id: i.assigneeId })
    loads.set(key, (loads.get(key) ?? 0) + 1)
  }
  return loads
}

/**
 * The board picker's units: the case's dispatch targets (recommended first, joint teams nearest first),
 * each with its current load beside its distance, so the operator sees who is already busy.
 */
export function withLoads(
  targets: DispatchTargets,
  loads: ReadonlyMap<string, number>,
  loadLabel: (open: number) => string,
): DispatchTargets {
  const list = targets.list.map((t) => {
    const load = loadLabel(loads.get(targetKey(t)) ?? 0)
    return { ...t, note: t.note ? `${t.note} · ${load}` : load }
  })
  const recommended = targets.recommended
    ? (list.find((t) => targetKey(t) === targetKey(targets.recommended as NonNullable<typeof targets.recommended>)) ??
      null)
    : null
  return { list, recommended }
}
