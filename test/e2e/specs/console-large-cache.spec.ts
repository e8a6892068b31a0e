import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SqliteDatabase, type SqlParam } from '@infra/sqlite'
import { expect, LARGE_CACHE, test } from '../fixtures/large-cache-fixture'
import { ConsolePage } from '../pages/console-page'
import { SituationPage } from '../pages/situation-page'

// Each test syncs a workstation, generates a large cache into it and starts it again.
test.describe.configure({ timeout: 240_000 })

/**
 * An independent look at the workstation's store: plain SQL written here, in the order the console
 * documents (the sort key, then the report time and the cache's row order in the same direction).
 */
async function sql<T>(dataDir: string, work: (db: SqliteDatabase) => Promise<T>): Promise<T> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'workstation.sqlite'), { readonly: true })
  try {
    return await work(db)
  } finally {
    await db.close()
  }
}
const ids = (dataDir: string, query: string, params: SqlParam[] = []) =>
  sql(dataDir, async (db) => (await db.all(query, params)).map((r) => String(r.id)))
const count = (dataDir: string, where: string, params: SqlParam[] = []) =>
  sql(dataDir, async (db) => Number((await db.get(`SELECT count(*) AS n FROM incidents ${where}`, params))?.n))

/** The ids the SQL puts where the table shows rows (from the table's first shown row). */
async function expectShownToMatch(console: ConsolePage, dataDir: string, where: string, order: string) {
  await expect(async () => {
    const shown = await console.shownRows()
    expect(shown.ids.length).toBeGreaterThan(10)
    const expected = await ids(
      dataDir,
      `SELECT id FROM incidents ${where} ${order} LIMIT ${shown.ids.length} OFFSET ${shown.first}`,
    )
    expect(shown.ids).toEqual(expected)
  }).toPass({ timeout: 30_000 })
}

/** Quick-filter word `w` as an operator means it: in code, title or address, or a place or unit named like it. */
const QUICK = (w: string) => `(code LIKE '%${w}%' OR title LIKE '%${w}%' OR address LIKE '%${w}%'
  OR town_id IN (SELECT json_extract(value, '$.id') FROM reference_data, json_each(reference_data.data, '$.towns') WHERE json_extract(value, '$.name') LIKE '%${w}%')
  OR grid_id IN (SELECT json_extract(value, '$.id') FROM reference_data, json_each(reference_data.data, '$.grids') WHERE json_extract(value, '$.name') LIKE '%${w}%')
  OR assignee_id IN (SELECT json_extract(value, '$.id') FROM reference_data, json_each(reference_data.data, '$.departments') WHERE json_extract(value, '$.name') LIKE '%${w}%'))`

test('a large cache: the console opens, sorts, scrolls and filters by the core, keeps views and exports every matching row', async ({
  workstation,
}) => {
  const console = new ConsolePage(workstation)
  const dir = workstation.dataDir
  await console.openConsole()
  const total = await count(dir, '')
  expect(total).toBeGreaterThan(LARGE_CACHE)
  await expect(console.rowStats).toContainText(`共 ${total.toLocaleString('en-US')} 条`)
  await expectShownToMatch(console, dir, '', 'ORDER BY reported_at DESC, rowid DESC')
  await console.screenshot('console-large-cache')

  // Sorting is the core's: title ascending, then descending, exactly the indexed order.
  await console.sortBy('title', 'ascending')
  await expectShownToMatch(console, dir, '', 'ORDER BY title ASC, reported_at ASC, rowid ASC')
  await console.sortBy('title', 'descending')
  await expectShownToMatch(console, dir, '', 'ORDER BY title DESC, reported_at DESC, rowid DESC')
  // Far down: the block there is read from the core, not from anything loaded before.
  await console.scrollTo(Math.floor(total / 2))
  await expectShownToMatch(console, dir, '', 'ORDER BY title DESC, reported_at DESC, rowid DESC')

  // The pending-queue tab narrows it and puts it in the queue's working order (priority, then oldest
  // first); sorted by title again, the quick filter narrows it further, in the core's order and count.
  await console.view('awaiting').click()
  const awaiting = `WHERE status IN ('reported','accepted')`
  const queueOrder = `ORDER BY (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END) ASC, reported_at ASC, rowid ASC`
  await expectShownToMatch(console, dir, awaiting, queueOrder)
  await console.sortBy('title', 'ascending')
  await console.sortBy('title', 'descending')
  await expectShownToMatch(console, dir, awaiting, 'ORDER BY title DESC, reported_at DESC, rowid DESC')
  await console.filter('横栏')
  const where = `${awaiting} AND ${QUICK('横栏')}`
  const matching = await count(dir, where)
  await expect(console.rowStats).toContainText(`显示 ${matching.toLocaleString('en-US')} /`)
  await expectShownToMatch(console, dir, where, 'ORDER BY title DESC, reported_at DESC, rowid DESC')

  // The export holds every matching row (far more than the table has loaded), in the table's order.
  const download = workstation.page.waitForEvent('download')
  await workstation.page.getByTestId('export-csv').click()
  const csv = readFileSync(await (await download).path(), 'utf8')
  const lines = csv.split('\r\n').filter(Boolean)
  expect(lines[0]?.startsWith('\uFEFF编号,等级,状态')).toBe(true)
  expect(lines).toHaveLength(matching + 1)
  const codes = await sql(dir, async (db) =>
    (await db.all(`SELECT code FROM incidents ${where} ORDER BY title DESC, reported_at DESC, rowid DESC`)).map((r) =>
      String(r.code),
    ),
  )
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(codes)

  // A saved view brings the same rows back after a reload.
  await workstation.page.getByTestId('save-view').click()
  await workstation.page.getByTestId('view-name').fill('横栏待派')
  await workstation.page.keyboard.press('Enter')
  await workstation.page.reload()
  await expect(console.table.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 })
  await workstation.page.getByTestId('saved-view').click()
  await expect(console.quickFilter).toHaveValue('横栏')
  await expect(console.table).toHaveAttribute('data-quick', '横栏')
  await expect(console.rowStats).toContainText(`显示 ${matching.toLocaleString('en-US')} /`)
  await expectShownToMatch(console, dir, where, 'ORDER BY title DESC, reported_at DESC, rowid DESC')
})

test('a large cache: live changes reach the rows on screen, changes elsewhere cost nothing, a drill-down opens exactly its cases', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const dir = workstation.dataDir
  await console.openConsole()
  await expectShownToMatch(console, dir, '', 'ORDER BY reported_at DESC, rowid DESC')

  // A new case arrives on top: the held blocks are reloaded, without a reload of the page.
  const before = await console.counters()
  const fresh = await central.report({ title: '大缓存实时上报', category: 'gas_safety', priority: 'urgent' })
  await expect(console.row(fresh.id)).toHaveAttribute('row-index', '0')
  expect((await console.counters()).reloads).toBeGreaterThan(before.reloads)

  // Another operator accepts it: its row changes in place (no block is fetched again).
  const settled = await console.counters()
  const reply = await central.submit({
    type: 'accept',
    incidentId: fresh.id,
    expectedVersion: fresh.version,
    payload: {},
  })
  expect(reply.status).toBe('applied')
  await expect(console.row(fresh.id).locator('[col-id="status"]')).toHaveText('已受理')
  const patched = await console.counters()
  expect(patched.patched).toBeGreaterThan(settled.patched)
  expect(patched.reloads).toBe(settled.reloads)
  expect(patched.blocks).toBe(settled.blocks)

  // Oldest first: the server's cases are now a hundred and fifty thousand rows away from the screen.
  await console.sortBy('reportedAt', 'none')
  await console.sortBy('reportedAt', 'ascending')
  await expectShownToMatch(console, dir, '', 'ORDER BY reported_at ASC, rowid ASC')
  const quiet = await console.counters()
  const comment = await central.submit({
    type: 'comment',
    incidentId: fresh.id,
    expectedVersion: fresh.version + 1,
    payload: { text: '远处的变化' },
  })
  expect(comment.status).toBe('applied')
  // The table looked at the change (one check with the core) and touched nothing on screen.
  await expect.poll(async () => (await console.counters()).looks, { timeout: 20_000 }).toBeGreaterThan(quiet.looks)
  const after = await console.counters()
  expect(after).toMatchObject({ blocks: quiet.blocks, patched: quiet.patched, reloads: quiet.reloads })
  await expectShownToMatch(console, dir, '', 'ORDER BY reported_at ASC, rowid ASC')

  // A drill-down from the dashboard: exactly the open cases, as many as the number said.
  await workstation.goto('dashboard')
  await expect(workstation.page.getByTestId('dashboard')).toBeVisible({ timeout: 60_000 })
  const dash = new SituationPage(workstation.page)
  const { total } = await dash.drill('open')
  const open = `WHERE status NOT IN ('rejected','merged','closed')`
  expect(total).toBe(await count(dir, open))
  await workstation.page.getByTestId('drill-open-console').click()
  await expect(workstation.page.getByTestId('drill-chip')).toContainText(`${total} 件`)
  await expect(console.rowStats).toContainText(`显示 ${total.toLocaleString('en-US')} /`)
  // (The console opened afresh: newest first.)
  await expectShownToMatch(console, dir, open, 'ORDER BY reported_at DESC, rowid DESC')
  await console.screenshot('console-large-cache-drill')
})
