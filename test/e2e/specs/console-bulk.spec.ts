import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

test('bulk dispatch of five cases sends one command each; a case that cannot be dispatched gets its own outcome', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const page = workstation.page
  const cases = []
  for (let i = 0; i < 5; i++)
    cases.push(
      await central.report({ title: `BK15 路面塌陷 ${i + 1}`, category: 'city_components', priority: 'normal' }),
    )
  // Already with the fire brigade: a bulk dispatch cannot apply to it.
  const taken = await central.report({ title: 'BK15 消防通道堵塞', category: 'fire_safety', priority: 'normal' })
  expect(
    (
      await central.submit({
        type: 'dispatch',
        incidentId: taken.id,
        expectedVersion: 1,
        payload: { assignee: { kind: 'department', id: 'fire' } },
      })
    ).status,
  ).toBe('applied')

  await console.openConsole()
  await console.filter('BK15')
  await expect(console.rowStats).toContainText('显示 6 /')
  await expect(console.row(taken.id).locator('[col-id="status"]')).toContainText('已派遣')

  // A plain click, then Ctrl-clicks: six rows selected, the bulk bar instead of the detail panel.
  await console.pick(cases[0]!.id, false)
  for (const c of [...cases.slice(1), taken]) await console.pick(c.id)
  await expect(console.bulk.getByTestId('bulk-count')).toHaveText('已选 6 条')
  await expect(console.detail).toHaveCount(0)
  // Space on the focused row (the last one clicked) takes it out of the selection and puts it back.
  await page.keyboard.press('Space')
  await expect(console.bulk.getByTestId('bulk-count')).toHaveText('已选 5 条')
  await page.keyboard.press('Space')
  await expect(console.bulk.getByTestId('bulk-count')).toHaveText('已选 6 条')

  await console.bulk.getByTestId('bulk-dispatch').click()
  const picker = console.bulk.getByTestId('bulk-assignee')
  await expect(picker.getByTestId('target-input')).toBeFocused()
  await page.keyboard.type('gafj')
  await expect(picker).toHaveAttribute('data-value', 'department:police')
  await expect(console.bulk.getByTestId('bulk-plan')).toHaveText('可执行 5 件，不可执行 1 件')
  await console.screenshot('console-bulk-form')
  await page.keyboard.press('Enter')

  // Each case its own outcome, kept until dismissed.
  const results = console.bulk.getByTestId('bulk-results')
  await expect(results.getByTestId('bulk-result')).toHaveCount(6)
  for (const c of cases)
    await expect(console.bulkResult(c.id)).toHaveAttribute('data-outcome', 'applied', { timeout: 20_000 })
  await expect(console.bulkResult(taken.id)).toHaveAttribute('data-outcome', 'skipped')
  await expect(console.bulkResult(taken.id)).toContainText('当前状态（已派遣）不允许此操作')

  // The server saw exactly one dispatch per case (report = version 1, dispatch = version 2), none for the other.
  for (const c of cases)
    expect(central.server.incident(c.id)).toMatchObject({
      status: 'dispatched',
      assigneeId: 'police',
      version: 2,
    })
  expect(central.server.incident(taken.id)).toMatchObject({ assigneeId: 'fire', version: 2 })
  await console.screenshot('console-bulk-results')

  await console.bulk.getByTestId('bulk-dismiss').click()
  await expect(console.bulk).toHaveCount(0)
  // Each case shows the unit it went to.
  for (const c of cases) {
    await console.select(c.id)
    await expect(console.detailOf(c.id)).toContainText('公安分局')
  }
})
