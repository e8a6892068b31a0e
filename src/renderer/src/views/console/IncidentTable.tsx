import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react'
import {
  CellStyleModule,
  ColumnApiModule,
  CustomFilterModule,
  DateFilterModule,
  DragAndDropModule,
  HighlightChangesModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  type CellFocusedEvent,
  type ColDef,
  type GetLocaleTextParams,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type ModelUpdatedEvent,
  type RowClassRules,
  type RowSelectionOptions,
  type SelectionChangedEvent,
} from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import { useTranslation } from 'react-i18next'
import type { BuiltinViewId, TableQuery } from '@shared/contract'
import type { TownScope } from '@shared/domain'
import { subscribe } from '../../api/client'
import type { ReferenceIndex } from '../../data/reference-index'
import { gridLocale, localeText } from './grid-locale'
import { gridTheme } from './grid-theme'
import { cachedLabel } from '../../lib/label-cache'
import { deadlineClock, type CellContext } from './cells'
import { incidentColumns } from './incident-columns'
import { rowOverdue, toRow, type IncidentRow } from './incident-rows'
import { createTableParts, type TableParts, type TableStats } from './table-parts'
import type { Vocabulary } from './table-query'

// The Infinite Row Model and the features the console uses (community modules only).
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  CustomFilterModule,
  RowSelectionModule,
  RowStyleModule,
  CellStyleModule,
  HighlightChangesModule,
  TooltipModule,
  DragAndDropModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  LocaleModule,
])

/** Rows per block the grid asks the core for. */
const BLOCK = 50
/** Blocks the grid keeps: the view and its neighbours; older ones are dropped (rows off screen cost nothing). */
const MAX_BLOCKS = 6

// Grid options as module constants: AgGridReact re-applies any prop whose identity changes.
const defaultColDef: ColDef<IncidentRow> = {
  sortable: true,
  resizable: true,
  filter: 'agTextColumnFilter',
  floatingFilter: false,
}
// Several rows for bulk actions: Ctrl-click toggles, Shift-click extends, Space marks the focused row (see
// useMarking); a plain click or a keyboard move selects the one row (the detail panel's case).
const rowSelection: RowSelectionOptions<IncidentRow> = {
  mode: 'multiRow',
  checkboxes: false,
  headerCheckbox: false,
  enableClickSelection: true,
  enableSelectionWithoutKeys: false,
}
const getRowId = (p: GetRowIdParams<IncidentRow>): string => p.data.id

const rowClassRules: RowClassRules<IncidentRow> = {
  'row-overdue': (p) => !!p.data && rowOverdue(p.data, Date.now()),
  'row-pending': (p) => (p.data?.pending.length ?? 0) > 0,
  'row-urgent': (p) => p.data?.priority === 'urgent',
}

/** What the console asks of the table beyond the grid's own API. */
export interface TableHandle {
  /** The query the table shows now (for the CSV export). */
  query(): TableQuery
  /** The case shown after this one, null at the end (or when it is not shown). */
  neighbourOf(id: string): string | null
  /** Puts the keyboard focus on a case's row (its title cell) and selects it; false when it is not shown. */
  focusRow(id: string): boolean
  /** Moves the focus `by` rows from the focused (or selected) row; the first row when none is. */
  step(by: number): void
}

/** The column the keyboard lands on in a row (the title: what the operator reads). */
const FOCUS_COL = 'title'

function focusIndex(api: GridApi<IncidentRow>, index: number): void {
  const node = api.getDisplayedRowAtIndex(index)
  api.ensureIndexVisible(index)
  api.setFocusedCell(index, FOCUS_COL)
  if (node?.data && !node.isSelected()) node.setSelected(true, true)
}

/** The keyboard's moves over the grid (see TableHandle). */
function keyboardHandle(api: GridApi<IncidentRow>): Omit<TableHandle, 'query'> {
  const rowCount = () => api.getDisplayedRowCount()
  return {
    neighbourOf: (id) => {
      const index = api.getRowNode(id)?.rowIndex
      if (index === null || index === undefined) return null
      return api.getDisplayedRowAtIndex(index + 1)?.data?.id ?? null
    },
    focusRow: (id) => {
      const index = api.getRowNode(id)?.rowIndex
      if (index === null || index === undefined) return false
      focusIndex(api, index)
      return true
    },
    step: (by) => {
      const count = rowCount()
      if (count === 0) return
      const from = api.getFocusedCell()?.rowIndex ?? api.getSelectedNodes()[0]?.rowIndex ?? null
      const to = from === null ? 0 : Math.min(count - 1, Math.max(0, from + by))
      focusIndex(api, to)
    },
  }
}

/**
 * The incident table: AG Grid's Infinite Row Model over the core's cache. The
 * grid asks for blocks of rows in the query's order (`table.rows`, one indexed
 * SQL statement each) and holds only the blocks around the view; the count
 * comes from the core (paced-count.ts); live changes patch held rows in place or
 * reload the held blocks when the order there moved (live-table.ts).
 */
export function IncidentTable(props: {
  index: ReferenceIndex
  base: BuiltinViewId
  myTowns: TownScope
  /** A dashboard drill-down the core holds (exactly what the number counted). */
  drill: string | null
  quickFilter: string
  /** Hold the rows still: only cases that arrived up to this number (null: every case, as they come). */
  arrivedUpTo: number | null
  selectedId: string | null
  onSelect: (id: string | null) => void
  /** Two or more rows selected (a bulk action's cases, in the table's order); empty otherwise. */
  onMultiSelect: (rows: readonly IncidentRow[]) => void
  onReady: (api: GridApi<IncidentRow>, handle: TableHandle) => void
  onStats: (stats: TableStats) => void
  onError: (message: string | null) => void
}) {
  const { t, i18n } = useTranslation('ops')
  const { onSelect, onReady, onMultiSelect } = props
  // Marking several rows: while on, moving the focus leaves the selection alone (Space toggles rows).
  const markingRef = useRef(false)
  const apiRef = useRef<GridApi<IncidentRow> | null>(null)
  const boxRef = useRef<HTMLDivElement | null>(null)
  const indexRef = useRef(props.index)
  const stateRef = useRef({
    view: props.base,
    myTowns: props.myTowns,
    quick: props.quickFilter,
    drill: props.drill,
    arrivedUpTo: props.arrivedUpTo,
  })
  const callbacks = useRef({ onStats: props.onStats, onError: props.onError })
  useEffect(() => {
    callbacks.current = { onStats: props.onStats, onError: props.onError }
  }, [props.onStats, props.onError])

  const vocabulary: Vocabulary = useMemo(() => {
    const dict = (prefix: string) => (id: string) => cachedLabel(t, `${prefix}.${id}`)
    return {
      status: dict('status'),
      priority: dict('priority'),
      category: dict('category'),
      source: dict('source'),
      towns: props.index.towns,
      grids: props.index.grids,
      assignees: props.index.assignees,
    }
  }, [t, props.index])
  const vocabularyRef = useRef(vocabulary)

  // The table's helpers, made when the grid is ready; they reach the grid and the console through refs.
  const partsRef = useRef<TableParts | null>(null)
  useEffect(
    () =>
      subscribe('changes', (notice) => {
        const parts = partsRef.current
        if (!parts) return
        parts.live.notice(notice)
        parts.counter.ask(parts.currentQuery(), false)
      }),
    [],
  )
  useEffect(() => () => partsRef.current?.stop(), [])

  // ---- the console's state: a different view, quick filter or drill-down is a new query ----
  useEffect(() => {
    const prev = stateRef.current
    const next = { ...prev, view: props.base, myTowns: props.myTowns, quick: props.quickFilter, drill: props.drill }
    if (
      prev.view === next.view &&
      prev.myTowns === next.myTowns &&
      prev.quick === next.quick &&
      prev.drill === next.drill
    )
      return
    stateRef.current = next
    const api = apiRef.current
    if (!api) return
    const onlyQuick =
      prev.quick !== next.quick && prev.view === next.view && prev.drill === next.drill && prev.myTowns === next.myTowns
    // Typing in the quick filter asks once the operator pauses.
    const timer = setTimeout(
      () => {
        api.onFilterChanged()
        // The quick filter the rows on screen were asked with (tests wait for it before picking a row).
        if (boxRef.current) boxRef.current.dataset.quick = next.quick
      },
      onlyQuick ? 250 : 0,
    )
    return () => clearTimeout(timer)
  }, [props.base, props.myTowns, props.quickFilter, props.drill])

  // The watermark moved: holding it adds nothing to the rows shown (no reload, nothing moves); letting
  // arrivals in reloads the held blocks in place, without scrolling, and counts again.
  useEffect(() => {
    const prev = stateRef.current.arrivedUpTo
    if (prev === props.arrivedUpTo) return
    stateRef.current = { ...stateRef.current, arrivedUpTo: props.arrivedUpTo }
    const parts = partsRef.current
    if (!parts) return
    parts.counter.ask(parts.currentQuery(), false)
    const released = props.arrivedUpTo === null || (prev !== null && props.arrivedUpTo > prev)
    if (released) apiRef.current?.refreshInfiniteCache()
  }, [props.arrivedUpTo])

  // Names change with the language or the reference data: reshape the rows held, and ask again when a
  // filter matched labels.
  useEffect(() => {
    indexRef.current = props.index
    const changedWords = vocabularyRef.current !== vocabulary
    vocabularyRef.current = vocabulary
    const api = apiRef.current
    if (!api) return
    const now = Date.now()
    api.forEachNode((n) => n.data && n.setData(toRow(n.data.incident, props.index, now)))
    if (changedWords && (stateRef.current.quick.trim() || api.isAnyFilterPresent())) api.onFilterChanged()
  }, [props.index, vocabulary])

  // Keep the selection in step when it changes from outside (a conflict, a board drop).
  useEffect(() => {
    const api = apiRef.current
    if (!api || !props.selectedId) return
    const node = api.getRowNode(props.selectedId)
    if (node && !node.isSelected()) {
      node.setSelected(true, true)
      api.ensureNodeVisible(node)
    }
  }, [props.selectedId])

  // Every half minute the deadline cells on screen count down, and the overdue row tint is redrawn for the
  // rows on screen that crossed their deadline since the last look. The overdue view moves with the clock:
  // looked at too.
  useEffect(() => {
    const every = 30_000
    const id = setInterval(() => {
      const api = apiRef.current
      if (!api) return
      const now = Date.now()
      const crossed = api
        .getRenderedNodes()
        .filter((n) => n.data && rowOverdue(n.data, now) !== rowOverdue(n.data, now - every))
      if (crossed.length) api.redrawRows({ rowNodes: crossed })
      deadlineClock.now = now
      // The clock moved, not the data: a forced refresh would otherwise flash every deadline on screen.
      api.refreshCells({ columns: ['deadline', 'waiting', 'acceptBy'], force: true, suppressFlash: true })
      const parts = partsRef.current
      if (parts && stateRef.current.view === 'overdue') {
        parts.live.poke()
        parts.counter.ask(parts.currentQuery(), false)
      }
    }, every)
    return () => clearInterval(id)
  }, [])

  const columnDefs = useMemo(() => incidentColumns(t), [t])
  const context: CellContext = useMemo(() => ({ t }), [t])
  // AG Grid's own texts (filter menus, conditions, loading…) from its locale package, in the UI language
  // of the moment (the grid reads its locale option once: it asks through the lookup).
  // (useRef's argument is evaluated on every render: it takes the memo, not a fresh copy of ~600 texts.)
  const locale = useMemo(() => gridLocale(i18n.language, { noRowsToShow: t('console.empty') }), [t, i18n.language])
  const localeRef = useRef<Record<string, string>>(locale)
  const getLocaleText = useCallback((p: GetLocaleTextParams<IncidentRow>) => localeText(localeRef.current, p), [])
  useEffect(() => {
    localeRef.current = locale
  }, [locale])
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<IncidentRow>) => {
      const rows = e.api.getSelectedNodes()
      const several = rows.length >= 2
      // Down to one row (or none): the keyboard's moves select again.
      if (rows.length <= 1) markingRef.current = false
      // In the table's order, whatever order they were picked in.
      const data = rows
        .filter((n) => n.data)
        .sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0))
        .map((n) => n.data as IncidentRow)
      onMultiSelect(several ? data : [])
      onSelect(several ? null : (data[0]?.id ?? null))
    },
    [onSelect, onMultiSelect],
  )
  // Ctrl/Shift-click and Space start marking; a plain click ends it (the clicked row alone is selected).
  const onPointerDownCapture = useCallback((e: PointerEvent) => {
    markingRef.current = e.ctrlKey || e.metaKey || e.shiftKey
  }, [])
  const onKeyDownCapture = useCallback((e: KeyboardEvent) => {
    const api = apiRef.current
    if (e.key !== ' ' || e.ctrlKey || e.altKey || e.metaKey || !api) return
    if (!(e.target instanceof HTMLElement) || !e.target.closest('.ag-cell')) return
    const focused = api.getFocusedCell()
    const node = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined
    if (!node?.data) return
    e.preventDefault()
    e.stopPropagation()
    // The focused row is selected already by the focus: the first Space keeps it and starts marking.
    if (!markingRef.current && node.isSelected()) markingRef.current = true
    else {
      markingRef.current = true
      node.setSelected(!node.isSelected(), false)
    }
  }, [])
  const onCellFocused = useCallback((e: CellFocusedEvent<IncidentRow>) => {
    // Keyboard-first: moving the focus with the arrows opens that incident (not while marking several).
    if (e.rowIndex === null || e.rowPinned || markingRef.current) return
    const node = e.api.getDisplayedRowAtIndex(e.rowIndex)
    if (node?.data && !node.isSelected()) node.setSelected(true, true)
  }, [])
  // Keep the keyboard on the selected case when the rows around it reload (a case left the view, a new
  // query): focus follows the selection, or, when the selected case is gone, the case now under the focus
  // is selected (the next one in the queue).
  const selectedRef = useRef(props.selectedId)
  useEffect(() => {
    selectedRef.current = props.selectedId
  }, [props.selectedId])
  const onModelUpdated = useCallback((e: ModelUpdatedEvent<IncidentRow>) => {
    const box = boxRef.current
    if (!box || !box.contains(document.activeElement)) return
    const focused = e.api.getFocusedCell()
    if (!focused || focused.rowPinned) return
    const selected = selectedRef.current
    const at = selected ? e.api.getRowNode(selected)?.rowIndex : null
    if (at !== null && at !== undefined) {
      if (at !== focused.rowIndex) e.api.setFocusedCell(at, focused.column)
      return
    }
    const node = e.api.getDisplayedRowAtIndex(focused.rowIndex)
    if (node?.data && !node.isSelected()) node.setSelected(true, true)
  }, [])
  const onGridReady = useCallback(
    (e: GridReadyEvent<IncidentRow>) => {
      apiRef.current = e.api
      deadlineClock.now = Date.now()
      const parts = createTableParts({ apiRef, boxRef, indexRef, stateRef, vocabularyRef, callbacks })
      partsRef.current = parts
      e.api.setGridOption('datasource', parts.datasource)
      if (boxRef.current) boxRef.current.dataset.quick = stateRef.current.quick
      onReady(e.api, { query: parts.currentQuery, ...keyboardHandle(e.api) })
      parts.counter.ask(parts.currentQuery(), true)
    },
    [onReady],
  )
  // A new filter or sort (a column menu, a saved view, the console's state) is a new query: count it.
  const onQueryChanged = useCallback(() => {
    const parts = partsRef.current
    parts?.counter.ask(parts.currentQuery(), true)
    parts?.fresh()
  }, [])

  return (
    <div
      className="incident-table"
      data-testid="incident-table"
      ref={boxRef}
      onPointerDownCapture={onPointerDownCapture}
      onKeyDownCapture={onKeyDownCapture}
    >
      <AgGridReact<IncidentRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        rowModelType="infinite"
        cacheBlockSize={BLOCK}
        maxBlocksInCache={MAX_BLOCKS}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        rowSelection={rowSelection}
        suppressAnimationFrame={false}
        animateRows={false}
        cellFlashDuration={900}
        cellFadeDuration={1200}
        rowBuffer={10}
        tooltipShowDelay={600}
        // A new query rebuilds the rows once its first block arrives; the grid would then pull the focus back
        // to the cell clicked before, out of the detail form the operator has opened meanwhile.
        suppressFocusAfterRefresh
        onGridReady={onGridReady}
        onFilterChanged={onQueryChanged}
        onSortChanged={onQueryChanged}
        onSelectionChanged={onSelectionChanged}
        onCellFocused={onCellFocused}
        onModelUpdated={onModelUpdated}
        getLocaleText={getLocaleText}
        context={context}
      />
    </div>
  )
}
