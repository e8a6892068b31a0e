import { expect, test } from '../fixtures/ops-fixture'
import { DispatchPage } from '../pages/dispatch-page'

const HOUR = 3_600_000

test('the board dispatches with the target picker: recommended unit preselected, loads shown, deadline with a reason, mismatch asked once more', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const page = board.page
  const lamp = await central.report({ title: 'PK15 路灯倒伏', category: 'city_components', priority: 'normal' })
  const fight = await central.report({ title: 'PK15 夜市斗殴', category: 'public_security', priority: 'urgent' })
  await board.openBoard()
  await expect(board.queued(lamp.id)).toBeVisible()

  // P on a focused card: the category's unit is preselected (城市部件 → 综合行政执法).
  let picker = await board.openPicker(lamp.id)
  await expect(picker).toHaveAttribute('data-value', 'department:urban_admin')
  // Type-ahead by pinyin initials; each unit shows its current load.
  await page.keyboard.type('xf')
  await expect(picker).toHaveAttribute('data-value', 'department:fire')
  await expect(picker.locator('[data-testid="target-option"][aria-selected="true"]')).toContainText(
    /消防救援.*在办 \d+ 件/,
  )
  // A shorter deadline than the default (72 h) needs a reason; out of the range is refused by the form.
  const hours = board.confirmDialog.getByTestId('dispatch-deadline-hours')
  await hours.fill('500')
  await page.keyboard.press('Enter')
  await expect(board.confirmDialog.getByTestId('dispatch-deadline-problem')).toHaveText('处置时限须在 18–144 小时之间')
  await hours.fill('48')
  await page.keyboard.press('Enter')
  await expect(board.confirmDialog.getByTestId('dispatch-deadline-problem')).toHaveText('调整处置时限须填写理由')
  await board.confirmDialog.getByTestId('dispatch-deadline-reason').fill('影响夜间通行')
  await board.screenshot('board-picker')
  await page.keyboard.press('Enter')
  await expect(board.confirmDialog).toBeHidden()
  await expect
    .poll(() => central.server.incident(lamp.id), { timeout: 20_000 })
    .toMatchObject({ status: 'dispatched', assigneeId: 'fire', deadlineReason: '影响夜间通行' })
  const sent = central.server.incident(lamp.id)!
  expect(Math.abs((sent.deadline ?? 0) - (sent.dispatchedAt ?? 0) - 48 * HOUR)).toBeLessThan(5 * 60_000)

  // The next card starts from its own recommendation, not the unit chosen before.
  picker = await board.openPicker(fight.id)
  await expect(picker).toHaveAttribute('data-value', 'department:police')
  await page.keyboard.type('hjws')
  await expect(picker).toHaveAttribute('data-value', 'department:sanitation')
  // An urgent public-security case onto sanitation: the first Enter asks, the second dispatches.
  await page.keyboard.press('Enter')
  await expect(board.confirmDialog.getByTestId('dispatch-mismatch')).toBeVisible()
  await expect(board.confirmDialog).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(board.confirmDialog).toBeHidden()
  await expect.poll(() => central.server.incident(fight.id)?.assigneeId, { timeout: 20_000 }).toBe('sanitation')
  expect(central.server.incident(fight.id)?.deadlineReason).toBeUndefined()
})
