import { useEffect, useRef, useState } from 'react'
import type { GridApi } from 'ag-grid-community'
import { useTranslation } from 'react-i18next'
import { columnState, layoutOf, moved, shown, type ColumnSlot } from './column-layout'
import type { IncidentRow } from './incident-rows'

/**
 * The column chooser: show, hide and reorder the table's columns (the grid's
 * column state); a saved view keeps the layout (console's saveView).
 */
export function ColumnChooser(props: { api: () => GridApi<IncidentRow> | null }) {
  const { t } = useTranslation('ops')
  const [layout, setLayout] = useState<ColumnSlot[] | null>(null)
  const boxRef = useRef<HTMLDivElement | null>(null)
  const open = layout !== null

  // A click outside or Escape closes it.
  useEffect(() => {
    if (!open) return
    const onDown = (e: MouseEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setLayout(null)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setLayout(null)
    }
    document.addEventListener('mousedown', onDown)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onDown)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const apply = (next: ColumnSlot[]) => {
    const api = props.api()
    if (!api) return
    api.applyColumnState({ state: columnState(next, api.getColumnState()), applyOrder: true })
    setLayout(layoutOf(api.getColumnState()))
  }

  return (
    <div className="column-chooser" ref={boxRef}>
      <button
        type="button"
        className="btn ghost"
        data-testid="column-chooser"
        aria-expanded={open}
        title={t('console.columnsHint')}
        onClick={() => {
          const api = props.api()
          setLayout(open || !api ? null : layoutOf(api.getColumnState()))
        }}
      >
        ☰ {t('console.columns')}
      </button>
      {layout && (
        <div className="column-chooser-list" role="dialog" aria-label={t('console.columnsHint')}>
          <ul>
            {layout.map((c, i) => (
              <li key={c.colId} data-col={c.colId}>
                <label>
                  <input
                    type="checkbox"
                    checked={!c.hide}
                    onChange={(e) => apply(shown(layout, c.colId, e.target.checked))}
                  />
                  {t(`columns.${c.colId}`)}
                </label>
                <button
                  type="button"
                  className="btn ghost"
                  aria-label={`${t('console.moveUp')} ${t(`columns.${c.colId}`)}`}
                  disabled={i === 0}
                  onClick={() => apply(moved(layout, c.colId, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn ghost"
                  aria-label={`${t('console.moveDown')} ${t(`columns.${c.colId}`)}`}
                  disabled={i === layout.length - 1}
                  onClick={() => apply(moved(layout, c.colId, 1))}
                >
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn ghost"
            onClick={() => {
              const api = props.api()
              if (!api) return
              // Back to the columns as defined (order and visibility), keeping the sort.
              const sort = api.getColumnState().map((s) => ({ colId: s.colId, sort: s.sort, sortIndex: s.sortIndex }))
              api.resetColumnState()
              api.applyColumnState({ state: sort })
              setLayout(layoutOf(api.getColumnState()))
            }}
          >
            {t('console.columnsReset')}
          </button>
        </div>
      )}
    </div>
  )
}
