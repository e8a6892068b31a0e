import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

test('merge shows both cases side by side, preselects only a strong match, and the timelines name the master by code', async ({
  workstation,
  central,
}) => {
  const master = await central.report({ title: '合并：消防通道被占（主）', category: 'fire_safety' })
  // Same category 300 m away: suggested, but a weak match (strong is within 150 m).
  const weakOnly = await central.report({
    title: '合并：消防通道被占（弱）',
    category: 'fire_safety',
    northMetres: 300,
  })
  const console = new ConsolePage(workstation)
  await console.openConsole()

  // 1. The weak case is offered but not preselected: Enter alone does not merge it.
  await console.filter('合并：消防通道被占（弱）')
  await console.select(weakOnly.id)
  await console.action('merge').click()
  const view = console.page.getByTestId('merge-view')
  await expect(view).toBeVisible()
  const option = view.locator(`[data-testid="merge-option"][data-id="${master.id}"]`)
  await expect(option).toHaveAttribute('data-strong', 'false')
  await expect(option).toContainText('弱匹配')
  await expect(option).toContainText('相距 300 m')
  await expect(option.locator('input')).not.toBeChecked()
  await expect(view.getByTestId('merge-none-strong')).toBeVisible()
  await expect(view.getByTestId('merge-master-empty')).toBeVisible()
  await console.page.keyboard.press('Escape')
  await expect(view).toHaveCount(0)

  // 2. A second report at the same place, same category, minutes later: a strong match, preselected.
  const dup = await central.report({ title: '合并：消防通道被占（重复）', category: 'fire_safety' })
  await console.filter('合并：消防通道被占（重复）')
  await console.select(dup.id)
  await console.action('merge').click()
  await expect(view).toBeVisible()
  const strong = view.locator(`[data-testid="merge-option"][data-id="${master.id}"]`)
  await expect(strong).toHaveAttribute('data-strong', 'true')
  await expect(strong.locator('input')).toBeChecked()
  // Both sides: time, place, component, reporter and text of each, and what lies between them.
  await expect(view.getByTestId('merge-this')).toContainText(dup.code)
  await expect(view.getByTestId('merge-this')).toContainText('合并：消防通道被占（重复）')
  await expect(view.getByTestId('merge-master')).toContainText(master.code)
  await expect(view.getByTestId('merge-master')).toContainText('合并：消防通道被占（主）')
  for (const side of ['merge-this', 'merge-master']) {
    for (const label of ['上报时间', '地点', '城市部件', '上报人', '内容']) {
      await expect(view.getByTestId(side)).toContainText(label)
    }
  }
  await expect(view.getByTestId('merge-between')).toContainText('相距 0 m')
  await console.screenshot('console-merge-view')
  await console.page.keyboard.press('Enter')
  await expect(view).toHaveCount(0)

  // 3. The merged case's timeline names the master by its ZS- code; the master lists what came in.
  await expect(console.detailOf(dup.id).getByTestId('merge-links')).toContainText(`已合并至 ${master.code}`, {
    timeout: 30_000,
  })
  await expect(console.detailOf(dup.id).getByTestId('detail-timeline')).toContainText(master.code)
  await expect(console.detailOf(dup.id).getByTestId('detail-timeline')).not.toContainText(master.id)
  await console.filter('合并：消防通道被占（主）')
  await console.select(master.id)
  await expect(console.detailOf(master.id).getByTestId('merge-links')).toContainText(`已并入本案：${dup.code}`)
})
