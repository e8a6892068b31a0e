import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { MapMeta } from '@shared/contract'
import { call, subscribe } from '../../api/client'
import { onHostLink } from '../../api/bridge'
import { MapFeed, type FeedListener, type FeedSettings } from '../../data/map-feed'
import { createMapEngine, type MapEngine } from './maplibre-adapter'
import { LAYER_GROUPS, mapStyle, type StyleOptions } from './map-style'
import './live-map.css'

export interface LiveMapProps {
  readonly style: StyleOptions
  readonly settings: FeedSettings
  readonly interactive: boolean
  readonly listener?: FeedListener
  /** The engine and its feed, once the map exists (null again when it goes). */
  readonly onEngine?: (engine: MapEngine | null, feed: MapFeed | null) => void
  readonly testId?: string
  readonly className?: string
  readonly children?: React.ReactNode
  readonly tabIndex?: number
  readonly onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void
  /** Runs before MapLibre sees a press (a gesture of the view's can switch drag-to-pan off first). */
  readonly onMouseDownCapture?: (e: React.MouseEvent<HTMLDivElement>) => void
  readonly ariaLabel?: string
}

/** CJK fonts the system may have, for labels the shipped glyphs miss (see MapMeta.missingGlyphs). */
const LOCAL_CJK = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

function base64ToBuffer(b64: string): ArrayBuffer {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out.buffer
}

async function loadGlyphs(fontstack: string, range: string): Promise<ArrayBuffer | null> {
  const r = await call('map.glyphs', { fontstack, range })
  return r ? base64ToBuffer(r.pbf) : null
}

declare global {
  interface Window {
    /** The live map, for tests and benchmarks that must know where a feature is drawn. */
    __gridMap?: MapEngine
  }
}

/**
 * The live map: MapLibre (through maplibre-adapter.ts) drawing the core's
 * layers, kept current by a MapFeed. Made once per style (language, text size,
 * desk or wall); toggles and filters reconfigure it in place.
 */
export function LiveMap(props: LiveMapProps) {
  const box = useRef<HTMLDivElement>(null)
  const [meta, setMeta] = useState<MapMeta | null>(null)
  const [state, setState] = useState<{ engine: MapEngine; feed: MapFeed } | null>(null)
  const [ready, setReady] = useState(false)
  const latest = useRef(props)
  useLayoutEffect(() => {
    latest.current = props
  })

  useEffect(() => {
    let live = true
    call('map.meta', {})
      .then((m) => live && setMeta(m))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const { text, locale, wall } = props.style
  useEffect(() => {
    const el = box.current
    if (!el || !meta?.bbox) return
    const engine = createMapEngine({
      container: el,
      style: mapStyle({ text, locale, wall }),
      bounds: meta.bbox,
      interactive: latest.current.interactive,
      glyphs: loadGlyphs,
      localFont: meta.missingGlyphs.length > 0 ? LOCAL_CJK : false,
    })
    const feed = new MapFeed(engine, { call, subscribe }, latest.current.settings, {
      cases: (...a) => latest.current.listener?.cases?.(...a),
      heat: (...a) => latest.current.listener?.heat?.(...a),
      units: (...a) => latest.current.listener?.units?.(...a),
      error: (...a) => latest.current.listener?.error?.(...a),
    })
    feed.start()
    window.__gridMap = engine
    setState({ engine, feed })
    let live = true
    void engine.ready.then(() => live && setReady(true))
    // The wall is looked at, never panned: at any size its tile shows the whole district, as large as fits.
    const bbox = meta.bbox
    const resize = new ResizeObserver(() => {
      engine.resize()
      if (!latest.current.interactive) engine.fitBounds(bbox, { animate: false, padding: 24 })
    })
    resize.observe(el)
    // Back from a lost link to the core: everything again (nothing arrived meanwhile).
    let first = true
    const offLink = onHostLink((up) => {
      if (up && !first) feed.reload()
      first = false
    })
    latest.current.onEngine?.(engine, feed)
    return () => {
      live = false
      offLink()
      resize.disconnect()
      feed.stop()
      latest.current.onEngine?.(null, null)
      if (window.__gridMap === engine) delete window.__gridMap
      engine.destroy()
      setState(null)
      setReady(false)
    }
  }, [meta, text, locale, wall])

  const { settings } = props
  useEffect(() => {
    if (!state) return
    state.feed.configure(settings)
    for (const [layer, ids] of Object.entries(LAYER_GROUPS))
      state.engine.setVisible(ids, settings.layers[layer as keyof typeof settings.layers])
  }, [state, ready, settings])

  return (
    <div
      ref={box}
      className={`live-map ${props.className ?? ''}`}
      data-testid={props.testId}
      data-ready={ready}
      tabIndex={props.tabIndex}
      onKeyDown={props.onKeyDown}
      onMouseDownCapture={props.onMouseDownCapture}
      aria-label={props.ariaLabel}
      role={props.ariaLabel ? 'application' : undefined}
    >
      {props.children}
    </div>
  )
}
