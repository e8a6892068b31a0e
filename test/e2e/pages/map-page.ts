import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'
import { SCREENSHOT_DIR } from './app-page'

/** A feature as the map draws it: where on the page, and what it is. */
export interface DrawnFeature {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly properties: Record<string, unknown>
}

type Bbox = readonly [number, number, number, number]

/**
 * The live map view as an operator uses it: the canvas, the layer panel, the
 * search box and the cards. Where a feature is drawn comes from the map's own
 * hit-testing (window.__gridMap, the adapter's MapEngine), as a test cannot
 * read a WebGL canvas.
 */
export class MapPage {
  readonly canvas: Locator
  readonly search: Locator
  readonly caseCard: Locator
  readonly componentCard: Locator
  readonly focus: Locator
  readonly selection: Locator

  /** `testId`: the desk's map view, or the wall's map tile (`wall-live-map`). */
  constructor(
    readonly page: Page,
    testId = 'map-canvas',
  ) {
    this.canvas = page.getByTestId(testId)
    this.search = page.getByTestId('map-search')
    this.caseCard = page.getByTestId('map-case-card')
    this.componentCard = page.getByTestId('map-building-card')
    this.focus = page.getByTestId('map-focus')
    this.selection = page.getByTestId('map-selection')
  }

  /** The map has its style and the case layer has been built at least once. */
  async expectReady(): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-ready', 'true', { timeout: 60_000 })
    await expect(this.page.locator('.layer-panel .legend-list .muted').first()).toBeVisible({ timeout: 60_000 })
  }

  layer(id: string): Locator {
    return this.page.getByTestId(`map-layer-${id}`)
  }

  /**
   * The features of these layers drawn in view now, with page coordinates; `reachable` keeps those
   * a pointer can reach (not under the layer panel, a card or the edge of the map).
   */
  async drawn(layers: readonly string[], options: { reachable?: boolean } = {}): Promise<DrawnFeature[]> {
    const box = await this.canvas.boundingBox()
    if (!box) throw new Error('the map is not on the page')
    return this.page.evaluate(
      ({ ls, origin, reachable }) => {
        const map = window.__gridMap
        if (!map) return []
        return map
          .pickBox(null, ls)
          .map((f) => ({
            id: String(f.properties.id ?? f.id ?? ''),
            x: f.point.x + origin.x,
            y: f.point.y + origin.y,
            properties: { ...f.properties },
          }))
          .filter(
            (f) => !reachable || document.elementFromPoint(f.x, f.y)?.classList.contains('maplibregl-canvas') === true,
          )
      },
      { ls: layers, origin: { x: box.x, y: box.y }, reachable: options.reachable ?? false },
    )
  }

  /**
   * The page box the drawn features of these layers cover (their geometry as drawn, projected),
   * and the map canvas's own box: how much of the map area the district fills.
   */
  async drawnExtent(layers: readonly string[]): Promise<{
    x0: number
    y0: number
    x1: number
    y1: number
    canvas: { x: number; y: number; width: number; height: number }
  }> {
    const box = await this.canvas.boundingBox()
    if (!box) throw new Error('the map is not on the page')
    const e = await this.page.evaluate((ls) => {
      const map = window.__gridMap
      let x0 = Infinity
      let y0 = Infinity
      let x1 = -Infinity
      let y1 = -Infinity
      const visit = (c: unknown): void => {
        if (Array.isArray(c) && typeof c[0] === 'number') {
          const p = map!.project([c[0] as number, c[1] as number])
          x0 = Math.min(x0, p.x)
          y0 = Math.min(y0, p.y)
          x1 = Math.max(x1, p.x)
          y1 = Math.max(y1, p.y)
        } else if (Array.isArray(c)) for (const x of c) visit(x)
      }
      for (const f of map?.pickBox(null, ls) ?? []) if ('coordinates' in f.geometry) visit(f.geometry.coordinates)
      return { x0, y0, x1, y1 }
    }, layers)
    return { x0: e.x0 + box.x, y0: e.y0 + box.y, x1: e.x1 + box.x, y1: e.y1 + box.y, canvas: box }
  }

  /**
   * The box each placed label of a symbol layer takes on the page, by feature id, found with the
   * map's own hit-testing (labels are hit by their placed collision boxes): strips across the map
   * every `step` px give each label's rows and columns. A box is the part of the label the strips
   * hit, so it is at most `step` px smaller than the label on each side, never larger.
   */
  async labelBoxes(layer: string, step = 3): Promise<Map<string, { x0: number; y0: number; x1: number; y1: number }>> {
    const box = await this.canvas.boundingBox()
    if (!box) throw new Error('the map is not on the page')
    const found = await this.page.evaluate(
      ({ layer, step, width, height }) => {
        const map = window.__gridMap
        const out: Record<string, { x0: number; y0: number; x1: number; y1: number }> = {}
        if (!map) return out
        const hit = (id: string, x: number | null, y: number | null) => {
          const b = (out[id] ??= { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity })
          if (x !== null) {
            b.x0 = Math.min(b.x0, x)
            b.x1 = Math.max(b.x1, x)
          }
          if (y !== null) {
            b.y0 = Math.min(b.y0, y)
            b.y1 = Math.max(b.y1, y)
          }
        }
        const idOf = (f: { id: string | number | null; properties: Record<string, unknown> }) =>
          String(f.properties.id ?? f.id ?? '')
        for (let y = 0; y < height; y += step)
          for (const f of map.pickBox({ x0: 0, y0: y, x1: width, y1: y }, [layer])) hit(idOf(f), null, y)
        for (let x = 0; x < width; x += step)
          for (const f of map.pickBox({ x0: x, y0: 0, x1: x, y1: height }, [layer])) hit(idOf(f), x, null)
        return out
      },
      { layer, step, width: box.width, height: box.height },
    )
    return new Map(
      Object.entries(found).map(([id, b]) => [
        id,
        { x0: b.x0 + box.x, y0: b.y0 + box.y, x1: b.x1 + box.x, y1: b.y1 + box.y },
      ]),
    )
  }

  /** Where one case point is drawn (null while it is not, or is inside a cluster). */
  async casePoint(id: string): Promise<DrawnFeature | null> {
    return (await this.drawn(['case-points'])).find((f) => f.id === id) ?? null
  }

  async waitIdle(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.__gridMap
          if (!map) return resolve()
          const off = map.on('idle', () => {
            off()
            resolve()
          })
          // An already idle map fires nothing more: nudge it to render once.
          map.resize()
        }),
    )
  }

  async fit(bbox: Bbox): Promise<void> {
    await this.page.evaluate((b) => window.__gridMap?.fitBounds(b, { animate: false, padding: 120 }), bbox)
    await this.waitIdle()
  }

  async zoom(): Promise<number> {
    return this.page.evaluate(() => window.__gridMap?.zoom() ?? 0)
  }

  async center(): Promise<[number, number]> {
    return this.page.evaluate(() => {
      const b = window.__gridMap?.bounds() ?? [0, 0, 0, 0]
      return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] as [number, number]
    })
  }

  /** Ctrl+F, type, and take the hit of this kind and id. */
  async searchFor(text: string, kind: string, id: string): Promise<void> {
    await this.canvas.focus()
    await this.page.keyboard.press('Control+f')
    await expect(this.search).toBeFocused()
    await this.search.fill(text)
    const hit = this.page.locator(`[data-testid="map-search-hit"][data-kind="${kind}"][data-id="${id}"]`)
    await expect(hit).toBeVisible({ timeout: 15_000 })
    await hit.dispatchEvent('mousedown')
    await this.waitIdle()
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  }
}
