import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GridApi } from 'ag-grid-community'
import { useTranslation } from 'react-i18next'
import type { IncidentDetail, SavedView } from '@shared/contract'
import type { TownScope } from '@shared/domain'
import { call } from '../../api/client'
import { usePushEvent, useRequest, useSyncStatus } from '../../api/hooks'
import { BulkPanel } from './BulkPanel'
import { ColumnChooser } from './ColumnChooser'
import { layoutOf, columnState } from './column-layout'
import { ConflictsPanel } from './ConflictsPanel'
import { queueLayout } from './pending-queue'
import { exportCsv, saveBlob } from './csv-download'
import { csvFileName, csvLabels } from './csv-labels'
import { DetailPanel } from './DetailPanel'
import type { IncidentRow } from './incident-rows'
import { IncidentTable, type TableHandle } from './IncidentTable'
import type { TableStats } from './table-parts'
import { baseOf, makeSavedView, type ActiveView } from './saved-views'
import { useConflicts } from '../../data/use-conflicts'
import { useDrill } from './use-drill'
import { useReference } from '../../data/use-reference'
import { useViewCounts } from './use-view-counts'
import { useConsoleKeys } from './use-console-keys'
import { useArrivalHold } from './use-arrival-hold'
import { useBulkRun } from './use-bulk-run'
import { ViewBar } from './ViewBar'
import './console.css'

const HOME_TOWN_KEY = 'grid-console-home-town'
const AFTER_ACTION_KEY = 'grid-console-after-action'
/** Where the keyboard goes once an action went through: the next case in the view, or stay on this one. */
type AfterAction = 'next' | 'stay'

/**
 * The cases behind the conflicts, as they stand now, with their timelines (who changed them) and what
 * this operator may still do to them (the panel offers only those).
 */
function useConflictCases(ids: readonly string[]): ReadonlyMap<string, IncidentDetail> {
  const [cases, setCases] = useState<ReadonlyMap<string, IncidentDetail>>(new Map())
  const [tick, setTick] = useState(0)
  const key = [...new Set(ids)].sort().join(',')
  useEffect(() => {
    let live = true
    const list = key ? key.split(',').slice(0, 50) : []
    if (list.length === 0) {
      setCases(new Map())
      return
    }
    Promise.all(list.map((id) => call('incident.get', { id }).catch(() => null)))
      .then((all) => {
        if (!live) return
        setCases(new Map(all.filter((d): d is IncidentDetail => d !== null).map((d) => [d.incident.id, d])))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [key, tick])
  usePushEvent('changes', (n) => {
    if (key && (n.all || n.incidentIds.some((id) => key.includes(id)))) setTick((x) => x + 1)
  })
  return cases
}

/** The operator's main screen: the live incident table, saved views, and the detail or conflicts panel. */
export function ConsoleView() {
  const { t, i18n } = useTranslation('ops')
  const { reference, index } = useReference()
  const status = useSyncStatus()
  const { conflicts } = useConflicts()
  const savedReq = useRequest('views.list', {})
  const [saved, setSaved] = useState<SavedView[] | null>(null)
  const [active, setActive] = useState<ActiveView>({ kind: 'builtin', id: 'all' })
  const [quick, setQuick] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  // Two or more rows selected for a bulk action (in the table's order), and the bulk run's results.
  const [multi, setMulti] = useState<readonly IncidentRow[]>([])
  const bulk = useBulkRun()
  const [showConflicts, setShowConflicts] = useState(false)
  const [stats, setStats] = useState<TableStats>({ shown: null, total: null })
  const [tableError, setTableError] = useState<string | null>(null)
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null)
  const [homeTown, setHomeTown] = useState(() => localStorage.getItem(HOME_TOWN_KEY) ?? '')
  const { drill, error: drillError, clear: clearDrill } = useDrill()
  const apiRef = useRef<GridApi<IncidentRow> | null>(null)
  const handleRef = useRef<TableHandle | null>(null)
  const quickRef = useRef<HTMLInputElement | null>(null)
  const bodyRef = useRef<HTMLDivElement | null>(null)
  const hold = useArrivalHold(bodyRef, stats.lastArrival)
  const newer = hold.upTo !== null ? (stats.newer ?? 0) : 0
  const [afterAction, setAfterAction] = useState<AfterAction>(() =>
    localStorage.getItem(AFTER_ACTION_KEY) === 'stay' ? 'stay' : 'next',
  )
  // The case after the one an action is taken on, noted when its form opens (the row may leave the view
  // once the action goes through).
  const nextRef = useRef<{ from: string; next: string | null } | null>(null)
  const keyRefs = useMemo(
    () => ({
      handle: handleRef,
      quick: quickRef,
      table: () => document.querySelector<HTMLElement>('[data-testid="incident-table"]'),
      detail: () => document.querySelector<HTMLElement>('[data-testid="detail-panel"]'),
    }),
    [],
  )
  useConsoleKeys(keyRefs)
  const onActing = useCallback((id: string) => {
    nextRef.current = { from: id, next: handleRef.current?.neighbourOf(id) ?? null }
  }, [])
  const onFormClosed = useCallback(
    (id: string, acted: boolean) => {
      const handle = handleRef.current
      if (!handle) return
      const noted = nextRef.current?.from === id ? nextRef.current.next : null
      nextRef.current = null
      const target = acted && afterAction === 'next' ? (noted ?? handle.neighbourOf(id) ?? id) : id
      // Never leave the keyboard on the page body: the case itself, else wherever the table's focus was.
      if (!handle.focusRow(target) && !handle.focusRow(id)) handle.step(0)
    },
    [afterAction],
  )

  const scope: TownScope = status?.operator?.towns ?? '*'
  const cityWide = scope === '*'
  const myTownsKey = cityWide ? homeTown || '*' : scope.join(',')
  const myTowns: TownScope = useMemo(() => (myTownsKey === '*' ? '*' : myTownsKey.split(',')), [myTownsKey])
  const counts = useViewCounts(myTowns)
  const conflictCases = useConflictCases(conflicts.map((c) => c.incidentId))
  const base = baseOf(active)
  const savedViews = saved ?? savedReq.data ?? []

  const onReady = useCallback((api: GridApi<IncidentRow>, handle: TableHandle) => {
    apiRef.current = api
    handleRef.current = handle
  }, [])

  const pick = (view: ActiveView) => {
    if (drill) clearDrill()
    setActive(view)
    const api = apiRef.current
    // A built-in view: the pending queue in its working order (priority, then oldest first) with its waiting
    // and acceptance columns; the others newest first.
    if (view.kind === 'builtin') api?.applyColumnState(queueLayout(view.id === 'awaiting'))
    if (view.kind === 'saved') {
      setQuick(view.view.quickFilter)
      api?.setFilterModel(view.view.filterModel)
      // The view's column layout (order, shown or hidden), then its sort.
      if (api && view.view.columns)
        api.applyColumnState({ state: columnState(view.view.columns, api.getColumnState()), applyOrder: true })
      api?.applyColumnState({ state: view.view.sortModel, defaultState: { sort: null } })
    }
  }
  const saveView = async (name: string) => {
    const api = apiRef.current
    const sortModel = (api?.getColumnState() ?? [])
      .filter((c) => c.sort)
      .map((c) => ({ colId: c.colId, sort: c.sort === 'asc' ? ('asc' as const) : ('desc' as const) }))
    const view = makeSavedView(
      name,
      {
        base,
        quickFilter: quick,
        filterModel: (api?.getFilterModel() ?? {}) as SavedView['filterModel'],
        sortModel,
        columns: layoutOf(api?.getColumnState() ?? []),
      },
      Date.now(),
    )
    setSaved(await call('views.save', { view }))
    setActive({ kind: 'saved', view })
  }
  const deleteView = async (id: string) => {
    setSaved(await call('views.delete', { id }))
    setActive({ kind: 'builtin', id: 'all' })
  }
  // Every row the table's query matches (not only the blocks on screen), streamed from the core.
  const onExport = async () => {
    const handle = handleRef.current
    if (!handle || exporting) return
    setExporting({ done: 0, total: 0 })
    try {
      const labels = csvLabels((k) => t(k), i18n.language === 'en' ? 'en' : 'zh-CN')
      const blob = await exportCsv(handle.query(), labels, (done, total) => setExporting({ done, total }))
      saveBlob(blob, csvFileName('incidents', new Date()))
      setTableError(null)
    } catch (err) {
      setTableError(t('console.exportFailed', { message: err instanceof Error ? err.message : String(err) }))
    } finally {
      setExporting(null)
    }
  }
  const clearFilters = () => {
    setQuick('')
    apiRef.current?.setFilterModel(null)
  }
  const clearSelection = () => {
    apiRef.current?.deselectAll()
    handleRef.current?.step(0)
  }
  const bulkSide = multi.length >= 2 || bulk.run !== null
  const percent = exporting && exporting.total > 0 ? Math.floor((100 * exporting.done) / exporting.total) : 0

  return (
    <div className="console-view" data-testid="console-view">
      <div className="console-toolbar">
        <ViewBar
          active={active}
          counts={counts}
          saved={savedViews}
          onPick={pick}
          onSave={(n) => void saveView(n)}
          onDelete={(id) => void deleteView(id)}
        />
        <div className="console-tools">
          <input
            className="quick-filter"
            type="search"
            data-testid="quick-filter"
            placeholder={t('console.quickFilter')}
            value={quick}
            ref={quickRef}
            onChange={(e) => setQuick(e.target.value)}
            onKeyDown={(e) => {
              // One Tab from the filter reaches the rows (the column headers are not in the way).
              if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
                e.preventDefault()
                handleRef.current?.step(0)
              }
            }}
          />
          <label className="after-action" title={t('console.afterActionHint')}>
            <span>{t('console.afterAction')}</span>
            <select
              data-testid="after-action"
              value={afterAction}
              onChange={(e) => {
                const next: AfterAction = e.target.value === 'stay' ? 'stay' : 'next'
                setAfterAction(next)
                localStorage.setItem(AFTER_ACTION_KEY, next)
              }}
            >
              <option value="next">{t('console.afterNext')}</option>
              <option value="stay">{t('console.afterStay')}</option>
            </select>
          </label>
          {cityWide && base === 'my_town' && (
            <select
              aria-label={t('console.homeTown')}
              data-testid="home-town"
              value={homeTown}
              onChange={(e) => {
                setHomeTown(e.target.value)
                localStorage.setItem(HOME_TOWN_KEY, e.target.value)
              }}
            >
              <option value="">{t('board.allTowns')}</option>
              {reference?.towns.map((town) => (
                <option key={town.id} value={town.id}>
                  {index.townName(town.id)}
                </option>
              ))}
            </select>
          )}
          <ColumnChooser api={() => apiRef.current} />
          <button type="button" className="btn ghost" onClick={clearFilters}>
            {t('console.clearFilters')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="export-csv"
            disabled={exporting !== null}
            onClick={() => void onExport()}
          >
            ⤓ {exporting ? t('console.exporting', { percent }) : t('console.exportCsv')}
          </button>
          <button
            type="button"
            className={`btn ${conflicts.length > 0 ? 'danger' : ''}`}
            data-testid="toggle-conflicts"
            aria-pressed={showConflicts}
            onClick={() => setShowConflicts((s) => !s)}
          >
            ⚠ {t('console.conflicts', { count: conflicts.length })}
          </button>
          {(drill || drillError) && (
            <span className="drill-chip" data-testid="drill-chip" role="status">
              {drillError
                ? t('console.drillFailed', { message: drillError })
                : t('console.drill', { count: drill?.total ?? 0 })}
              <button type="button" className="btn ghost" data-testid="drill-clear" onClick={clearDrill}>
                {t('console.drillClear')}
              </button>
            </span>
          )}
          {tableError && (
            <span className="table-error" role="alert" data-testid="table-error">
              {tableError}
            </span>
          )}
          <span className="row-stats" data-testid="row-stats" data-shown={stats.shown ?? ''}>
            {stats.shown === null || stats.total === null
              ? t('console.counting')
              : t('console.rows', { shown: stats.shown.toLocaleString(), total: stats.total.toLocaleString() })}
          </span>
        </div>
      </div>
      <div className={`console-body ${selected || showConflicts || bulkSide ? 'with-side' : ''}`} ref={bodyRef}>
        {newer > 0 && (
          <button type="button" className="new-pill" data-testid="new-pill" onClick={hold.release}>
            ↑ {t('console.newArrivals', { count: newer })}
          </button>
        )}
        <IncidentTable
          index={index}
          base={drill ? 'all' : base}
          myTowns={myTowns}
          drill={drill?.id ?? null}
          quickFilter={quick}
          arrivedUpTo={hold.upTo}
          selectedId={selected}
          onSelect={setSelected}
          onMultiSelect={setMulti}
          onReady={onReady}
          onStats={setStats}
          onError={setTableError}
        />
        {showConflicts ? (
          <ConflictsPanel
            conflicts={conflicts}
            index={index}
            current={(id) => conflictCases.get(id)}
            onOpen={(id) => {
              setShowConflicts(false)
              setSelected(id)
            }}
            onClose={() => setShowConflicts(false)}
          />
        ) : bulkSide ? (
          <BulkPanel
            cases={multi.map((r) => r.incident)}
            role={status?.operator?.role ?? 'operator'}
            reference={reference}
            run={bulk.run}
            onRun={(action, plan) => {
              void bulk.start(action, plan)
              // The cases leave the selection; their outcomes stay in the list until dismissed.
              apiRef.current?.deselectAll()
              handleRef.current?.step(0)
            }}
            onClear={clearSelection}
            onDismiss={bulk.dismiss}
          />
        ) : (
          selected && (
            <DetailPanel
              id={selected}
              index={index}
              reference={reference}
              onClose={() => setSelected(null)}
              onActing={onActing}
              onFormClosed={onFormClosed}
            />
          )
        )}
      </div>
    </div>
  )
}
