import { expect, test } from '../fixtures/situation-fixture'
import { AssessmentPage } from '../pages/assessment-page'

// A server with a month of history and a workstation that caught up on it.
test.describe.configure({ timeout: 240_000 })

test('the assessment screen: a month’s league, a unit’s card, and a deduction’s cases in the console', async ({
  workstation,
  central,
}) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  central.server.simulator?.setRate(0)
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await workstation.goto('assessment')
  const screen = new AssessmentPage(page)
  await expect(page.getByTestId('assessment')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('assessment-rule-set')).toHaveAttribute('data-version', 'ZS-2026.1', {
    timeout: 60_000,
  })

  const cst = new Date(Date.now() + 8 * 3_600_000)
  const month = `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`
  await screen.pickMonth(month)
  await screen.pickUnitKind('department')
  await expect(screen.rows().first()).toBeVisible({ timeout: 60_000 })
  // Ranked rows are numbered 1…n in order; a bottom row is among the last ranks.
  const ranks = await screen.rows().evaluateAll((rs) => rs.map((r) => r.getAttribute('data-rank') ?? ''))
  const ranked = ranks.filter((r) => r !== '').map(Number)
  expect(ranked).toEqual([...ranked].sort((a, b) => a - b))

  const { line, cases } = await screen.openUnitWithCases()
  expect(cases).toBeGreaterThan(0)
  await screen.screenshot('assessment-card-1080p')

  await screen.drillLine(line)
  await expect(page).toHaveURL(/#\/console\?drill=/)
  // The console holds exactly the cases the card counted behind the line.
  await expect(page.getByTestId('drill-chip')).toContainText(`${cases} 件`, { timeout: 60_000 })
  await expect(page.getByTestId('row-stats')).toContainText(`显示 ${cases.toLocaleString('en-US')} /`, {
    timeout: 60_000,
  })
  await screen.screenshot('assessment-drill-console-1080p')
})
