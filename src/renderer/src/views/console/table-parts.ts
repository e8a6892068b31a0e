import type { RefObject } from 'react'
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community'
import type { BuiltinViewId, IncidentView, TableQuery } from '@shared/contract'
import type { TownScope } from '@shared/domain'
import { call } from '../../api/client'
import type { ReferenceIndex } from '../../data/reference-index'
import { toRow, type IncidentRow } from './incident-rows'
import { LiveTable } from './live-table'
import { PacedCount } from './paced-count'
import { tableQuery, type TableState, type Vocabulary } from './table-query'

export interface TableStats {
  /** Cases the table's query matches (the core's count), null while it is counted. */
  readonly shown: number | null
  /** Cases in the cache. */
  readonly total: number | null
  /** Cases the query would show that arrived after the rows held still (the "N new" pill). */
  readonly newer?: number
  /** The cache's latest arrival number (the watermark to hold the rows at). */
  readonly lastArrival?: number
}

/** What the parts read from the component, always current. */
export interface TableRefs {
  readonly apiRef: RefObject<GridApi<IncidentRow> | null>
  readonly boxRef: RefObject<HTMLDivElement | null>
  readonly indexRef: RefObject<ReferenceIndex>
  readonly stateRef: RefObject<{
    view: BuiltinViewId
    myTowns: TownScope
    quick: string
    drill: string | null
    arrivedUpTo: number | null
  }>
  readonly vocabularyRef: RefObject<Vocabulary>
  readonly callbacks: RefObject<{ onStats: (s: TableStats) => void; onError: (m: string | null) => void }>
}

export interface TableParts {
  /** The query the table shows now: the grid's filter and sort models plus the console's state. */
  readonly currentQuery: () => TableQuery
  readonly counter: PacedCount
  readonly live: LiveTable
  readonly datasource: IDatasource
  /** A new query: its first rows are painted at once rather than spread over frames (as when scrolling). */
  fresh(): void
  stop(): void
}

type SortModel = TableState['sortModel']
const sortModelOf = (api: GridApi<IncidentRow>): SortModel =>
  api
    .getColumnState()
    .filter((c) => c.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort === 'asc' ? ('asc' as const) : ('desc' as const) }))

/**
 * The incident table's wiring to the core, made once the grid is ready: the
 * datasource the Infinite Row Model asks for blocks (`table.rows`), the count
 * (paced-count.ts) and the live updates (live-table.ts) over the grid's API.
 */
export function createTableParts(refs: TableRefs): TableParts {
  const { apiRef, boxRef, indexRef, stateRef, vocabularyRef, callbacks } = refs
  const currentQuery = (): TableQuery => {
    const api = apiRef.current
    return tableQuery(
      {
        ...stateRef.current,
        filterModel: api?.getFilterModel() ?? {},
        sortModel: api ? sortModelOf(api) : [],
      },
      vocabularyRef.current,
    )
  }
  const error = (message: string | null) => callbacks.current.onError(message)
  // Figures a test (or a curious operator with devtools) can read: blocks fetched, looks, patches, reloads.
  const counters = { blocks: 0, looks: 0, patched: 0, reloads: 0 }
  const bump = (key: keyof typeof counters, by = 1) => {
    counters[key] += by
    if (boxRef.current) boxRef.current.dataset[key] = String(counters[key])
  }
  const counter = new PacedCount({
    count: (query) => call('table.count', { query }),
    onCounting: () => callbacks.current.onStats({ shown: null, total: null }),
    onCount: (r) => {
      const api = apiRef.current
      if (api && (api.getInfiniteRowCount() !== r.count || !api.isLastRowIndexKnown())) api.setRowCount(r.count, true)
      callbacks.current.onStats({ shown: r.count, total: r.cached, newer: r.newer, lastArrival: r.lastArrival })
    },
    onError: error,
  })
  const live = new LiveTable({
    grid: {
      held: () => {
        const held = new Map<number, IncidentView>()
        apiRef.current?.forEachNode((n) => {
          if (n.data && n.rowIndex !== null) held.set(n.rowIndex, n.data.incident)
        })
        return held
      },
      displayed: () => {
        const api = apiRef.current
        const first = Math.max(0, api?.getFirstDisplayedRowIndex() ?? 0)
        return { first, last: Math.max(first, api?.getLastDisplayedRowIndex() ?? 0) }
      },
      rowCount: () => ({
        count: apiRef.current?.getInfiniteRowCount() ?? 0,
        known: apiRef.current?.isLastRowIndexKnown() === true,
      }),
      reload: () => apiRef.current?.refreshInfiniteCache(),
      restart: () => apiRef.current?.onFilterChanged(),
      patch: (views) => {
        const api = apiRef.current
        const now = Date.now()
        // The same case: its cells are compared and only the changed ones redrawn (and flashed).
        for (const v of views) api?.getRowNode(v.id)?.updateData(toRow(v, indexRef.current, now))
      },
    },
    query: currentQuery,
    changed: (args) => call('table.changed', args),
    onLook: (outcome, patched) => {
      bump('looks')
      if (outcome === 'reloaded') bump('reloads')
      if (patched > 0) bump('patched', patched)
      error(null)
    },
    onError: error,
  })
  // The grid spreads row rendering over animation frames, which keeps scrolling smooth; the first rows of
  // a new query are flushed at once instead (the operator is waiting for them).
  let freshQuery = true
  const flush = () => apiRef.current?.flushAllAnimationFrames()
  // Each block is asked with the grid's models of that moment (the cache's own snapshot of them).
  const datasource: IDatasource = {
    getRows: (params: IGetRowsParams<IncidentRow>) => {
      const query = tableQuery(
        {
          ...stateRef.current,
          filterModel: (params.filterModel ?? {}) as Record<string, unknown>,
          sortModel: params.sortModel,
        },
        vocabularyRef.current,
      )
      const limit = params.endRow - params.startRow
      call('table.rows', { query, offset: params.startRow, limit })
        .then((block) => {
          const now = Date.now()
          const rows = block.rows.map((v) => toRow(v, indexRef.current, now))
          const last = block.end ? params.startRow + rows.length : (counter.known(query) ?? undefined)
          params.successCallback(rows, last)
          if (freshQuery) {
            freshQuery = false
            flush()
          }
          bump('blocks')
          error(null)
        })
        .catch((err: unknown) => {
          params.failCallback()
          error(err instanceof Error ? err.message : String(err))
        })
    },
  }
  return {
    currentQuery,
    counter,
    live,
    datasource,
    fresh: () => {
      freshQuery = true
      flush()
    },
    stop: () => {
      live.stop()
      counter.stop()
    },
  }
}
