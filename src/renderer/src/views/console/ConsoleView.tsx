import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { GridApi } from 'ag-grid-community'
import { useTranslation } from 'react-i18next'
import type { BuiltinViewId, IncidentView, SavedView } from '@shared/contract'
import type { TownScope } from '@shared/domain'
import { call } from '../../api/client'
import { useNow, useRequest, useSyncStatus } from '../../api/hooks'
import { ConflictsPanel } from './ConflictsPanel'
import { toCsv, csvFileName } from './csv'
import { csvColumns } from './csv-columns'
import { DetailPanel } from './DetailPanel'
import type { IncidentRow } from './incident-rows'
import { IncidentTable, type TableStats } from './IncidentTable'
import { baseOf, countViews, makeSavedView, type ActiveView, type ViewContext } from './saved-views'
import { useConflicts } from '../../data/use-conflicts'
import { useDrill } from './use-drill'
import { useReference } from '../../data/use-reference'
import { ViewBar } from './ViewBar'
import './console.css'

const HOME_TOWN_KEY = 'grid-console-home-town'

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The operator's main screen: the live incident table, saved views, and the detail or conflicts panel. */
export function ConsoleView() {
  const { t } = useTranslation('ops')
  const { reference, index } = useReference()
  const status = useSyncStatus()
  const { conflicts } = useConflicts()
  const savedReq = useRequest('views.list', {})
  const [saved, setSaved] = useState<SavedView[] | null>(null)
  const [active, setActive] = useState<ActiveView>({ kind: 'builtin', id: 'all' })
  const [quick, setQuick] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [showConflicts, setShowConflicts] = useState(false)
  const [stats, setStats] = useState<TableStats>({ total: 0, shown: 0, loading: null })
  const [counts, setCounts] = useState<Record<BuiltinViewId, number> | null>(null)
  const [homeTown, setHomeTown] = useState(() => localStorage.getItem(HOME_TOWN_KEY) ?? '')
  const { drill, error: drillError, clear: clearDrill } = useDrill()
  const apiRef = useRef<GridApi<IncidentRow> | null>(null)
  const rowsRef = useRef<ReadonlyMap<string, IncidentView>>(new Map())
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const scope: TownScope = status?.operator?.towns ?? '*'
  const cityWide = scope === '*'
  const myTownsKey = cityWide ? homeTown || '*' : scope.join(',')
  const myTowns: TownScope = useMemo(() => (myTownsKey === '*' ? '*' : myTownsKey.split(',')), [myTownsKey])
  const minute = useNow(60_000)
  const viewContext: ViewContext = useMemo(() => ({ now: minute, myTowns }), [minute, myTowns])
  const base = baseOf(active)
  const savedViews = saved ?? savedReq.data ?? []

  // View counts follow the data, a few times a minute at most, over the rows the grid already shaped.
  const onRows = useCallback(
    (rows: ReadonlyMap<string, IncidentView>) => {
      rowsRef.current = rows
      if (countTimer.current) return
      const recount = () => {
        const api = apiRef.current
        if (!api) return
        const shaped: IncidentRow[] = []
        api.forEachNode((n) => n.data && shaped.push(n.data))
        setCounts(countViews(shaped, { now: Date.now(), myTowns }))
      }
      countTimer.current = setTimeout(
        () => {
          countTimer.current = null
          recount()
        },
        rows.size < 20_000 ? 400 : 3000,
      )
    },
    [myTowns],
  )
  // A different home town or language changes the counts without any data changing.
  useEffect(() => onRows(rowsRef.current), [onRows])
  useEffect(
    () => () => {
      if (countTimer.current) clearTimeout(countTimer.current)
    },
    [],
  )

  const onReady = useCallback((api: GridApi<IncidentRow>) => {
    apiRef.current = api
  }, [])

  const pick = (view: ActiveView) => {
    if (drill) clearDrill()
    setActive(view)
    const api = apiRef.current
    if (view.kind === 'saved') {
      setQuick(view.view.quickFilter)
      api?.setFilterModel(view.view.filterModel)
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
      { base, quickFilter: quick, filterModel: (api?.getFilterModel() ?? {}) as SavedView['filterModel'], sortModel },
      Date.now(),
    )
    setSaved(await call('views.save', { view }))
    setActive({ kind: 'saved', view })
  }
  const deleteView = async (id: string) => {
    setSaved(await call('views.delete', { id }))
    setActive({ kind: 'builtin', id: 'all' })
  }
  const exportCsv = () => {
    const api = apiRef.current
    if (!api) return
    const rows: IncidentRow[] = []
    api.forEachNodeAfterFilterAndSort((n) => n.data && rows.push(n.data))
    download(
      toCsv(
        csvColumns((k) => t(k)),
        rows,
      ),
      csvFileName('incidents', new Date()),
    )
  }
  const clearFilters = () => {
    setQuick('')
    apiRef.current?.setFilterModel(null)
  }

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
            onChange={(e) => setQuick(e.target.value)}
          />
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
          <button type="button" className="btn ghost" onClick={clearFilters}>
            {t('console.clearFilters')}
          </button>
          <button type="button" className="btn" data-testid="export-csv" onClick={exportCsv}>
            ⤓ {t('console.exportCsv')}
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
                : t('console.drill', { count: drill?.ids.size ?? 0 })}
              <button type="button" className="btn ghost" data-testid="drill-clear" onClick={clearDrill}>
                {t('console.drillClear')}
              </button>
            </span>
          )}
          <span className="row-stats" data-testid="row-stats">
            {stats.loading
              ? t('console.loading', {
                  loaded: stats.loading.loaded.toLocaleString(),
                  total: stats.loading.total.toLocaleString(),
                })
              : t('console.rows', { shown: stats.shown.toLocaleString(), total: stats.total.toLocaleString() })}
          </span>
        </div>
      </div>
      <div className={`console-body ${selected || showConflicts ? 'with-side' : ''}`}>
        <IncidentTable
          index={index}
          base={drill ? 'all' : base}
          viewContext={viewContext}
          restrictTo={drill?.ids ?? null}
          quickFilter={quick}
          selectedId={selected}
          onSelect={setSelected}
          onReady={onReady}
          onStats={setStats}
          onRows={onRows}
        />
        {showConflicts ? (
          <ConflictsPanel
            conflicts={conflicts}
            assigneeName={index.assigneeName}
            current={(id) => rowsRef.current.get(id)}
            onOpen={(id) => {
              setShowConflicts(false)
              setSelected(id)
            }}
            onClose={() => setShowConflicts(false)}
          />
        ) : (
          selected && (
            <DetailPanel id={selected} index={index} reference={reference} onClose={() => setSelected(null)} />
          )
        )}
      </div>
    </div>
  )
}
