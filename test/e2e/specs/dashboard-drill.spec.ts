import path from 'node:path'
import type { Locator } from '@playwright/test'
import { SqliteDatabase } from '@infra/sqlite'
import { isOverdue, type Incident } from '@shared/domain'
import { expect, test } from '../fixtures/situation-fixture'
import { SituationPage } from '../pages/situation-page'

// Each test starts a server with a month of history and a workstation that catches up on it.
test.describe.configure({ timeout: 180_000 })

/** The map shape (town or grid) with the most open cases, and that figure. */
function busiestShape(layer: Locator): Promise<{ id: string; open: number } | undefined> {
  return layer
    .locator('path.shape')
    .evaluateAll(
      (els) =>
        els
          .map((e) => ({ id: e.getAttribute('data-id') ?? '', open: Number(e.getAttribute('data-open')) }))
          .sort((a, b) => b.open - a.open)[0],
    )
}

/** The cases overdue now, by the central server's own store. */
async function serverOverdue(dataDir: string): Promise<string[]> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'central.sqlite'), { readonly: true })
  try {
    const now = Date.now()
    const all = (await db.all('SELECT data FROM incidents')).map((r) => JSON.parse(String(r.data)) as Incident)
    return all.filter((i) => isOverdue(i, now)).map((i) => i.id)
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
  const towns = page.getByTestId('map-towns')
  await expect(towns.locator('path.shape')).toHaveCount(23, { timeout: 60_000 })
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await page.waitForTimeout(1500)
  await page.screenshot({ path: path.resolve(import.meta.dirname, '../screenshots/map-district-desk.png') })
  // The busiest town.
  const busiest = await busiestShape(towns)
  expect(busiest?.open).toBeGreaterThan(0)
  await towns.locator(`path.shape[data-id="${busiest?.id}"]`).hover()
  await expect(page.getByTestId('map-tooltip')).toContainText(String(busiest?.open))
  await towns.locator(`path.shape[data-id="${busiest?.id}"]`).click()
  const grids = page.getByTestId('map-grids')
  await expect(grids.locator('path.shape').first()).toBeVisible()
  await page.waitForTimeout(500)
  await page.screenshot({ path: path.resolve(import.meta.dirname, '../screenshots/map-town-desk.png') })
  // The busiest grid's figure and its drill-down (again if a last push changed the figure meanwhile).
  await expect(async () => {
    const grid = await busiestShape(grids)
    await grids.locator(`path.shape[data-id="${grid?.id}"]`).click({ force: true })
    await expect(page.getByTestId('drill-count')).toHaveAttribute('data-total', String(grid?.open), { timeout: 5000 })
  }).toPass({ timeout: 60_000 })

  await workstation.goto('settings')
  await expect(page.getByTestId('screens-settings')).toBeVisible()
})
