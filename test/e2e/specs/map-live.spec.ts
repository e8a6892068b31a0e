import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { SqliteDatabase } from '@infra/sqlite'
import { TERMINAL_STATUSES } from '@shared/domain'
import type { PositionReport } from '@shared/protocol'
import { generateReference } from '../../../src/server/reference/generate'
import { startHost } from '../fixtures/host-process'
import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'
import { MapPage } from '../pages/map-page'
import { SignInPage } from '../pages/signin-page'

// A server without its simulator (the specs' own cases stay as they leave them) and the workstation on the map.
test.describe.configure({ timeout: 150_000 })

/** The cases the workstation's cache holds as open, by its own store. */
async function cachedOpenIds(dataDir: string): Promise<Set<string>> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'workstation.sqlite'), { readonly: true })
  try {
    const rows = await db.all(
      `SELECT id FROM incidents WHERE status NOT IN (${TERMINAL_STATUSES.map(() => '?').join(', ')})`,
      [...TERMINAL_STATUSES],
    )
    return new Set(rows.map((r) => String(r.id)))
  } finally {
    await db.close()
  }
}

/** Reports the cache holds since the district day `days - 1` days back began (China Standard Time), per grid. */
async function cachedReports(dataDir: string, days: number): Promise<{ total: number; max: number }> {
  const DAY = 86_400_000
  const CST = 8 * 3_600_000
  const from = (Math.floor((Date.now() + CST) / DAY) - days + 1) * DAY - CST
  const db = await SqliteDatabase.open(path.join(dataDir, 'workstation.sqlite'), { readonly: true })
  try {
    const rows = await db.all('SELECT grid_id, count(*) AS n FROM incidents WHERE reported_at >= ? GROUP BY grid_id', [
      from,
    ])
    const counts = rows.map((r) => Number(r.n))
    return { total: counts.reduce((a, b) => a + b, 0), max: Math.max(0, ...counts) }
  } finally {
    await db.close()
  }
}

/** A small box of longitudes and latitudes around a point (metres either way). */
function around(lng: number, lat: number, metres: number): [number, number, number, number] {
  const dLat = metres / 111_320
  const dLng = metres / (111_320 * Math.cos((lat * Math.PI) / 180))
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat]
}

test('the map shows the cache’s cases, a live report appears without reload, a click opens it, a box lists it in the console, the keyboard reaches it', async ({
  workstation,
  central,
}) => {
  // Five gestures on a map drawn by software GL, one keypress per feature in view: slow on a loaded machine.
  test.setTimeout(300_000)
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  const map = new MapPage(page)
  await workstation.goto('map')
  await map.expectReady()
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })

  // Every open case of the cache is on the map (as a point, or counted in a cluster).
  const cached = await cachedOpenIds(workstation.dataDir)
  expect(cached.size).toBeGreaterThan(0)
  await expect
    .poll(async () => {
      const drawn = await map.drawn(['case-points', 'case-clusters'])
      return drawn.reduce((n, f) => n + (f.properties.cluster ? Number(f.properties.point_count) : 1), 0)
    })
    .toBe(cached.size)
  await map.screenshot('map-district-1080p')

  // A report from the field lands on the map while it is open.
  const before = await page.evaluate(() => performance.timeOrigin)
  const incident = await central.report({ title: '消防通道被占用', category: 'fire_safety', priority: 'urgent' })
  await map.fit(around(incident.lng, incident.lat, 120))
  await expect.poll(async () => (await map.casePoint(incident.id)) !== null, { timeout: 30_000 }).toBe(true)
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(before)

  // Click → its card.
  const point = await map.casePoint(incident.id)
  if (!point) throw new Error('the new case is not drawn')
  await page.mouse.click(point.x, point.y)
  await expect(map.caseCard).toBeVisible()
  await expect(page.getByTestId('map-case-code')).toHaveText(incident.code)
  await map.screenshot('map-case-card-1080p')
  await page.getByTestId('map-case-card').getByRole('button').first().click()

  // Keyboard only: focus the map, walk to the case (N), Enter opens it.
  await map.canvas.focus()
  // One round of the features in view reaches it.
  const stops = (
    await map.drawn(['case-points', 'case-clusters', 'unit-teams', 'unit-workers', 'buildings', 'components'])
  ).length
  let found = false
  for (let i = 0; i <= stops && !found; i++) {
    await page.keyboard.press('n')
    found = (await map.focus.getAttribute('data-id')) === incident.id
  }
  expect(found).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('map-case-code')).toHaveText(incident.code)
  await page.keyboard.press('Escape')
  await expect(map.caseCard).toHaveCount(0)

  // Shift+drag a box around it → the console, filtered to exactly what the box holds.
  const inBox = await map.drawn(['case-points'])
  const at = await map.casePoint(incident.id)
  if (!at) throw new Error('the new case is not drawn')
  const x0 = at.x - 40
  const y0 = at.y - 40
  const expected = inBox
    .filter((f) => f.x >= x0 && f.x <= x0 + 80 && f.y >= y0 && f.y <= y0 + 80)
    .map((f) => f.id)
    .sort()
  expect(expected).toContain(incident.id)
  await page.keyboard.down('Shift')
  await page.mouse.move(x0, y0)
  await page.mouse.down()
  await page.mouse.move(x0 + 40, y0 + 40, { steps: 4 })
  await page.mouse.move(x0 + 80, y0 + 80, { steps: 4 })
  await page.mouse.up()
  await page.keyboard.up('Shift')
  await expect(map.selection).toHaveAttribute('data-total', String(expected.length))
  await page.getByTestId('map-selection-open').click()
  await expect(page).toHaveURL(/#\/console\?drill=/)
  await expect(page.getByTestId('drill-chip')).toContainText(`${expected.length} 件`)
  const desk = new ConsolePage(workstation)
  await expect
    .poll(async () => {
      const ids = await desk.table
        .locator('.ag-row[row-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('row-id') ?? ''))
      return [...new Set(ids)].sort()
    })
    .toEqual(expected)
})

test('dragging a case onto a joint team on the map dispatches it; a QR id search flies to the component', async ({
  workstation,
  central,
}) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  const map = new MapPage(page)
  await workstation.goto('map')
  await map.expectReady()
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })

  const incident = await central.report({ title: '出租屋楼道堆放杂物', category: 'rental_housing', priority: 'high' })
  const team = central.server.reference.teams.find((t) => t.townId === incident.townId)
  if (!team) throw new Error('no joint team in the town')
  // The team reports from 150 m east of the case (a field device would, through the same board).
  const report: PositionReport = {
    unitKind: 'team',
    unitId: team.id,
    townId: team.townId,
    lng: incident.lng + 150 / (111_320 * Math.cos((incident.lat * Math.PI) / 180)),
    lat: incident.lat,
    at: Date.now(),
  }
  central.server.positions.report(report)
  await map.fit(around(incident.lng, incident.lat, 300))
  await expect
    .poll(async () => (await map.drawn(['unit-teams'])).some((f) => f.properties.unitId === team.id), {
      timeout: 30_000,
    })
    .toBe(true)
  await expect.poll(async () => (await map.casePoint(incident.id)) !== null, { timeout: 30_000 }).toBe(true)

  const from = await map.casePoint(incident.id)
  const to = (await map.drawn(['unit-teams'])).find((f) => f.properties.unitId === team.id)
  if (!from || !to) throw new Error('the case or the team is not drawn')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
  await page.mouse.move(to.x, to.y, { steps: 5 })
  await expect(page.getByTestId('map-drag')).toHaveClass(/over-team/)
  await map.screenshot('map-drag-to-team-1080p')
  await page.mouse.up()
  await expect(page.getByTestId('dispatch-confirm')).toBeVisible()
  await page.getByTestId('dispatch-note').fill('带上登记表')
  await page.getByTestId('dispatch-confirm-ok').click()
  // The server has it, from this operator, to this team, with the default deadline the board would set.
  await expect.poll(() => central.server.incident(incident.id)?.status, { timeout: 30_000 }).toBe('dispatched')
  expect(central.server.incident(incident.id)).toMatchObject({ assigneeKind: 'team', assigneeId: team.id })
  await expect(page.getByTestId('map-notice')).toContainText(incident.code)

  // The team's card: who it is, and the case it was just given among its tasks.
  const teamAt = (await map.drawn(['unit-teams'])).find((f) => f.properties.unitId === team.id)
  if (!teamAt) throw new Error('the team is not drawn')
  await page.mouse.click(teamAt.x, teamAt.y)
  const unitCard = page.getByTestId('map-unit-card')
  await expect(unitCard.locator('h3')).toHaveText(team.name)
  const task = unitCard.locator(`[data-testid="map-card-case"][data-id="${incident.id}"]`)
  await expect(task).toBeVisible({ timeout: 30_000 })
  await expect(task).toContainText(incident.code)
  await expect(page.getByTestId('map-unit-load')).toContainText(/[1-9]/)
  await map.screenshot('map-unit-card-1080p')
  // From the team's tasks to the case itself.
  await task.click()
  await expect(map.caseCard).toBeVisible()
  await expect(page.getByTestId('map-case-code')).toHaveText(incident.code)

  // A component by its QR id: the map flies there and opens its card.
  // The server's components (its default reference data, as the workstation cached them at sign-in).
  const components = generateReference().components
  const component = components.find((c) => c.townId === 'shiqi') ?? components[0]
  if (!component) throw new Error('no components in the reference data')
  await map.searchFor(component.qrCode, 'component', component.id)
  await expect(map.componentCard).toBeVisible()
  await expect(page.getByTestId('map-building-qr')).toHaveText(component.qrCode)
  expect(await map.zoom()).toBeGreaterThanOrEqual(16)
  const [lng, lat] = await map.center()
  expect(Math.abs(lng - component.lng)).toBeLessThan(0.002)
  expect(Math.abs(lat - component.lat)).toBeLessThan(0.002)
  await expect
    .poll(async () => (await map.drawn(['components', 'buildings'])).some((f) => f.id === component.id))
    .toBe(true)
  await map.screenshot('map-component-1080p')
})

test('the heat layer counts the period’s reports per grid and follows the period chosen', async ({ workstation }) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  const map = new MapPage(page)
  await workstation.goto('map')
  await map.expectReady()
  await map.layer('heat').check()
  const legend = page.locator('.legend-heat .muted')
  for (const days of [30, 1, 7] as const) {
    await page.getByTestId('map-heat-days').selectOption(String(days))
    // What the legend says equals the cache's own count for the period (and its busiest grid).
    await expect
      .poll(async () => {
        const { total, max } = await cachedReports(workstation.dataDir, days)
        return (await legend.textContent()) === `${total} 件上报，最多的网格 ${max} 件`
      })
      .toBe(true)
    if (days === 30) expect((await cachedReports(workstation.dataDir, 30)).total).toBeGreaterThan(0)
  }
  await map.waitIdle()
  await map.screenshot('map-heat-7d-1080p')
})

test('the layer toggles stay with the operator across a restart of the workstation, and the next operator has their own', async ({
  central,
  context,
}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'grid-e2e-map-'))
  const args = ['--server', central.url]
  const env = { GRID_ENROL_CODE: await central.enrolCode() }
  let host = await startHost(args, dataDir, env)
  try {
    const page = await context.newPage()
    await page.setViewportSize({ width: 1600, height: 900 })
    const map = new MapPage(page)
    await page.goto(host.open('map'))
    await new SignInPage(page).signIn(central.credentials('operator'))
    await map.expectReady()
    await expect(map.layer('heat')).not.toBeChecked()
    await map.layer('heat').check()
    await map.layer('components').uncheck()
    await page.getByTestId('map-heat-days').selectOption('30')
    // Kept by the workstation's core, not the page: a reload finds them…
    await page.reload()
    await map.expectReady()
    await expect(map.layer('heat')).toBeChecked()

    // …and so does the restarted workstation.
    await host.stop()
    host = await startHost(args, dataDir, env)
    await page.goto(host.open('map'))
    await map.expectReady()
    await expect(map.layer('heat')).toBeChecked()
    await expect(map.layer('components')).not.toBeChecked()
    await expect(page.getByTestId('map-heat-days')).toHaveValue('30')
    await expect(page.locator('.legend-heat .muted')).toBeVisible()
    await map.screenshot('map-heat-1600')

    // Shift handover: the supervisor finds their own (the defaults), the operator theirs again.
    const signIn = new SignInPage(page)
    await signIn.signOut()
    await signIn.signIn(central.credentials('supervisor'))
    await page.goto(host.open('map'))
    await map.expectReady()
    await expect(map.layer('heat')).not.toBeChecked()
    await expect(map.layer('components')).toBeChecked()
    await signIn.signOut()
    await signIn.signIn(central.credentials('operator'))
    await page.goto(host.open('map'))
    await map.expectReady()
    await expect(map.layer('heat')).toBeChecked()
  } finally {
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
