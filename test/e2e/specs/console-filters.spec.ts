import path from 'node:path'
import { SqliteDatabase } from '@infra/sqlite'
import type { CategoryId, IncidentStatus } from '@shared/domain'
import { categoryLabels, statusLabels } from '../../../src/renderer/src/i18n/domain-labels'
import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

/** The ids plain SQL on the workstation's store puts first, in the table's default order (newest first). */
async function sqlAll(dataDir: string, query: string): Promise<Record<string, unknown>[]> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'workstation.sqlite'), { readonly: true })
  try {
    return await db.all(query)
  } finally {
    await db.close()
  }
}

async function sqlIds(dataDir: string, where: string, limit: number): Promise<string[]> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'workstation.sqlite'), { readonly: true })
  try {
    const rows = await db.all(`SELECT id FROM incidents ${where} ORDER BY reported_at DESC, rowid DESC LIMIT ${limit}`)
    return rows.map((r) => String(r.id))
  } finally {
    await db.close()
  }
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 2560, height: 1440 },
]) {
  test(`at ${size.width}×${size.height}: status and category checkbox filters in Chinese run in the core; the column chooser's layout is kept in a saved view`, async ({
    workstation,
  }) => {
    const page = workstation.page
    await page.setViewportSize(size)
    const console = new ConsolePage(workstation)
    await console.openConsole()

    // The district's two commonest statuses and, among them, its commonest category (the data is generated).
    const statuses = (
      await sqlAll(workstation.dataDir, `SELECT status FROM incidents GROUP BY status ORDER BY count(*) DESC LIMIT 2`)
    ).map((r) => String(r.status) as IncidentStatus)
    const where = `WHERE status IN (${statuses.map((s) => `'${s}'`).join(',')})`
    const [top] = await sqlAll(
      workstation.dataDir,
      `SELECT category FROM incidents ${where} GROUP BY category ORDER BY count(*) DESC LIMIT 1`,
    )
    const categoryId = String(top?.category) as CategoryId

    // Status: untick "all", tick those two → exactly the cases SQL finds with those statuses.
    const status = await console.openFilter('status')
    await expect(status.getByText('全选')).toBeVisible()
    await status.getByRole('checkbox', { name: '全选' }).uncheck()
    for (const s of statuses) await status.getByRole('checkbox', { name: statusLabels.zh[s], exact: true }).check()
    await console.screenshot(`t15b-filters-${size.width}`)
    await page.keyboard.press('Escape')
    await expect(async () => {
      const shown = await console.shownRows()
      expect(shown.ids.length).toBeGreaterThan(0)
      expect(shown.ids).toEqual(await sqlIds(workstation.dataDir, where, shown.ids.length))
    }).toPass({ timeout: 20_000 })

    // Category on top of it: one category among them (both filters, ANDed in the core's SQL).
    const category = await console.openFilter('category')
    await category.getByRole('checkbox', { name: '全选' }).uncheck()
    await category.getByRole('checkbox', { name: categoryLabels.zh[categoryId], exact: true }).check()
    await page.keyboard.press('Escape')
    await expect(async () => {
      const shown = await console.shownRows()
      expect(shown.ids).toEqual(
        await sqlIds(workstation.dataDir, `${where} AND category = '${categoryId}'`, shown.ids.length || 50),
      )
    }).toPass({ timeout: 20_000 })

    // AG Grid's own texts come from its zh-CN locale (a text filter's conditions).
    const title = await console.openFilter('title')
    await expect(title).toContainText('包含')
    await page.keyboard.press('Escape')

    // The column chooser hides 来源 and moves 状态 up; a saved view brings that layout back after a reload.
    // (The grid renders only the headers in view, so the chooser's own list is what is read back.)
    const chooser = page.locator('.column-chooser-list')
    const sourceBox = chooser.locator('li[data-col="source"] input[type="checkbox"]')
    const chooserOrder = () =>
      chooser.locator('li[data-col]').evaluateAll((els) => els.map((e) => e.getAttribute('data-col')))
    await page.getByTestId('column-chooser').click()
    await sourceBox.uncheck()
    const before = await chooserOrder()
    await page.getByRole('button', { name: '上移 状态' }).click()
    const moved = await chooserOrder()
    expect(moved.indexOf('status')).toBe(before.indexOf('status') - 1)
    await page.keyboard.press('Escape')
    await page.getByTestId('save-view').click()
    await page.getByTestId('view-name').fill('派遣中的部件')
    await page.keyboard.press('Enter')
    await page.reload()
    await expect(console.table.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 })
    await page.getByTestId('column-chooser').click()
    await expect(sourceBox).toBeChecked()
    expect(await chooserOrder()).toEqual(before.map((c) => c))
    await page.keyboard.press('Escape')
    await page.getByTestId('saved-view').click()
    await page.getByTestId('column-chooser').click()
    await expect(sourceBox).not.toBeChecked()
    expect(await chooserOrder()).toEqual(moved)
    await page.keyboard.press('Escape')
    await expect(async () => {
      const shown = await console.shownRows()
      expect(shown.ids).toEqual(
        await sqlIds(workstation.dataDir, `${where} AND category = '${categoryId}'`, shown.ids.length || 50),
      )
    }).toPass({ timeout: 20_000 })
  })
}

test('the pending queue: priority, then oldest first, with the time waited and the acceptance limit', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const low = await central.report({ title: '排队测试：一般', category: 'city_components', priority: 'normal' })
  const urgent = await central.report({ title: '排队测试：紧急', category: 'public_security', priority: 'urgent' })
  await console.openConsole()
  await expect(console.row(urgent.id)).toBeVisible()
  await console.view('awaiting').click()
  const header = (col: string) => console.table.locator(`.ag-header-cell[col-id="${col}"]`)
  await expect(header('priority')).toHaveAttribute('aria-sort', 'ascending')
  await expect(header('reportedAt')).toHaveAttribute('aria-sort', 'ascending')
  // The core's order: priority rank, then the report time and the cache's order, oldest first.
  const where = `WHERE status IN ('reported','accepted')`
  const order = `ORDER BY (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) ASC, reported_at ASC, rowid ASC`
  await expect(async () => {
    const shown = await console.shownRows()
    expect(shown.ids).toContain(urgent.id)
    const db = await SqliteDatabase.open(path.join(workstation.dataDir, 'workstation.sqlite'), { readonly: true })
    try {
      const rows = await db.all(`SELECT id FROM incidents ${where} ${order} LIMIT ${shown.ids.length}`)
      expect(shown.ids).toEqual(rows.map((r) => String(r.id)))
    } finally {
      await db.close()
    }
    expect(shown.ids.indexOf(urgent.id)).toBeLessThan(shown.ids.indexOf(low.id))
  }).toPass({ timeout: 20_000 })
  // Waiting since the report; a public-security report must be accepted within its category's 15 minutes.
  await expect(console.row(urgent.id).locator('[col-id="waiting"]')).toContainText('0小时')
  await expect(console.row(urgent.id).locator('[col-id="acceptBy"]')).toContainText('内受理')
  await console.screenshot('t15b-queue-1366')
  // Another view: newest first again, without the queue's columns.
  await console.view('all').click()
  await expect(header('reportedAt')).toHaveAttribute('aria-sort', 'descending')
  await expect(header('acceptBy')).toHaveCount(0)
})
