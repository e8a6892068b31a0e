import { districtClock, districtDate, districtDateTime } from '@shared/time/district-time'
import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

// A PC set to UTC: every time the operator reads must still be Zhongshan's (Asia/Shanghai, +08:00).
test.use({ timezoneId: 'UTC' })

/** The district hour just before and just after reading `read` (it may tick over in between). */
async function districtHours(read: () => Promise<string>): Promise<{ text: string; hours: string[] }> {
  const before = Date.now()
  const text = await read()
  const after = Date.now()
  return { text, hours: [districtClock(before).slice(0, 2), districtClock(after).slice(0, 2)] }
}

test('on a UTC PC the clock, the 24-hour chart, a table time and the "today" filter read district time', async ({
  workstation,
  central,
}) => {
  const incident = await central.report({ title: '时区：路灯不亮', category: 'fire_safety', priority: 'high' })
  const console = new ConsolePage(workstation)
  await console.openConsole()
  // The browser really is on UTC.
  expect(await console.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC')

  // The status bar's clock.
  const clock = await districtHours(async () => (await console.page.getByTestId('status-clock').textContent()) ?? '')
  expect(clock.hours).toContain(clock.text.slice(0, 2))

  // A table time: the case's reported time, to the second, as Zhongshan reads it.
  await console.filter('时区：路灯不亮')
  const cell = console.row(incident.id).locator('[col-id="reportedAt"]')
  await expect(cell).toHaveText(districtDateTime(incident.reportedAt).slice(5)) // MM-DD HH:MM:SS

  // The date filter's "equals today" cuts the day at district midnight: today keeps the case, yesterday not.
  const setDay = async (day: string) => {
    const popup = await console.openFilter('reportedAt')
    await popup.locator('input').first().fill(day)
    await console.page.keyboard.press('Escape')
  }
  await setDay(districtDate(Date.now()))
  await expect(console.row(incident.id)).toBeVisible()
  await setDay(districtDate(Date.now() - 86_400_000))
  await expect(console.row(incident.id)).toHaveCount(0)
  await setDay(districtDate(Date.now()))
  await expect(console.row(incident.id)).toBeVisible()

  // The dashboard's 24-hour axis: 24 hourly buckets ending with the current district hour, so its
  // first label is the hour after the current one (the axis labels every third bucket from the first).
  await console.go('dashboard')
  const firstTick = console.page.getByTestId('panel-trend24h').locator('svg text').first()
  await expect(firstTick).toHaveText(/^\d{2}:00$/)
  const axisStart = await districtHours(async () => (await firstTick.textContent()) ?? '')
  const next = (h: string) => `${String((Number(h) + 1) % 24).padStart(2, '0')}:00`
  expect(axisStart.hours.map(next)).toContain(axisStart.text)
})
