import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'
import { SCREENSHOT_DIR } from './app-page'

export const WALL_PAGES = ['overview', 'areas', 'league', 'rectification', 'map'] as const

/** The video wall as the room sees it (opened at /wall with the read-only token). */
export class WallPage {
  readonly root: Locator
  readonly offline: Locator
  readonly link: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('wall')
    this.offline = page.getByTestId('wall-offline')
    this.link = page.getByTestId('wall-link')
  }

  async open(
    base: string,
    token: string,
    pageName: (typeof WALL_PAGES)[number] = 'overview',
    pause = true,
  ): Promise<void> {
    await this.page.goto(`${base}/wall?token=${encodeURIComponent(token)}&page=${pageName}${pause ? '&pause=1' : ''}`)
    await expect(this.root).toBeVisible()
  }

  async expectLive(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-live', 'true', { timeout: 60_000 })
  }

  /** Every tile on the current page, each with its data age. */
  tiles(): Locator {
    return this.page.locator('.wall-tile, .wall-kpi')
  }

  async expectEveryTileHasDataAndAge(): Promise<number> {
    const tiles = this.tiles()
    await expect(tiles.first()).toBeVisible({ timeout: 30_000 })
    const n = await tiles.count()
    expect(n).toBeGreaterThan(0)
    for (let i = 0; i < n; i++) {
      const tile = tiles.nth(i)
      await expect(tile.getByTestId('data-age')).toBeVisible()
      await expect(tile).not.toContainText('暂无数据')
    }
    return n
  }

  /** The smallest rendered text on the wall, in px, against the viewport height. */
  async smallestText(): Promise<{ px: number; viewportHeight: number; text: string }> {
    return this.page.evaluate(() => {
      let min = { px: Infinity, text: '' }
      const walker = document.createTreeWalker(
        document.querySelector('[data-testid="wall"]') as Node,
        NodeFilter.SHOW_TEXT,
      )
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? ''
        const el = node.parentElement
        if (!text || !el) continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) continue
        // SVG text is drawn in its viewBox's units: scale it to screen pixels.
        const svg = el instanceof SVGElement ? el.ownerSVGElement : null
        const px = parseFloat(getComputedStyle(el).fontSize) * (svg?.getScreenCTM()?.a ?? 1)
        if (px < min.px) min = { px, text }
      }
      return { ...min, viewportHeight: window.innerHeight }
    })
  }

  /** The ids of one league's rows on the page showing: the page's ranked rows, then the 末位 rows. */
  async leagueRows(table: 'towns' | 'departments'): Promise<{ page: string[]; ranks: number[]; bottom: string[] }> {
    const ids = (sel: string) =>
      this.page.locator(`${sel} tr[data-id]`).evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''))
    const page = await ids(`[data-testid="wall-${table}-table-page"]`)
    const ranks = await this.page
      .locator(`[data-testid="wall-${table}-table-page"] tr[data-rank]`)
      .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-rank'))))
    return { page, ranks, bottom: await ids(`[data-testid="wall-${table}-table-bottom"]`) }
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  }
}
