/**
 * The column chooser's model: the table's columns in their order, each shown or
 * hidden — what a saved view keeps, and what AG Grid's column state takes back.
 * The drag handle and the case code stay pinned at the left and are not offered.
 */
export interface ColumnSlot {
  readonly colId: string
  readonly hide: boolean
}

/** Columns the chooser leaves alone (pinned: the drag handle, the code). */
export const FIXED_COLUMNS: ReadonlySet<string> = new Set(['drag', 'code'])

/** The chooser's layout from the grid's column state (its order is the grid's). */
export function layoutOf(state: readonly { readonly colId: string; readonly hide?: boolean | null }[]): ColumnSlot[] {
  return state.filter((c) => !FIXED_COLUMNS.has(c.colId)).map((c) => ({ colId: c.colId, hide: c.hide === true }))
}

/** One column moved `by` places (clamped at either end). */
export function moved(layout: readonly ColumnSlot[], colId: string, by: number): ColumnSlot[] {
  const from = layout.findIndex((c) => c.colId === colId)
  if (from < 0) return [...layout]
  const to = Math.max(0, Math.min(layout.length - 1, from + by))
  const out = [...layout]
  const [slot] = out.splice(from, 1)
  out.splice(to, 0, slot!)
  return out
}

/** One column shown or hidden; the last shown column cannot be hidden (the table would be empty). */
export function shown(layout: readonly ColumnSlot[], colId: string, visible: boolean): ColumnSlot[] {
  if (!visible && layout.filter((c) => !c.hide).length <= 1) return [...layout]
  return layout.map((c) => (c.colId === colId ? { ...c, hide: !visible } : c))
}

/**
 * The grid's column state for a layout (with applyOrder): the fixed columns first as they are, then the
 * layout's; columns a saved layout does not know (added since) keep their place after it.
 */
export function columnState(layout: readonly ColumnSlot[], current: readonly { readonly colId: string }[]) {
  const known = new Set(layout.map((c) => c.colId))
  const fixed = current.filter((c) => FIXED_COLUMNS.has(c.colId)).map((c) => ({ colId: c.colId }))
  const rest = current
    .filter((c) => !FIXED_COLUMNS.has(c.colId) && !known.has(c.colId))
    .map((c) => ({ colId: c.colId }))
  const exists = new Set(current.map((c) => c.colId))
  return [
    ...fixed,
    ...layout.filter((c) => exists.has(c.colId)).map((c) => ({ colId: c.colId, hide: c.hide })),
    ...rest,
  ]
}
