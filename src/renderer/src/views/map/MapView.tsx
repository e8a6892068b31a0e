import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillKey, IncidentView, SearchHit } from '@shared/contract'
import { call } from '../../api/client'
import { DataAge } from '../../components/DataAge'
import { DrillPanel } from '../../components/DrillPanel'
import { LiveMap } from '../../components/live-map/LiveMap'
import { PICKABLE } from '../../components/live-map/map-style'
import type { MapEngine } from '../../components/live-map/maplibre-adapter'
import { dispatchCommand } from '../../data/dispatch-command'
import { drillHash, type DrillTarget } from '../../data/drill-link'
import type { MapFeed } from '../../data/map-feed'
import { homeTown } from '../../data/situation-shape'
import { useReference } from '../../data/use-reference'
import { useNames, useSituation } from '../../data/use-situation'
import { clockTime } from '../../lib/format'
import { LayerPanel, type LayerFacts } from './LayerPanel'
import { CaseCardView, ComponentCardView, UnitCardView } from './MapCards'
import { MapSearch } from './MapSearch'
import { DispatchConfirm } from '../../components/DispatchConfirm'
import { keyboardOrder, step, targetKey, targetOf, type MapTarget } from './map-targets'
import { useMapGestures, type Box } from './use-map-gestures'
import { useMapPrefs } from './use-map-prefs'
import './map.css'

type Card =
  | { readonly kind: 'case'; readonly id: string }
  | { readonly kind: 'team' | 'worker'; readonly id: string }
  | { readonly kind: 'component'; readonly id: string }

interface Selection {
  readonly key: DrillKey
  readonly total: number
}

/**
 * One map manages all (一图统管): the district's cases, heat, joint teams and
 * grid workers, components and rental buildings over its towns and grids, live.
 * Click opens, Shift+drag selects into the console, a case dragged onto a team
 * dispatches it, Ctrl+F searches, N / Shift+N walk the features in view.
 */
export function MapView() {
  const { t, i18n } = useTranslation('situation')
  const names = useNames()
  const { freshness, status } = useSituation()
  const { prefs, loaded, change } = useMapPrefs()
  const [engine, setEngine] = useState<MapEngine | null>(null)
  const feed = useRef<MapFeed | null>(null)
  const [card, setCard] = useState<Card | null>(null)
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const [crumbs, setCrumbs] = useState<{ townId: string | null; mediumId: string | null }>({
    townId: null,
    mediumId: null,
  })
  const [focus, setFocus] = useState<MapTarget | null>(null)
  const [selection, setSelection] = useState<Selection | null>(null)
  const [drop, setDrop] = useState<{ incident: IncidentView; teamId: string; teamName: string; at: number } | null>(
    null,
  )
  const [notice, setNotice] = useState<string | null>(null)
  const [facts, setFacts] = useState<LayerFacts>({ cases: null, heat: null, unitsAsOf: null })
  const searchBox = useRef<HTMLInputElement>(null)
  const mapBox = useRef<HTMLDivElement>(null)
  // Reloaded when the cache's reference data arrives (right after a sign-in on a fresh workstation).
  const { reference: ref } = useReference()
  const teamNames = useMemo(() => new Map((ref?.teams ?? []).map((x) => [x.id, x.name])), [ref])

  const say = useCallback((text: string) => {
    setNotice(text)
    window.setTimeout(() => setNotice((n) => (n === text ? null : n)), 4000)
  }, [])

  const flyToArea = useCallback(
    (id: string | null) => {
      const f = feed.current
      if (!engine || !f) return
      const bbox = id ? f.area(id)?.bbox : f.district
      if (bbox) engine.fitBounds(bbox)
    },
    [engine],
  )

  // A principal of one town starts at that town.
  const home = homeTown(status?.operator?.towns)
  const [homed, setHomed] = useState(false)
  useEffect(() => {
    if (!engine || homed || !home) return
    const timer = window.setInterval(() => {
      if (feed.current?.area(home)) {
        setCrumbs({ townId: home, mediumId: null })
        flyToArea(home)
        setHomed(true)
      }
    }, 200)
    return () => window.clearInterval(timer)
  }, [engine, home, homed, flyToArea])

  const open = useCallback(
    (target: MapTarget) => {
      if (!engine) return
      switch (target.kind) {
        case 'case':
          setCard({ kind: 'case', id: target.id })
          break
        case 'cluster': {
          const at = engine.unproject(target.at.x, target.at.y)
          void engine.expandCluster('cases', target.id, at)
          break
        }
        case 'team':
        case 'worker':
          setCard({ kind: target.kind, id: target.id })
          break
        case 'building':
        case 'component':
          setCard({ kind: 'component', id: target.id })
          break
        case 'town':
          setCrumbs({ townId: target.id, mediumId: null })
          flyToArea(target.id)
          break
        case 'grid': {
          const area = feed.current?.area(target.id)
          setCrumbs({ townId: area?.townId ?? null, mediumId: area?.parentId ?? null })
          setDrill({
            key: { metric: 'open', gridId: target.id },
            label: `${names.grid(target.id)} · ${t('map.layer.cases')}`,
          })
          break
        }
      }
    },
    [engine, flyToArea, names, t],
  )

  // Clicks: the topmost feature the library's hit-testing finds.
  useEffect(() => {
    if (!engine) return
    return engine.on('click', ({ x, y }) => {
      const target = engine
        .pick(x, y, PICKABLE)
        .map((f) => targetOf(f, names))
        .find((x): x is MapTarget => x !== null)
      if (!target) return
      setFocus(target)
      open(target)
    })
  }, [engine, names, open])

  // The focus ring: drawn by the map itself, at the focused feature.
  useEffect(() => {
    if (!engine) return
    const none = () => engine.setData('focus', { type: 'FeatureCollection', features: [] })
    if (!focus) return none()
    const area = focus.kind === 'grid' || focus.kind === 'town' ? feed.current?.area(focus.id) : null
    // An area has no point of its own (its ring is its extent); a point off the map has no ring.
    if (!area && !(Number.isFinite(focus.at.x) && Number.isFinite(focus.at.y))) return none()
    const [lng, lat] = area ? [0, 0] : engine.unproject(focus.at.x, focus.at.y)
    const geometry = area
      ? {
          type: 'Polygon' as const,
          coordinates: [
            [
              [area.bbox[0], area.bbox[1]],
              [area.bbox[2], area.bbox[1]],
              [area.bbox[2], area.bbox[3]],
              [area.bbox[0], area.bbox[3]],
              [area.bbox[0], area.bbox[1]],
            ],
          ],
        }
      : { type: 'Point' as const, coordinates: [lng, lat] }
    engine.setData('focus', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] })
  }, [engine, focus])

  const onBox = useCallback(
    async (b: Box) => {
      const key = feed.current?.key
      if (!engine || !key) return
      const [w, n] = engine.unproject(Math.min(b.x0, b.x1), Math.min(b.y0, b.y1))
      const [e, s] = engine.unproject(Math.max(b.x0, b.x1), Math.max(b.y0, b.y1))
      const boxed: DrillKey = { ...key, bbox: [w, s, e, n] }
      const result = await call('situation.drill', { key: boxed })
      setSelection({ key: boxed, total: result.total })
    },
    [engine],
  )

  const onDrop = useCallback(
    async (caseId: string, teamId: string | null) => {
      if (!teamId) return say(t('map.drop.notTeam'))
      const detail = await call('incident.get', { id: caseId })
      const i = detail.incident
      if (!detail.allowedActions.includes('dispatch')) return say(t('map.drop.notDispatchable'))
      setDrop({ incident: i, teamId, teamName: teamNames.get(teamId) ?? teamId, at: Date.now() })
    },
    [say, t, teamNames],
  )
  const gestures = useMapGestures(engine, { onBox: (b) => void onBox(b), onDrop: (c, tm) => void onDrop(c, tm) })

  const confirmDrop = async (note: string) => {
    if (!drop) return
    const command = dispatchCommand(drop.incident, { kind: 'team', id: drop.teamId }, Date.now(), note)
    setDrop(null)
    try {
      await call('commands.submit', command)
      say(t('map.drop.sent', { code: drop.incident.code, team: drop.teamName }))
    } catch (err) {
      say(err instanceof Error ? err.message : String(err))
    }
  }

  const walk = (by: 1 | -1) => {
    if (!engine) return
    const order = keyboardOrder(
      engine
        .pickBox(
          null,
          PICKABLE.filter((l) => l !== 'grid-fill' && l !== 'town-fill'),
        )
        .map((f) => targetOf(f, names))
        .filter((x): x is MapTarget => x !== null),
    )
    // With nothing to stop at on screen, the areas in view are the stops.
    const stops =
      order.length > 0
        ? order
        : keyboardOrder(
            engine
              .pickBox(null, [engine.zoom() >= 11 ? 'grid-fill' : 'town-fill'])
              .map((f) => targetOf(f, names))
              .filter((x): x is MapTarget => x !== null),
          )
    const next = step(stops, focus ? targetKey(focus) : null, by)
    if (next) setFocus(next)
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('input, textarea, select, button')) return
    if (e.key === 'n' || e.key === 'N') {
      e.preventDefault()
      walk(e.shiftKey ? -1 : 1)
    } else if (e.key === 'Enter' && focus) {
      e.preventDefault()
      open(focus)
    } else if (e.key === 'Escape') {
      if (card) setCard(null)
      else if (selection) setSelection(null)
      else setFocus(null)
    }
  }

  // Ctrl+F searches the map (not the page) while the map is shown.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault()
        searchBox.current?.focus()
        searchBox.current?.select()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onSearch = (hit: SearchHit) => {
    if (!engine) return
    setDrill(null)
    if (hit.bbox) engine.fitBounds(hit.bbox)
    else engine.flyTo([hit.lng, hit.lat], hit.kind === 'component' || hit.kind === 'address' ? 17 : 16)
    if (hit.kind === 'town') setCrumbs({ townId: hit.id, mediumId: null })
    const center = () => {
      const p = engine.project([hit.lng, hit.lat])
      return { x: p.x, y: p.y }
    }
    const target: MapTarget | null =
      hit.kind === 'case'
        ? { kind: 'case', id: hit.id, label: hit.label, at: center() }
        : hit.kind === 'component'
          ? { kind: 'component', id: hit.id, label: hit.label, at: center() }
          : null
    if (target) {
      setCard(target.kind === 'case' ? { kind: 'case', id: target.id } : { kind: 'component', id: target.id })
      // The ring goes where the feature will be once the map has flown there.
      const off = engine.on('idle', () => {
        off()
        setFocus({ ...target, at: center() })
      })
    }
    mapBox.current?.querySelector<HTMLElement>('.live-map')?.focus()
  }

  const settings = useMemo(
    () => ({ layers: prefs.layers, scope: prefs.scope, category: prefs.category, heatDays: prefs.heatDays }),
    [prefs.layers, prefs.scope, prefs.category, prefs.heatDays],
  )
  const style = useMemo(
    () => ({ text: 13, locale: i18n.language === 'en' ? ('en' as const) : ('zh-CN' as const), wall: false }),
    [i18n.language],
  )
  const listener = useMemo(
    () => ({
      cases: (_key: DrillKey, n: number) => setFacts((f) => ({ ...f, cases: n })),
      heat: (h: { total: number; max: number }) => setFacts((f) => ({ ...f, heat: { total: h.total, max: h.max } })),
      units: (asOf: number | null) => setFacts((f) => ({ ...f, unitsAsOf: asOf ? clockTime(asOf, true) : null })),
    }),
    [],
  )
  const onEngine = useCallback((e: MapEngine | null, f: MapFeed | null) => {
    feed.current = f
    setEngine(e)
  }, [])

  return (
    <div className="map-view" data-testid="map-view" ref={mapBox}>
      <header className="map-head">
        <nav className="crumbs" aria-label={t('map.back')}>
          <button
            type="button"
            className={crumbs.townId ? 'link' : 'current'}
            onClick={() => {
              setCrumbs({ townId: null, mediumId: null })
              flyToArea(null)
            }}
            data-testid="map-district"
          >
            {t('map.district')}
          </button>
          {crumbs.townId && (
            <>
              <span>›</span>
              <button
                type="button"
                className={crumbs.mediumId ? 'link' : 'current'}
                data-testid="map-current-town"
                onClick={() => {
                  setCrumbs({ townId: crumbs.townId, mediumId: null })
                  flyToArea(crumbs.townId)
                }}
              >
                {names.town(crumbs.townId)}
              </button>
            </>
          )}
          {crumbs.mediumId && (
            <>
              <span>›</span>
              <button
                type="button"
                className="current"
                data-testid="map-current-medium"
                onClick={() => flyToArea(crumbs.mediumId)}
              >
                {names.grid(crumbs.mediumId)}
              </button>
            </>
          )}
        </nav>
        <MapSearch
          ref={searchBox}
          onPick={onSearch}
          onEscape={() => mapBox.current?.querySelector<HTMLElement>('.live-map')?.focus()}
        />
        <DataAge freshness={freshness} />
      </header>
      <div className="map-body">
        {loaded && (
          <LiveMap
            style={style}
            settings={settings}
            interactive
            listener={listener}
            onEngine={onEngine}
            testId="map-canvas"
            tabIndex={0}
            onKeyDown={onKeyDown}
            ariaLabel={t('map.label')}
            onMouseDownCapture={gestures.onMouseDownCapture}
          />
        )}
        {gestures.box && (
          <div
            className="map-box"
            style={{
              left: Math.min(gestures.box.x0, gestures.box.x1),
              top: Math.min(gestures.box.y0, gestures.box.y1),
              width: Math.abs(gestures.box.x1 - gestures.box.x0),
              height: Math.abs(gestures.box.y1 - gestures.box.y0),
            }}
          />
        )}
        {gestures.drag && (
          <div
            className={`map-drag ${gestures.drag.team ? 'over-team' : ''}`}
            style={{ left: gestures.drag.x + 14, top: gestures.drag.y + 14 }}
            data-testid="map-drag"
          >
            {gestures.drag.code}
            <span className="muted">
              {gestures.drag.team ? `→ ${teamNames.get(gestures.drag.team) ?? gestures.drag.team}` : t('map.drop.hint')}
            </span>
          </div>
        )}
        <LayerPanel prefs={prefs} onChange={change} facts={facts} />
        {focus && (
          <div
            className="map-focus"
            data-testid="map-focus"
            data-kind={focus.kind}
            data-id={String(focus.id)}
            aria-live="polite"
          >
            {t('map.focus', { label: focus.label })}
          </div>
        )}
        {selection && (
          <div className="map-selection" data-testid="map-selection" data-total={selection.total}>
            <span>{t('map.select.count', { n: selection.total })}</span>
            <button
              type="button"
              className="btn primary"
              data-testid="map-selection-open"
              onClick={() => (window.location.hash = drillHash(selection.key))}
            >
              {t('map.select.open')}
            </button>
            <button type="button" className="btn" onClick={() => setSelection(null)}>
              {t('map.select.clear')}
            </button>
          </div>
        )}
        {notice && (
          <div className="map-notice" role="status" data-testid="map-notice">
            {notice}
          </div>
        )}
        {card?.kind === 'case' && <CaseCardView id={card.id} names={names} onClose={() => setCard(null)} />}
        {(card?.kind === 'team' || card?.kind === 'worker') && (
          <UnitCardView
            kind={card.kind}
            id={card.id}
            names={names}
            onClose={() => setCard(null)}
            onOpenCase={(id) => setCard({ kind: 'case', id })}
          />
        )}
        {card?.kind === 'component' && (
          <ComponentCardView
            id={card.id}
            names={names}
            onClose={() => setCard(null)}
            onOpenCase={(id) => setCard({ kind: 'case', id })}
          />
        )}
      </div>
      {drill && <DrillPanel target={drill} names={names} onClose={() => setDrill(null)} />}
      {drop && (
        <DispatchConfirm
          incident={drop.incident}
          targetName={drop.teamName}
          now={drop.at}
          onConfirm={(note) => void confirmDrop(note)}
          onCancel={() => setDrop(null)}
        />
      )}
    </div>
  )
}
