import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

test('ten reports are accepted and dispatched with the keyboard alone; the focus moves to the next case after each', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const page = workstation.page
  const reports = []
  for (let i = 0; i < 10; i++) {
    reports.push(
      await central.report({ title: `KB15 井盖破损 ${i + 1}`, category: 'city_components', priority: 'normal' }),
    )
  }
  await console.openConsole()
  await expect(console.row(reports[9]!.id)).toBeVisible()

  // Every key the operator presses is counted; the mouse is never used from here on.
  let keys = 0
  const press = async (key: string) => {
    keys++
    await page.keyboard.press(key)
  }
  await press('/')
  await expect(console.quickFilter).toBeFocused()
  for (const ch of 'kb15') await press(ch)
  await expect(console.table).toHaveAttribute('data-quick', 'kb15')
  await expect(console.rowStats).toContainText('显示 10 /')
  await press('Tab')

  const order = (await console.shownRows()).ids
  expect(order).toHaveLength(10)
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!
    // The case is selected, its detail loaded, and the keyboard is on its row (not on the page body).
    await expect(console.detailOf(id)).toBeVisible()
    await expect.poll(() => console.focusedRowId()).toBe(id)
    await press('d')
    // The category's unit is preselected (城市部件 → 综合行政执法).
    await expect(console.detail.getByTestId('form-assignee')).toHaveAttribute('data-value', 'department:urban_admin')
    await press('Enter')
    await expect(console.detail.getByTestId('action-form')).toHaveCount(0)
  }
  // The last case has no next one: the keyboard stays on it.
  await expect.poll(() => console.focusedRowId()).toBe(order[9])

  test.info().annotations.push({ type: 'keystrokes', description: `10 triages in ${keys} keys` })
  process.stdout.write(`console keyboard flow: 10 triages in ${keys} keystrokes\n`)
  expect(keys).toBeLessThanOrEqual(30)
  for (const r of reports) {
    await expect
      .poll(() => central.server.incident(r.id), { timeout: 20_000 })
      .toMatchObject({ status: 'dispatched', assigneeKind: 'department', assigneeId: 'urban_admin' })
  }
})

test('the dispatch form picks a unit by pinyin initials; an urgent case sent away from its routing asks once more', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const page = workstation.page
  const lamp = await central.report({ title: 'PY15 路灯倒伏', category: 'city_components', priority: 'normal' })
  const fight = await central.report({ title: 'PY15 夜市斗殴', category: 'public_security', priority: 'urgent' })
  await console.openConsole()
  await console.filter('PY15')

  await console.select(lamp.id)
  await page.keyboard.press('d')
  const picker = console.detail.getByTestId('form-assignee')
  await expect(picker.getByTestId('target-input')).toBeFocused()
  await page.keyboard.type('xf')
  await expect(picker).toHaveAttribute('data-value', 'department:fire')
  await expect(picker.locator('[data-testid="target-option"][aria-selected="true"]')).toHaveText(/消防救援/)
  await console.screenshot('console-type-ahead')
  await page.keyboard.press('Enter')
  await expect.poll(() => central.server.incident(lamp.id)?.assigneeId, { timeout: 20_000 }).toBe('fire')

  await console.select(fight.id)
  await page.keyboard.press('d')
  await expect(picker).toHaveAttribute('data-value', 'department:police')
  await page.keyboard.type('hjws')
  await expect(picker).toHaveAttribute('data-value', 'department:sanitation')
  await page.keyboard.press('Enter')
  await expect(console.detail.getByTestId('form-mismatch')).toContainText('环境卫生')
  expect(central.server.incident(fight.id)?.status).toBe('reported')
  // Escape clears the typed text: the recommendation is back, and Enter sends it there without asking.
  await page.keyboard.press('Escape')
  await expect(picker).toHaveAttribute('data-value', 'department:police')
  await page.keyboard.press('Enter')
  await expect.poll(() => central.server.incident(fight.id)?.assigneeId, { timeout: 20_000 }).toBe('police')
})

test('the shortcut overlay lists the screen’s keys; Ctrl+digit switches screens', async ({ workstation, central }) => {
  const console = new ConsolePage(workstation)
  await central.report({ title: 'OV15 占道经营', category: 'city_components', priority: 'normal' })
  await console.openConsole()
  const page = workstation.page
  await page.keyboard.press('?')
  const overlay = page.getByTestId('shortcut-overlay')
  await expect(overlay).toBeVisible()
  await expect(overlay).toContainText('下一条事件')
  await expect(overlay).toContainText('拼音首字母')
  await console.screenshot('shortcut-overlay')
  await page.keyboard.press('Escape')
  await expect(overlay).toHaveCount(0)
  await page.keyboard.press('Control+2')
  await expect(page.getByTestId('view-dispatch')).toBeVisible()
  await page.keyboard.press('Control+1')
  await expect(page.getByTestId('view-console')).toBeVisible()
})

test('while the operator works, new arrivals wait behind the “N new” pill and the rows stay still', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const page = workstation.page
  const first = await central.report({ title: 'NP15 树木倒伏 1', category: 'city_components', priority: 'normal' })
  const second = await central.report({ title: 'NP15 树木倒伏 2', category: 'city_components', priority: 'normal' })
  await console.openConsole()
  await console.filter('NP15')
  await expect(console.row(second.id)).toHaveAttribute('row-index', '0')
  // The operator points at a row (working): the table holds what it shows.
  const box = (await console.row(first.id).locator('[col-id="title"]').boundingBox())!
  await page.mouse.move(box.x + 10, box.y + 5)
  const pill = page.getByTestId('new-pill')
  const arrivals = []
  for (let n = 1; n <= 3; n++) {
    arrivals.push(
      await central.report({ title: `NP15 新到事件 ${n}`, category: 'city_components', priority: 'urgent' }),
    )
    await page.mouse.move(box.x + 10 + n, box.y + 5)
    await expect(pill).toContainText(`${n} 条新事件`, { timeout: 20_000 })
    // Rows under the pointer did not move.
    await expect(console.row(second.id)).toHaveAttribute('row-index', '0')
    await expect(console.row(first.id)).toHaveAttribute('row-index', '1')
    await expect(console.row(arrivals[0]!.id)).toHaveCount(0)
  }
  await console.screenshot('console-new-pill')
  await pill.click()
  await expect(console.row(arrivals[2]!.id)).toHaveAttribute('row-index', '0')
  await expect(console.row(first.id)).toHaveAttribute('row-index', '4')
  await expect(pill).toHaveCount(0)
})
