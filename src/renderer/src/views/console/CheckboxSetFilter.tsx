export type { CheckboxSetParams } from './set-filter-model'
import { useCallback } from 'react'
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react'
import type { IncidentRow } from './incident-rows'
import { toggled, type CheckboxSetParams, type SetFilterModel } from './set-filter-model'

/**
 * A checkbox list filter for a coded column (status, category): AG Grid
 * Community has no set filter. Each box changes the model at once; the model
 * goes to the core as a `set` filter (`IN (…)` in its SQL), so the grid itself
 * never filters rows (the Infinite Row Model asks the core).
 */
export function CheckboxSetFilter(props: CustomFilterProps<IncidentRow, unknown, SetFilterModel> & CheckboxSetParams) {
  const { model, onModelChange, options, allLabel } = props
  const all = options.map((o) => o.id)
  // The core filters; the grid asks this only for client-side rows, which the console never has.
  const doesFilterPass = useCallback(() => true, [])
  useGridFilter({ doesFilterPass })
  const checked = (id: string) => model === null || model.values.includes(id)
  const everything = model === null
  return (
    <div className="set-filter" role="group" aria-label={allLabel}>
      <label className="set-filter-all">
        <input
          type="checkbox"
          checked={everything}
          ref={(el) => {
            if (el) el.indeterminate = !everything && (model?.values.length ?? 0) > 0
          }}
          onChange={(e) => onModelChange(e.target.checked ? null : { filterType: 'set', values: [] })}
        />
        {allLabel}
      </label>
      <div className="set-filter-list">
        {options.map((o) => (
          <label key={o.id}>
            <input
              type="checkbox"
              value={o.id}
              checked={checked(o.id)}
              onChange={(e) => onModelChange(toggled(all, model, o.id, e.target.checked))}
            />
            {o.label}
          </label>
        ))}
      </div>
    </div>
  )
}
