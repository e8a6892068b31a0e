/** A checkbox set filter's model, as table-query.ts reads it (and saved views store it). */
export interface SetFilterModel {
  readonly filterType: 'set'
  readonly values: readonly string[]
}

/** What a column passes to its checkbox list (filterParams). */
export interface CheckboxSetParams {
  /** The column's values with the label the operator reads, in the order shown. */
  readonly options: readonly { readonly id: string; readonly label: string }[]
  /** The "all" box's label. */
  readonly allLabel: string
}

/** The checked values after toggling one; every value checked is no filter at all (null). */
export function toggled(
  all: readonly string[],
  model: SetFilterModel | null,
  id: string,
  on: boolean,
): SetFilterModel | null {
  const checked = new Set(model ? model.values : all)
  if (on) checked.add(id)
  else checked.delete(id)
  if (all.every((v) => checked.has(v))) return null
  return { filterType: 'set', values: all.filter((v) => checked.has(v)) }
}
