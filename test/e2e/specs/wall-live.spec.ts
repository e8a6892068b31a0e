import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import type { ActiveRuleSet, Aggregates, AssessmentReport } from '@shared/contract'
import { contractClient } from '../fixtures/contract-client'
import { startHost } from '../fixtures/host-process'
import { expect, test, WALL_TOKEN } from '../fixtures/situation-fixture'
import { AppPage } from '../pages/app-page'
import { SignInPage } from '../pages/signin-page'
import { MapPage } from '../pages/map-page'
import { WALL_PAGES, WallPage } from '../pages/wall-page'

// Each test starts a server with a month of history and a workstation that catches up on it, and
// the first renders every wall page at two sizes.
test.describe.configure({ timeout: 180_000 })

/** Base address of the browser host the workstation runs on. */
async function hostBase(goto: (route: string) => Promise<void>, page: Page): Promise<string> {
  await goto('dashboard')
  return new URL(page.url()).origin
}

test('the wall renders every tile with data at wall size, never below its minimum text size', async ({
  workstation,
  context,
}) => {
  // Eight pages, two of them a map drawn by software GL (SwiftShader), one at 3840×2160.
  test.setTimeout(360_000)
  const base = await hostBase(workstation.goto, workstation.page)
  const wall = new WallPage(await context.newPage())
  for (const [w, h, label] of [
    [3840, 2160, '4k'],
    [1920, 1080, '1080p'],
  ] as const) {
    await wall.page.setViewportSize({ width: w, height: h })
    for (const name of WALL_PAGES) {
      await wall.open(base, WALL_TOKEN, name)
      await wall.expectLive()
      await expect(wall.root).toHaveAttribute('data-page', name)
      await wall.expectEveryTileHasDataAndAge()
      if (name === 'overview') {
        // Numbers, not placeholders: the month of history is there.
        await expect(wall.page.getByTestId('wall-kpi-completionRate')).toContainText('%')
        await expect(wall.page.getByTestId('wall-kpi-open')).toContainText(/\d/)
      }
      if (name === 'map') {
        // Town labels and the cases over the heat, drawn by software GL at wall size.
        const map = new MapPage(wall.page, 'wall-live-map')
        await expect(map.canvas).toHaveAttribute('data-ready', 'true')
        await expect
          .poll(async () => (await map.drawn(['town-label'])).length, { timeout: 60_000 })
          .toBeGreaterThanOrEqual(16)
        await expect.poll(async () => (await map.drawn(['case-clusters', 'case-points'])).length).toBeGreaterThan(0)
        await map.waitIdle()
        // No two town names over each other: the boxes MapLibre placed them in (its hit-testing
        // finds labels by them) are apart. A name that cannot fit is left out (西区, the smallest
        // central street, at 4K), so most towns, not all, are named.
        const towns = new Set((await map.drawn(['town-fill'])).map((f) => f.id))
        const labels = await map.labelBoxes('town-label')
        expect(labels.size, `town names drawn at ${label}`).toBeGreaterThanOrEqual(16)
        for (const id of labels.keys()) expect(towns.has(id), `${id} is a town on the map`).toBe(true)
        const boxes = [...labels.entries()]
        for (const [i, [a, p]] of boxes.entries())
          for (const [b, q] of boxes.slice(i + 1)) {
            const apart = p.x1 < q.x0 || q.x1 < p.x0 || p.y1 < q.y0 || q.y1 < p.y0
            expect(apart, `the names of ${a} and ${b} overlap at ${label}`).toBe(true)
          }
        // The district fills its tile: as tall or as wide as the map area (whichever limits), centred in it.
        const d = await map.drawnExtent(['town-fill'])
        const c = d.canvas
        const fill = Math.max((d.x1 - d.x0) / c.width, (d.y1 - d.y0) / c.height)
        expect(fill, 'the district spans the map area').toBeGreaterThan(0.85)
        expect(Math.abs((d.x0 + d.x1) / 2 - (c.x + c.width / 2)) / c.width).toBeLessThan(0.08)
        expect(Math.abs((d.y0 + d.y1) / 2 - (c.y + c.height / 2)) / c.height).toBeLessThan(0.08)
        expect(d.x0).toBeGreaterThanOrEqual(c.x - 1)
        expect(d.x1).toBeLessThanOrEqual(c.x + c.width + 1)
      }
      const smallest = await wall.smallestText()
      // The wall's rule: nothing under 28 px at 1080 lines, scaled with the viewport.
      expect(smallest.px, `"${smallest.text}" is ${smallest.px}px`).toBeGreaterThanOrEqual(
        28 * (smallest.viewportHeight / 1080) - 0.5,
      )
      await wall.page.waitForTimeout(300)
      await wall.screenshot(`wall-${name}-${label}`)
    }
  }
})

test('the league pages through every ranked row with the 末位 always in view; 整改 marks the year target', async ({
  workstation,
  context,
  central,
}) => {
  central.server.simulator?.setRate(0)
  const base = await hostBase(workstation.goto, workstation.page)
  const core = contractClient(base, WALL_TOKEN)
  try {
    const wall = new WallPage(await context.newPage())
    await wall.page.setViewportSize({ width: 1920, height: 1080 })
    await wall.open(base, WALL_TOKEN, 'league')
    await wall.expectLive()
    const { ruleSet } = await core.invoke<ActiveRuleSet>('assessment.ruleSet', {})
    // The wall's pages, read one after another (↓ turns the league's page), against the core's league
    // read at the same aggregates version (the figures may recompute meanwhile: then read again).
    const pagesOf = Number(
      /\/(\d+)/.exec((await wall.page.getByTestId('wall-page-of').first().textContent()) ?? '')?.[1],
    )
    expect(pagesOf, 'the towns take more than one page').toBeGreaterThan(1)
    await expect
      .poll(
        async () => {
          const version = await wall.root.getAttribute('data-version')
          const seen: string[] = []
          const ranks: number[] = []
          let bottom: string[] = []
          for (let i = 0; i < pagesOf; i++) {
            await expect(wall.root).toHaveAttribute('data-sub', String(i))
            const rows = await wall.leagueRows('towns')
            seen.push(...rows.page)
            ranks.push(...rows.ranks)
            bottom = rows.bottom
            await wall.page.keyboard.press('ArrowDown')
          }
          const a = await core.invoke<Aggregates>('aggregates.get', {})
          if (String(a.version) !== version || (await wall.root.getAttribute('data-version')) !== version)
            return 'the figures moved while reading'
          const ranked = a.towns
            .filter((r) => r.completionRate !== null && r.assessed >= ruleSet.minVolume)
            .map((r) => r.id)
          // Every ranked town, in the core's order: the pages, then the last bottomN apart.
          expect(Math.max(...ranks), 'a row beyond the twelfth is shown').toBeGreaterThan(12)
          expect(bottom).toEqual(ranked.slice(-ruleSet.bottomN))
          expect([...seen, ...bottom]).toEqual(ranked)
          return 'equal'
        },
        { timeout: 60_000 },
      )
      .toBe('equal')
    await wall.screenshot('wall-league-page2-1080p')

    // The 整改 page: this year's rate city-wide, the marker at the active rule set's target.
    await wall.open(base, WALL_TOKEN, 'rectification')
    const marker = wall.page.getByTestId('wall-rect-target')
    await expect(marker).toHaveAttribute('data-target', String(ruleSet.targets.rectification), { timeout: 60_000 })
    // The white line sits at the target along the bars, which start at the stated axisFrom.
    const trackEl = wall.page.locator('[data-testid="wall-rect-city"] .track')
    const from = Number(await trackEl.getAttribute('data-axis-from'))
    expect(from).toBeLessThan(ruleSet.targets.rectification)
    const track = await trackEl.boundingBox()
    const line = await marker.boundingBox()
    expect(track && line).toBeTruthy()
    const at = (ruleSet.targets.rectification - from) / (1 - from)
    expect(Math.abs(line!.x + line!.width / 2 - (track!.x + track!.width * at))).toBeLessThan(3)
    const year = await core.invoke<AssessmentReport>('assessment.report', {
      period: { kind: 'year' },
      unitKind: 'town',
    })
    const expected = year.platform.hazard_closing?.completionRate ?? null
    await expect(wall.page.getByTestId('wall-rect-city')).toHaveAttribute('data-rate', String(expected ?? ''))
    for (const [w, h, label] of [
      [3840, 2160, '4k'],
      [1920, 1080, '1080p'],
    ] as const) {
      await wall.page.setViewportSize({ width: w, height: h })
      await wall.page.waitForTimeout(300)
      await wall.screenshot(`wall-rectification-target-${label}`)
    }
  } finally {
    core.close()
  }
})

test('in English every page tab of the wall reads whole, at 1080p and at 4K', async ({ workstation, context }) => {
  const base = await hostBase(workstation.goto, workstation.page)
  // The wall reads the language the core keeps (an operator set it at the desk).
  await new AppPage(workstation).setLanguage('en')
  await expect(new AppPage(workstation).nav('console')).toHaveText(/Console/)
  const wall = new WallPage(await context.newPage())
  for (const [w, h] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    await wall.page.setViewportSize({ width: w, height: h })
    await wall.open(base, WALL_TOKEN, 'overview')
    await wall.expectLive()
    const tabs = wall.page.locator('.wall-pages span')
    await expect(tabs).toHaveText(['Overview', 'Four areas', 'League tables', 'Rectification', 'One map'])
    const boxes = await tabs.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return { text: el.textContent, clipped: el.scrollWidth > el.clientWidth + 1, left: r.left, right: r.right }
      }),
    )
    const title = await wall.page.getByTestId('wall-title').boundingBox()
    for (const [i, b] of boxes.entries()) {
      expect(b.clipped, `"${b.text}" is cut at ${w}×${h}`).toBe(false)
      expect(b.right).toBeLessThanOrEqual(w)
      if (i > 0) expect(b.left).toBeGreaterThanOrEqual(boxes[i - 1]!.right)
      if (title) expect(b.left, `"${b.text}" runs into the title`).toBeGreaterThanOrEqual(title.x + title.width)
    }
    await wall.screenshot(`wall-tabs-en-${w === 1920 ? '1080p' : '4k'}`)
  }
})

test('the playlist rotates by itself and pauses', async ({ workstation, context }) => {
  const base = await hostBase(workstation.goto, workstation.page)
  const wall = new WallPage(await context.newPage())
  await wall.page.goto(`${base}/wall?token=${WALL_TOKEN}&seconds=5`)
  await expect(wall.root).toHaveAttribute('data-page', 'overview')
  await expect(wall.root).toHaveAttribute('data-page', 'areas', { timeout: 8000 })
  await wall.page.keyboard.press(' ')
  await expect(wall.page.getByTestId('wall-paused')).toBeVisible()
  await wall.page.waitForTimeout(6000)
  await expect(wall.root).toHaveAttribute('data-page', 'areas')
})

test('server stopped: the wall says so with the data time; server back: it recovers without a reload', async ({
  workstation,
  context,
  central,
}) => {
  const base = await hostBase(workstation.goto, workstation.page)
  const wall = new WallPage(await context.newPage())
  await wall.page.setViewportSize({ width: 1920, height: 1080 })
  await wall.open(base, WALL_TOKEN, 'overview')
  await wall.expectLive()
  // The token opened the page and left the address at once: not in the history, a bookmark or a screenshot.
  expect(wall.page.url()).not.toContain(WALL_TOKEN)
  expect(new URL(wall.page.url()).searchParams.get('page')).toBe('overview')
  await expect(wall.offline).toHaveCount(0)
  // A marker that a reload would erase.
  await wall.page.evaluate(() => ((window as unknown as { wallMarker: number }).wallMarker = 42))

  await central.stop()
  await expect(wall.offline).toBeVisible({ timeout: 30_000 })
  await expect(wall.root).toHaveAttribute('data-live', 'false')
  await expect(wall.offline).toContainText(/以下为 \d\d:\d\d 的数据，非实时/)
  await expect(wall.link).toContainText(/数据截至 \d\d:\d\d/)
  // No tile presents its figures as live.
  await expect(wall.page.locator('[data-testid="data-age"][data-live="true"]')).toHaveCount(0)
  const stale = await wall.page.locator('[data-testid="data-age"][data-live="false"]').count()
  expect(stale).toBeGreaterThan(0)
  await wall.screenshot('wall-offline-1080p')
  // Every page's tiles, the league and 整改 pages too, are marked stale.
  for (const name of ['league', 'rectification'] as const) {
    while ((await wall.root.getAttribute('data-page')) !== name) await wall.page.keyboard.press('ArrowRight')
    await expect(wall.page.locator('.wall-tile').first()).toBeVisible()
    await expect(wall.page.locator('.wall-tile:not(.is-stale)')).toHaveCount(0)
    await expect(wall.page.locator('[data-testid="data-age"][data-live="true"]')).toHaveCount(0)
  }
  await wall.screenshot('wall-offline-rectification-1080p')
  // With the five page tabs and the longest state ("数据截至 hh:mm"), the Chinese title still reads whole.
  const title = wall.page.getByTestId('wall-title')
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the wall title is cut').toBe(true)

  await central.restart()
  await wall.expectLive()
  await expect(wall.offline).toHaveCount(0)
  await expect(wall.page.locator('[data-testid="data-age"][data-live="false"]')).toHaveCount(0)
  expect(await wall.page.evaluate(() => (window as unknown as { wallMarker?: number }).wallMarker)).toBe(42)
})

test('workstation restarted under the wall: it says the link is lost, then recovers without a reload', async ({
  context,
  central,
}) => {
  // A host of our own on a fixed port and data folder, so it can come back at the same address.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'grid-e2e-wall-'))
  const wallArgs = ['--port', String(port), '--server', central.url]
  const env = { GRID_ENROL_CODE: await central.enrolCode('wall PC'), GRID_WALL_TOKEN: WALL_TOKEN }
  let host = await startHost(wallArgs, dataDir, env)
  try {
    // Someone signs the wall PC's workstation in once (as the wall account); its session outlives restarts.
    const desk = await context.newPage()
    await desk.goto(host.open('console'))
    await new SignInPage(desk).signIn(central.credentials('wall'))
    await desk.close()
    const wall = new WallPage(await context.newPage())
    await wall.page.setViewportSize({ width: 1920, height: 1080 })
    await wall.open(host.url, WALL_TOKEN, 'overview')
    await wall.expectLive()
    await wall.page.evaluate(() => ((window as unknown as { wallMarker: number }).wallMarker = 7))

    await host.stop()
    await expect(wall.offline).toBeVisible({ timeout: 30_000 })
    await expect(wall.offline).toContainText('与工作站的连接已中断')
    await expect(wall.page.locator('[data-testid="data-age"][data-live="true"]')).toHaveCount(0)

    host = await startHost(wallArgs, dataDir, env)
    await wall.expectLive()
    await expect(wall.offline).toHaveCount(0)
    expect(await wall.page.evaluate(() => (window as unknown as { wallMarker?: number }).wallMarker)).toBe(7)
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
