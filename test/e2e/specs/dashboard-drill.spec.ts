import path from 'node:path'
import { SqliteDatabase } from '@infra/sqlite'
import { isLate, type Incident } from '@shared/domain'
import { expect, test } from '../fixtures/situation-fixture'
import { MapPage } from '../pages/map-page'
import { SituationPage } from '../pages/situation-page'

// Each test starts a server with a month of history and a workstation that catches up on it.
test.describe.configure({ timeout: 180_000 })

/** The cases overdue now (late on the assessment clock, docs/assessment.md §8), by the central server's own store. */
async function serverOverdue(dataDir: string): Promise<string[]> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'central.sqlite'), { readonly: true })
  try {
    const now = Date.now()
    const all = (await db.all('SELECT data FROM incidents')).map((r) => JSON.parse(String(r.data)) as Incident)
    return all.filter((i) => isLate(i, now)).map((i) => i.id)
  } finally {
    await db.close()
  }
}

test('a drill-down from a KPI opens exactly the incidents counted', async ({ workstation, central }) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  await workstation.goto('dashboard')
  const dash = new SituationPage(page)
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 60_000 })
  // Quiet the stream and let the workstation catch up, so the figure and the list come from the same data.
  central.server.simulator?.setRate(0)
  await expect(workstation.page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', {
    timeout: 60_000,
  })
  await dash.screenshot('dashboard-1080p')

  // Overdue also moves with the clock: a case may pass its deadline between the tile's last refresh,
  // the drill and the server query. Compare again until all three saw the same cases.
  await expect(async () => {
    const shown = await dash.kpiCount('overdue')
    const { total, ids } = await dash.drill('overdue')
    try {
      expect(total).toBe(shown)
      expect(ids.length).toBe(Math.min(total, 200))
      // Independently, over the central server's own store: exactly the open, unsuspended, past-deadline cases.
      const expected = await serverOverdue(central.dataDir)
      expect(new Set(ids).size).toBe(ids.length)
      // The panel lists the first 200; all of them are overdue on the server, and all of them when that is all there is.
      if (total <= 200) expect([...ids].sort()).toEqual([...expected].sort())
      else for (const id of ids) expect(expected).toContain(id)
      expect(expected.length).toBe(total)
    } catch (err) {
      await page.getByTestId('drill-close').click()
      throw err
    }
  }).toPass({ timeout: 90_000 })
  await dash.screenshot('dashboard-drill-1080p')

  // The same for a rate: the completion rate's denominator, listed.
  await page.getByTestId('drill-close').click()
  const { total: assessed } = await dash.drill('completionRate')
  // (The tile re-reads the clock every 30 s: a case falling due just now shows at its next refresh.)
  await expect(page.getByTestId('kpi-completionRate')).toContainText(`/ ${assessed.toLocaleString('en-US')}`, {
    timeout: 45_000,
  })

  // The console opens filtered to exactly the same incidents.
  await page.getByTestId('drill-open-console').click()
  await expect(page).toHaveURL(/#\/console\?drill=/)
  await expect(page.getByTestId('drill-chip')).toContainText(`${assessed} 件`)
  await expect(page.getByTestId('row-stats')).toContainText(`显示 ${assessed.toLocaleString('en-US')} /`, {
    timeout: 60_000,
  })
  await page.getByTestId('drill-clear').click()
  await expect(page.getByTestId('drill-chip')).toHaveCount(0)
})

test('the map drills town → grid → incidents, and the settings show the screens section', async ({
  workstation,
  central,
}) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1600, height: 900 })
  await workstation.goto('map')
  central.server.simulator?.setRate(0)
  const map = new MapPage(page)
  await map.expectReady()
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  // Areas only: with the points off, a click on a town or grid lands on it.
  for (const layer of ['cases', 'units', 'components']) await map.layer(layer).uncheck()
  await map.waitIdle()
  const towns = await map.drawn(['town-label'], { reachable: true })
  expect(new Set(towns.map((t) => t.id)).size).toBeGreaterThan(10)
  await map.screenshot('map-district-desk')
  // The busiest town: its label says its open count; a click flies into it.
  const busiest = [...towns].sort((a, b) => Number(b.properties.open) - Number(a.properties.open))[0]
  if (!busiest) throw new Error('no town labels drawn')
  expect(Number(busiest.properties.open)).toBeGreaterThan(0)
  await page.mouse.click(busiest.x, busiest.y)
  await expect(page.getByTestId('map-current-town')).toHaveText(String(busiest.properties.name))
  await map.waitIdle()
  await expect.poll(async () => (await map.zoom()) > 11).toBe(true)
  await map.screenshot('map-town-desk')
  // Closer, to the grids: the busiest grid's figure and its drill-down (again if a push changed it meanwhile).
  await page.evaluate(() => {
    const m = window.__gridMap
    if (m) m.flyTo(m.unproject(window.innerWidth / 2, window.innerHeight / 2), 14.5)
  })
  await map.waitIdle()
  await expect(async () => {
    const grids = await map.drawn(['grid-label'], { reachable: true })
    const grid = [...grids].sort((a, b) => Number(b.properties.open) - Number(a.properties.open))[0]
    if (!grid) throw new Error('no grid labels drawn')
    await page.mouse.click(grid.x, grid.y)
    await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', String(grid.properties.open), {
      timeout: 5000,
    })
  }).toPass({ timeout: 60_000 })

  await workstation.goto('settings')
  await expect(page.getByTestId('screens-settings')).toBeVisible()
})
