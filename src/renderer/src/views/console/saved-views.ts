import type { BuiltinViewId, SavedView } from '@shared/contract'
import {
  AWAITING_DISPATCH,
  isOpen,
  isOverdue,
  RECTIFICATION_CATEGORIES,
  type CategoryId,
  type TownScope,
} from '@shared/domain'
import type { IncidentRow } from './incident-rows'

/** What a view's filter needs besides the row: the time, and which towns are "mine". */
export interface ViewContext {
  readonly now: number
  /** The operator's scope, or the home town picked on a city-wide workstation. */
  readonly myTowns: TownScope
}

const HAZARDS: readonly CategoryId[] = RECTIFICATION_CATEGORIES

const PREDICATES: Record<BuiltinViewId, (row: IncidentRow, ctx: ViewContext) => boolean> = {
  all: () => true,
  awaiting: (row) => AWAITING_DISPATCH.includes(row.status),
  my_town: (row, ctx) => ctx.myTowns === '*' || ctx.myTowns.includes(row.townId),
  overdue: (row, ctx) => isOverdue(row.incident, ctx.now),
  // Fire and gas hazards still being handled: the two rectification headlines (消防、燃气整改).
  hazards: (row) => HAZARDS.includes(row.category) && isOpen(row),
  // Returned by verification at least once and not finished yet.
  rework: (row) => row.reworkCount > 0 && isOpen(row),
}

export function viewPredicate(id: BuiltinViewId): (row: IncidentRow, ctx: ViewContext) => boolean {
  return PREDICATES[id]
}

export function matchesView(id: BuiltinViewId, row: IncidentRow, ctx: ViewContext): boolean {
  return PREDICATES[id](row, ctx)
}

/** Counts per built-in view in one pass (for the view tabs' badges). */
export function countViews(rows: Iterable<IncidentRow>, ctx: ViewContext): Record<BuiltinViewId, number> {
  const counts: Record<BuiltinViewId, number> = { all: 0, awaiting: 0, my_town: 0, overdue: 0, hazards: 0, rework: 0 }
  const ids = Object.keys(PREDICATES) as BuiltinViewId[]
  for (const row of rows) for (const id of ids) if (PREDICATES[id](row, ctx)) counts[id]++
  return counts
}

/** The view the console is showing: a built-in one, or an operator's saved one on top of a built-in. */
export type ActiveView =
  { readonly kind: 'builtin'; readonly id: BuiltinViewId } | { readonly kind: 'saved'; readonly view: SavedView }

export function baseOf(view: ActiveView): BuiltinViewId {
  return view.kind === 'builtin' ? view.id : view.view.base
}

/** A new saved view from the table's current state; ids are unique enough for one workstation. */
export function makeSavedView(
  name: string,
  state: {
    base: BuiltinViewId
    quickFilter: string
    filterModel: SavedView['filterModel']
    sortModel: SavedView['sortModel']
  },
  now: number,
  random: () => number = Math.random,
): SavedView {
  return {
    id: `v-${now.toString(36)}-${Math.floor(random() * 1e6).toString(36)}`,
    name: name.trim(),
    base: state.base,
    quickFilter: state.quickFilter,
    filterModel: state.filterModel,
    sortModel: state.sortModel,
    createdAt: now,
  }
}
