import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'

const ORIGIN = 'http://map-floor.bench'
const DIST = path.join(import.meta.dirname, '..', 'node_modules', 'maplibre-gl', 'dist')
const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.css': 'text/css', '.html': 'text/html' }

/**
 * The floor under the map's figures: a blank MapLibre page (one background layer, no sources,
 * no app) with a canvas the size of the app's map, flown the same way. What it costs is the
 * browser's and the GL's (in software GL, mostly reading each frame back for the compositor),
 * not ours. Served from node_modules by request interception; exposes the same
 * `window.__gridMap.flyTo / on('idle') / resize` the measuring scripts use.
 */
export async function openFloorMap(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html'
    const body =
      name === 'index.html'
        ? `<!doctype html><html><head><link rel="stylesheet" href="maplibre-gl.css"></head>
           <body style="margin:0;background:#0b1424">
           <div id="map" style="width:${size.width}px;height:${size.height}px"></div>
           <script type="module">
             import * as maplibregl from './maplibre-gl.mjs'
             maplibregl.setWorkerUrl('${ORIGIN}/maplibre-gl-worker.mjs')
             const map = new maplibregl.Map({
               container: 'map',
               style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0b1424' } }] },
               bounds: [113.15, 22.2, 113.65, 22.75],
               attributionControl: false,
               fadeDuration: 0,
             })
             window.__gridMap = {
               flyTo: (at, zoom) => map.flyTo({ center: at, zoom, duration: 700, essential: true }),
               on: (e, f) => { map.on(e, f); return () => map.off(e, f) },
               resize: () => map.resize(),
             }
             map.once('load', () => document.body.dataset.ready = 'true')
           </script></body></html>`
        : readFileSync(path.join(DIST, path.basename(name)))
    await route.fulfill({ body, contentType: TYPES[path.extname(name) || '.html'] ?? 'application/octet-stream' })
  })
  await page.goto(`${ORIGIN}/`)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 })
}
