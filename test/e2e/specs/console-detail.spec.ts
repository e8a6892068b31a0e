import { readFileSync } from 'node:fs'
import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

test('the console table filters live rows; the detail panel acts through keyboard shortcuts and shows the timeline', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const incident = await central.report({
    title: '出租屋楼道电动车违规充电',
    category: 'fire_safety',
    priority: 'urgent',
  })
  await console.openConsole()
  await expect(console.row(incident.id)).toBeVisible()
  await expect(console.view('awaiting')).toContainText(/\d/)
  await console.screenshot('console')
  // A case reported while the table is open is sorted into place: newest first.
  const later = await central.report({ title: '路灯不亮', category: 'city_components', priority: 'normal' })
  await expect(console.row(later.id)).toHaveAttribute('row-index', '0')
  await expect(console.row(incident.id)).toHaveAttribute('row-index', '1')

  await console.filter(incident.code)
  await expect(console.rowStats).toContainText('显示 1 /')
  await console.select(incident.id)
  await expect(console.detail.getByTestId('detail-code')).toHaveText(incident.code)
  await expect(console.detail).toContainText('横栏镇')
  await expect(console.detail.getByTestId('detail-timeline')).toContainText('上报')
  // Only what the state machine allows a reported case, each with its key.
  await expect(console.action('accept')).toContainText('A')
  await expect(console.action('dispatch')).toBeVisible()
  await expect(console.action('close')).toHaveCount(0)

  // A (accept) → Enter.
  await workstation.page.keyboard.press('a')
  await expect(console.detail.getByTestId('action-form')).toBeVisible()
  await workstation.page.keyboard.press('Enter')
  await expect(console.detail.getByTestId('detail-status')).toHaveText('已受理', { timeout: 20_000 })

  // D (dispatch): the category's default department is preselected; add a note, Enter.
  await console.detail.getByTestId('detail-status').click()
  await workstation.page.keyboard.press('d')
  await expect(console.detail.getByTestId('form-assignee')).toHaveAttribute('data-value', 'department:fire')
  await console.detail.getByTestId('form-note').fill('请今日内上门检查')
  await workstation.page.keyboard.press('Enter')
  await expect(console.detail.getByTestId('detail-status')).toHaveText('已派遣', { timeout: 20_000 })
  await expect(console.detail.getByTestId('detail-pending')).toHaveCount(0, { timeout: 20_000 })
  await expect(console.detail.getByTestId('detail-countdown')).toContainText('剩余')

  // N (comment) requires text: an empty submit is refused, a filled one goes through.
  await console.detail.getByTestId('detail-status').click()
  await workstation.page.keyboard.press('n')
  await workstation.page.keyboard.press('Enter')
  await expect(console.detail.locator('.form-error')).toBeVisible()
  await console.detail.getByTestId('form-text').fill('已电话通知房东')
  await workstation.page.keyboard.press('Enter')
  const timeline = console.detail.getByTestId('detail-timeline')
  await expect(timeline.locator('.tl-item')).toHaveCount(4, { timeout: 20_000 })
  await expect(timeline).toContainText('请今日内上门检查')
  // People, not ids: the operator by name and unit, the workstation as this one (not its id).
  await expect(timeline).toContainText('市指挥中心值班员（指挥中心） · 本工作站')
  await expect(timeline).not.toContainText('ws-')
  await expect(timeline).toContainText('已电话通知房东')
  expect(central.server.incident(incident.id)).toMatchObject({ status: 'dispatched', assigneeId: 'fire' })

  await console.filter('')
  await console.screenshot('console-detail')
})

test('views: built-in filters, an operator-defined view that persists, and CSV export of what is shown', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const gas = await central.report({ title: '餐饮店燃气报警器失灵', category: 'gas_safety', priority: 'high' })
  await console.openConsole()
  await expect(console.row(gas.id)).toBeVisible()

  await console.view('hazards').click()
  await expect(console.row(gas.id)).toBeVisible()
  await console.view('rework').click()
  await expect(console.row(gas.id)).toHaveCount(0)
  await console.view('awaiting').click()
  await expect(console.row(gas.id)).toBeVisible()

  await console.filter('燃气报警器')
  await workstation.page.getByTestId('save-view').click()
  await workstation.page.getByTestId('view-name').fill('待派燃气报警')
  await workstation.page.keyboard.press('Enter')
  await expect(workstation.page.getByTestId('saved-view')).toHaveText(/待派燃气报警/)

  const download = workstation.page.waitForEvent('download')
  await workstation.page.getByTestId('export-csv').click()
  const file = await (await download).path()
  const csv = readFileSync(file, 'utf8')
  expect(csv.startsWith('\uFEFF编号,等级,状态')).toBe(true)
  expect(csv).toContain(gas.code)
  expect(csv).toContain('燃气安全')

  // The saved view lives in the workstation's store: a reload brings it back and applies it.
  await workstation.page.reload()
  await expect(console.table.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 })
  await workstation.page.getByTestId('saved-view').click()
  await expect(console.quickFilter).toHaveValue('燃气报警器')
  await expect(console.row(gas.id)).toBeVisible()

  // English is complete: the views, columns and detail switch with the frame.
  await console.setLanguage('en')
  await expect(console.view('awaiting')).toContainText('Awaiting dispatch')
  await console.select(gas.id)
  await expect(console.detail).toContainText('Gas safety')
  await expect(console.action('dispatch')).toContainText('Dispatch')
  await console.screenshot('console-en')
})

test('a second report of the same hazard is merged into the first from the suggested duplicates', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const first = await central.report({ title: '小区消防栓漏水', category: 'city_components', priority: 'normal' })
  const second = await central.report({
    title: '小区消防栓一直在漏水',
    category: 'city_components',
    priority: 'normal',
  })
  await console.openConsole()
  await console.filter('消防栓')
  await console.select(second.id)
  await workstation.page.keyboard.press('m')
  // The merge view: same component kind, same place, minutes apart: a strong match, preselected.
  const form = console.detail.getByTestId('merge-view')
  await expect(form).toContainText(first.code)
  await expect(form.locator(`[data-testid="merge-option"][data-id="${first.id}"] input`)).toBeChecked()
  await workstation.page.keyboard.press('Enter')
  await expect(console.row(second.id).locator('[col-id="status"]')).toHaveText(/已合并/, { timeout: 20_000 })
  await expect.poll(() => central.server.incident(second.id)?.duplicateOf).toBe(first.id)
  // The keyboard went on to the next case in the view: the first report, still awaiting dispatch.
  await expect(console.detailOf(first.id)).toBeVisible()
  await expect.poll(() => console.focusedRowId()).toBe(first.id)
})
