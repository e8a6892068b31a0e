import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

const HOUR = 3_600_000

test('the console dispatch form sets another deadline within the category range, with a reason', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const page = workstation.page
  const heap = await central.report({
    title: 'DL15 路边垃圾堆积',
    category: 'environment_sanitation',
    priority: 'normal',
  })
  await console.openConsole()
  await console.filter('DL15')
  await console.select(heap.id)
  await page.keyboard.press('d')
  const form = console.detail.getByTestId('action-form')
  await expect(form.getByTestId('form-deadline-range')).toContainText('默认 24 小时，可设 6–48 小时')
  const hours = form.getByTestId('form-deadline-hours')
  await hours.fill('60')
  await hours.press('Enter')
  await expect(form.getByTestId('form-deadline-problem')).toHaveText('处置时限须在 6–48 小时之间')
  await hours.fill('36')
  await hours.press('Enter')
  await expect(form.getByTestId('form-deadline-problem')).toHaveText('调整处置时限须填写理由')
  await form.getByTestId('form-deadline-reason').fill('需协调物业清运')
  await page.keyboard.press('Enter')
  await expect(form).toHaveCount(0)

  await expect
    .poll(() => central.server.incident(heap.id), { timeout: 20_000 })
    .toMatchObject({ status: 'dispatched', assigneeId: 'sanitation', deadlineReason: '需协调物业清运' })
  const sent = central.server.incident(heap.id)!
  expect(Math.abs((sent.deadline ?? 0) - (sent.dispatchedAt ?? 0) - 36 * HOUR)).toBeLessThan(5 * 60_000)
  // The case shows why its deadline is not the default.
  await console.select(heap.id)
  await expect(console.detailOf(heap.id).getByTestId('detail-deadline-reason')).toHaveText(/需协调物业清运/, {
    timeout: 20_000,
  })
  // …and so does its timeline, on the dispatch entry.
  await expect(console.detailOf(heap.id).getByTestId('detail-timeline')).toContainText('时限调整理由需协调物业清运')
})
