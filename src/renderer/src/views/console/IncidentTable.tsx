import { useCallback, useEffect, useMemo, useRef } from 'react'
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellFocusedEvent,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IRowNode,
  type ModelUpdatedEvent,
  type RowClassRules,
  type RowSelectionOptions,
  type SelectionChangedEvent,
} from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import { useTranslation } from 'react-i18next'
import type { BuiltinViewId, IncidentView } from '@shared/contract'
import { gridTheme } from './grid-theme'
import { incidentColumns } from './incident-columns'
import type { FeedEvent, IncidentFeed } from '../../data/incident-feed'
import { rowOverdue, toRow, type IncidentRow } from './incident-rows'
import type { ReferenceIndex } from '../../data/reference-index'
import { matchesView, type ViewContext } from './saved-views'
import { useIncidentFeed } from '../../data/use-incident-feed'

// Community modules only (row grouping, set filters and the like are Enterprise).
ModuleRegistry.registerModules([AllCommunityModule])

const ALL_FILTERS = [{}]
const keepAll = (): boolean => true

// Grid options as module constants: AgGridReact re-applies any prop whose identity changes.
const defaultColDef: ColDef<IncidentRow> = {
  sortable: true,
  resizable: true,
  filter: 'agTextColumnFilter',
  floatingFilter: false,
}
const rowSelection: RowSelectionOptions<IncidentRow> = {
  mode: 'singleRow',
  checkboxes: false,
  enableClickSelection: true,
}
const getRowId = (p: GetRowIdParams<IncidentRow>): string => p.data.id
/** Columns whose value never changes after the report: sorting by them survives in-place updates. */
const STATIC_SORT = new Set(['reportedAt', 'code'])

const rowClassRules: RowClassRules<IncidentRow> = {
  'row-overdue': (p) => !!p.data && rowOverdue(p.data, Date.now()),
  'row-pending': (p) => (p.data?.pending.length ?? 0) > 0,
  'row-urgent': (p) => p.data?.priority === 'urgent',
}

export interface TableStats {
  readonly total: number
  readonly shown: number
  readonly loading: { readonly loaded: number; readonly total: number } | null
}

/**
 * The live incident table: ag-grid's client-side row model fed by an
 * IncidentFeed, every delta applied as an async transaction (batched by the
 * grid every 50 ms), rows keyed by id so updates flash only the changed cells.
 */
export function IncidentTable(props: {
  index: ReferenceIndex
  base: BuiltinViewId
  viewContext: ViewContext
  /** A dashboard drill-down: only these incidents (exactly what the number counted). */
  restrictTo: ReadonlySet<string> | null
  quickFilter: string
  selectedId: string | null
  onSelect: (id: string | null) => void
  onReady: (api: GridApi<IncidentRow>) => void
  onStats: (stats: TableStats) => void
  onRows: (rows: ReadonlyMap<string, IncidentView>) => void
}) {
  const { t } = useTranslation('ops')
  const apiRef = useRef<GridApi<IncidentRow> | null>(null)
  const indexRef = useRef(props.index)
  const baseRef = useRef(props.base)
  const restrictRef = useRef(props.restrictTo)
  const ctxRef = useRef(props.viewContext)
  const bulkShown = useRef(false)
  const refilterTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // Rows patched in place may now sort or filter differently: re-run both at most every 1.5 s, and
  // only when it matters (a filter is set, or the sort is on something that changes).
  const scheduleRefilter = useCallback((api: GridApi<IncidentRow>) => {
    refilterTimer.current ??= setTimeout(() => {
      refilterTimer.current = null
      const sorts = api.getColumnState().filter((c) => c.sort)
      if (api.isAnyFilterPresent() || sorts.some((c) => !STATIC_SORT.has(c.colId))) api.onFilterChanged()
    }, 1500)
  }, [])
  useEffect(
    () => () => {
      if (refilterTimer.current) clearTimeout(refilterTimer.current)
    },
    [],
  )
  const statsRef = useRef<TableStats>({ total: 0, shown: 0, loading: null })
  const { onStats, onRows, onSelect, onReady } = props

  // Only real changes reach the console (each one re-renders it).
  const report = useCallback(
    (patch: Partial<TableStats>) => {
      const next = { ...statsRef.current, ...patch }
      const prev = statsRef.current
      if (
        next.total === prev.total &&
        next.shown === prev.shown &&
        next.loading?.loaded === prev.loading?.loaded &&
        (next.loading === null) === (prev.loading === null)
      )
        return
      statsRef.current = next
      onStats(next)
    },
    [onStats],
  )

  const feed = useIncidentFeed(ALL_FILTERS, keepAll, (event: FeedEvent, feed: IncidentFeed) => {
    const api = apiRef.current
    const now = Date.now()
    const shape = (v: IncidentView) => toRow(v, indexRef.current, now)
    if (api) {
      // A transaction still queued from the last event would add its rows a second time after a
      // full reset of the rows, and its rows have no node yet for an update to find: settle it first.
      api.flushAsyncTransactions()
      const { add, update, remove } = event.delta
      const bulk = event.phase === 'load' || event.phase === 'reset'
      if (bulk) {
        // A load sets the rows in one go (first page at once so the operator sees work, the rest at the
        // end): ten 10k-row transactions would re-sort 100k rows ten times.
        const firstPage = event.loading && add.length > 0 && !bulkShown.current
        if (firstPage || !event.loading) api.setGridOption('rowData', [...feed.rows.values()].map(shape))
        bulkShown.current = event.loading && (bulkShown.current || firstPage)
      } else {
        // Updates patch their row node in place (cells refresh and flash): a transaction would make the
        // grid re-sort and re-position all 100k rows per batch. Sort and filters catch up below.
        const fresh: IncidentRow[] = add.map(shape)
        for (const v of update) {
          const node = api.getRowNode(v.id)
          if (node) node.updateData(shape(v))
          else fresh.push(shape(v))
        }
        const removed = remove.flatMap((id) => {
          const node = api.getRowNode(id)
          return node?.data ? [node.data] : []
        })
        if (fresh.length || removed.length) api.applyTransactionAsync({ add: fresh, remove: removed })
        if (update.length) scheduleRefilter(api)
      }
    }
    report({
      total: feed.rows.size,
      loading: event.loading ? event.progress : null,
    })
    onRows(feed.rows)
  })

  // Names change with the language or the reference data: reshape every row once.
  useEffect(() => {
    indexRef.current = props.index
    const api = apiRef.current
    if (!api || !feed) return
    const now = Date.now()
    api.flushAsyncTransactions()
    api.setGridOption(
      'rowData',
      [...feed.rows.values()].map((v) => toRow(v, props.index, now)),
    )
  }, [props.index, feed])

  useEffect(() => {
    baseRef.current = props.base
    ctxRef.current = props.viewContext
    restrictRef.current = props.restrictTo
    apiRef.current?.onFilterChanged()
  }, [props.base, props.viewContext, props.restrictTo])

  useEffect(() => {
    apiRef.current?.setGridOption('quickFilterText', props.quickFilter)
  }, [props.quickFilter])

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

  // Deadline cells tick by themselves; the overdue row tint is redrawn only for the rows on screen
  // that crossed their deadline since the last look (a full redraw would stall a frame).
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
      if (baseRef.current === 'overdue') api.onFilterChanged()
    }, every)
    return () => clearInterval(id)
  }, [])

  const columnDefs = useMemo(() => incidentColumns(t), [t])
  const localeText = useMemo(() => ({ noRowsToShow: t('console.empty') }), [t])
  const isExternalFilterPresent = useCallback(() => baseRef.current !== 'all' || restrictRef.current !== null, [])
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<IncidentRow>) =>
      !!node.data &&
      (restrictRef.current === null || restrictRef.current.has(node.data.id)) &&
      matchesView(baseRef.current, node.data, ctxRef.current),
    [],
  )
  const onModelUpdated = useCallback(
    (e: ModelUpdatedEvent<IncidentRow>) => report({ shown: e.api.getDisplayedRowCount() }),
    [report],
  )
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<IncidentRow>) => onSelect(e.api.getSelectedRows()[0]?.id ?? null),
    [onSelect],
  )
  const onCellFocused = useCallback((e: CellFocusedEvent<IncidentRow>) => {
    // Keyboard-first: moving the focus with the arrows opens that incident.
    if (e.rowIndex === null || e.rowPinned) return
    const node = e.api.getDisplayedRowAtIndex(e.rowIndex)
    if (node && !node.isSelected()) node.setSelected(true, true)
  }, [])
  // The grid may come up after the first pages arrived (they are in the feed): start from those.
  const feedRef = useRef(feed)
  useEffect(() => {
    feedRef.current = feed
  }, [feed])
  const onGridReady = useCallback(
    (e: GridReadyEvent<IncidentRow>) => {
      apiRef.current = e.api
      const feed = feedRef.current
      if (feed && feed.rows.size > 0) {
        const now = Date.now()
        e.api.setGridOption(
          'rowData',
          [...feed.rows.values()].map((v) => toRow(v, indexRef.current, now)),
        )
      }
      onReady(e.api)
    },
    [onReady],
  )

  return (
    <div className="incident-table" data-testid="incident-table">
      <AgGridReact<IncidentRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        rowSelection={rowSelection}
        asyncTransactionWaitMillis={400}
        // New reports arriving live are sorted into place on their own, not by re-sorting all 100k rows.
        deltaSort
        suppressAnimationFrame={false}
        animateRows={false}
        cellFlashDuration={900}
        cellFadeDuration={1200}
        rowBuffer={10}
        tooltipShowDelay={600}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        onGridReady={onGridReady}
        onModelUpdated={onModelUpdated}
        onSelectionChanged={onSelectionChanged}
        onCellFocused={onCellFocused}
        localeText={localeText}
      />
    </div>
  )
}
