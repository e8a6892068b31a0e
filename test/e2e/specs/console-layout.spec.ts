import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'
import { DispatchPage } from '../pages/dispatch-page'

/** Whether an element lies inside the window horizontally (nothing cut off at the right or left). */
async function inside(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 0.5
  })
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 2560, height: 1440 },
]) {
  test(`at ${size.width}×${size.height} the console, the merge form, the board and the shortcut overlay fit the screen`, async ({
    workstation,
    central,
  }) => {
    const page = workstation.page
    await page.setViewportSize(size)
    const console = new ConsolePage(workstation)
    const first = await central.report({
      title: '小区东门消防栓持续漏水，路面结冰影响通行',
      category: 'city_components',
      priority: 'high',
    })
    const second = await central.report({
      title: '小区东门消防栓一直在漏水',
      category: 'city_components',
      priority: 'normal',
    })
    await console.openConsole()
    await console.filter('消防栓')
    await console.select(second.id)
    // With the detail panel open, the case title is on screen in the table (inside the table's own box, not
    // scrolled away under the panel) and in the panel.
    const titleInTable = await page.locator('[data-testid="incident-table"]').evaluate((table) => {
      const cell = table.querySelector('.ag-header-cell[col-id="title"]')
      if (!cell) return false
      const c = cell.getBoundingClientRect()
      const t = table.getBoundingClientRect()
      return c.left >= t.left && c.right <= t.right
    })
    expect(titleInTable).toBe(true)
    expect(await inside(page, '[data-testid="detail-panel"] .detail-title')).toBe(true)
    await console.screenshot(`t15-console-${size.width}`)

    await page.keyboard.press('m')
    await expect(page.getByTestId('merge-view')).toContainText(first.code)
    expect(await inside(page, '[data-testid="merge-view"]')).toBe(true)
    await console.screenshot(`t15-merge-${size.width}`)
    await page.keyboard.press('Escape')

    await page.keyboard.press('?')
    await expect(page.getByTestId('shortcut-overlay')).toBeVisible()
    expect(await inside(page, '[data-testid="shortcut-overlay"]')).toBe(true)
    await console.screenshot(`t15-shortcuts-${size.width}`)
    await page.keyboard.press('Escape')

    const board = new DispatchPage(workstation)
    await page.keyboard.press('Control+2')
    await expect(page.getByTestId('view-dispatch')).toBeVisible()
    await expect(board.queued(first.id)).toBeVisible()
    expect(await inside(page, `[data-testid="board-queue"]`)).toBe(true)
    await console.screenshot(`t15-board-${size.width}`)
  })
}

test('a language switch leaves every case in the table once', async ({ workstation, central }) => {
  const console = new ConsolePage(workstation)
  const ids = []
  for (let n = 1; n <= 3; n++)
    ids.push((await central.report({ title: `LS15 语言切换 ${n}`, category: 'gas_safety' })).id)
  await console.openConsole()
  await console.filter('LS15')
  await expect(console.rowStats).toContainText('显示 3 /')
  const unique = async () => {
    const shown = (await console.shownRows()).ids
    return { count: shown.length, distinct: new Set(shown).size }
  }
  for (const [locale, stats] of [
    ['en', 'Showing 3 of'],
    ['zh-CN', '显示 3 /'],
    ['en', 'Showing 3 of'],
  ] as const) {
    await console.setLanguage(locale)
    await expect(console.rowStats).toContainText(stats)
    await expect.poll(unique).toEqual({ count: 3, distinct: 3 })
    // Every row speaks the new language (none left over in the old one).
    const category = locale === 'en' ? 'Gas safety' : '燃气安全'
    for (const id of ids) await expect(console.row(id).locator('[col-id="category"]')).toHaveText(category)
  }
})
