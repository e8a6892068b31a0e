import type { BuiltinViewId, SavedView } from '@shared/contract'

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
    columns?: SavedView['columns']
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
    ...(state.columns ? { columns: state.columns } : {}),
    createdAt: now,
  }
}
