import type { IncidentView } from '@shared/contract'

/**
 * What a change notice does to the rows the table holds (pure; IncidentTable
 * applies it). The table holds a few blocks around the view; after a change it
 * asks the core which ids now fill that range (`table.changed`). If they are
 * the same ids in the same places, nothing moved there: each changed row is
 * patched in place (its cells refresh and flash) and no block is fetched. If any
 * place holds another id (a case arrived, left the filter, or its sort key
 * changed inside or before the range), the held blocks are reloaded. Changes
 * anywhere else cost nothing but a count.
 */
export interface HeldRange {
  /** Index of the first held row. */
  readonly offset: number
  /** Ids by position from `offset`; null where no row is held (a block not loaded in between). */
  readonly ids: readonly (string | null)[]
  /** The held range reaches the last row there is (rows appended after it would show). */
  readonly atEnd: boolean
}

export interface LivePlan {
  /** The held blocks no longer match the query's order there: reload them. */
  readonly reload: boolean
  /** Held rows whose case changed while keeping its place. */
  readonly patch: readonly IncidentView[]
}

/** Whether the table would show a case differently (what the feed's deltas always compared). */
export function shownDifferently(before: IncidentView, after: IncidentView): boolean {
  return (
    before.version !== after.version ||
    before.status !== after.status ||
    before.assigneeId !== after.assigneeId ||
    before.pending.length !== after.pending.length ||
    before.pending.some((a, i) => a !== after.pending[i]) ||
    before.stale !== after.stale
  )
}

export function planLive(
  held: HeldRange,
  now: readonly string[],
  changed: readonly IncidentView[],
  current: (id: string) => IncidentView | undefined,
): LivePlan {
  let reload = now.length < held.ids.length || (held.atEnd && now.length > held.ids.length)
  for (let i = 0; !reload && i < held.ids.length; i++) {
    const id = held.ids[i]
    if (id !== null && id !== undefined && now[i] !== id) reload = true
  }
  if (reload) return { reload, patch: [] }
  const patch = changed.filter((v) => {
    const before = current(v.id)
    return before !== undefined && shownDifferently(before, v)
  })
  return { reload, patch }
}
