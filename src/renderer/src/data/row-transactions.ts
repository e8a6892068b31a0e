import type { IncidentView } from '@shared/contract'

export interface RowDelta {
  readonly add: IncidentView[]
  readonly update: IncidentView[]
  /** Ids asked for that came back missing (retention, or the filter no longer matches). */
  readonly remove: string[]
}

/**
 * Splits a refetch of changed incidents into a grid transaction: rows the table
 * does not have are added, rows it has are updated, and asked-for ids that did
 * not come back are removed. Unchanged versions are skipped (no flash, no work).
 */
export function toDelta(
  known: ReadonlyMap<string, IncidentView>,
  requested: readonly string[],
  fetched: readonly IncidentView[],
): RowDelta {
  const add: IncidentView[] = []
  const update: IncidentView[] = []
  const seen = new Set<string>()
  for (const view of fetched) {
    seen.add(view.id)
    const prev = known.get(view.id)
    if (!prev) add.push(view)
    else if (
      prev.version !== view.version ||
      !samePending(prev.pending, view.pending) ||
      prev.status !== view.status ||
      prev.assigneeId !== view.assigneeId
    )
      update.push(view)
  }
  const remove = requested.filter((id) => !seen.has(id) && known.has(id))
  return { add, update, remove }
}

function samePending(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Applies a delta to the feed's own map (the same one `toDelta` reads). */
export function applyDelta(known: Map<string, IncidentView>, delta: RowDelta): void {
  for (const v of delta.add) known.set(v.id, v)
  for (const v of delta.update) known.set(v.id, v)
  for (const id of delta.remove) known.delete(id)
}

/** Page offsets for loading `total` rows in pages of `pageSize`. */
export function pageOffsets(total: number, pageSize: number): number[] {
  const out: number[] = []
  for (let offset = 0; offset < total; offset += pageSize) out.push(offset)
  return out
}
