import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '../fixtures/situation-fixture'
import { ASSESSMENT_SHOTS, AssessmentPage } from '../pages/assessment-page'

// A server with a month of history; a supervisor (who may close periods) signed in.
test.use({ signInAs: 'supervisor' })
test.describe.configure({ timeout: 300_000 })

/** District (UTC+8) calendar day, `daysAgo` days before now. */
const day = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10)

/** The sheet's rows after its header, as the screen shows them: rank ('' for 样本不足), name, id, score. */
async function sheetRows(file: string, sheet: string) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const ws = book.getWorksheet(sheet)
  if (!ws) throw new Error(`no sheet ${sheet} in ${book.worksheets.map((w) => w.name).join(', ')}`)
  const rows: { rank: string; name: string; id: string; score: string }[] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const rank = row.getCell(1).value
    const score = row.getCell(4).value
    expect(typeof score).toBe('number')
    expect(row.getCell(4).numFmt).toBe('0.00')
    rows.push({
      rank: typeof rank === 'number' ? String(rank) : '',
      name: String(row.getCell(2).value),
      id: String(row.getCell(3).value),
      score: (score as number).toFixed(2),
    })
  })
  const cover = new Map<string, unknown>()
  book.getWorksheet('封面')?.eachRow((r) => cover.set(String(r.getCell(1).value), r.getCell(2).value))
  return { rows, cover, sheets: book.worksheets.map((w) => w.name) }
}

test('exports: the XLSX matches the screen cell by cell, live and frozen; the print view prints A4 pages with the facts on each', async ({
  workstation,
  central,
}, testInfo) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  central.server.simulator?.setRate(0)
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  mkdirSync(ASSESSMENT_SHOTS, { recursive: true })
  const out = testInfo.outputPath('exports')
  mkdirSync(out, { recursive: true })

  await workstation.goto('assessment')
  const screen = new AssessmentPage(page)
  await expect(page.getByTestId('assessment')).toBeVisible({ timeout: 60_000 })
  // A range that has ended (it reads the same whenever it is read): the screen and the file agree.
  const first = day(21)
  const last = day(1)
  await screen.pickRange(first, last)
  await screen.pickUnitKind('department')
  await expect(screen.rows().first()).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('frozen-reports')).toContainText('本周期尚未关账', { timeout: 60_000 })

  // Live XLSX: every sheet of the seven kinds, the department sheet equal to the league on screen.
  const onScreen = await screen.screenRows()
  expect(onScreen.length).toBeGreaterThan(3)
  const liveFile = await screen.exportXlsx(out)
  const live = await sheetRows(liveFile, '职能部门')
  expect(live.sheets).toEqual(['封面', '职能部门', '联勤搭档', '镇街', '中网格', '小网格', '网格员', '指挥中心坐席'])
  expect(live.rows).toEqual(onScreen)
  expect(live.cover.get('考核周期')).toBe(`${first}~${last}`)
  expect(live.cover.get('报告类型')).toBe('实时计算（未冻结）')

  // Close the period: the frozen report opens, the list shows it, the server's recomputation agrees.
  const id = await screen.closePeriod()
  await expect(screen.report(id)).toHaveAttribute('data-version', '1')
  const seq = await screen.report(id).getByTestId('frozen-position').getAttribute('data-seq')
  const check = await screen.verify(id)
  await expect(check).toHaveAttribute('data-ok', 'true')
  await expect(check).toContainText(`按日志第 ${seq} 条重算，数字完全相同`)
  await expect(page.getByTestId('frozen-banner')).toContainText(`#${id}`)
  await screen.screenshot('assessment-frozen-zh-1080p')

  // The frozen report's XLSX: its numbers as the screen shows them, its log position on the cover.
  await screen.pickUnitKind('town')
  await expect(screen.rows().first()).toBeVisible({ timeout: 60_000 })
  const frozenTowns = await screen.screenRows()
  const frozenFile = await screen.exportXlsx(out)
  const frozen = await sheetRows(frozenFile, '镇街')
  expect(frozen.rows).toEqual(frozenTowns)
  expect(String(frozen.cover.get('序号'))).toBe(seq)
  expect(String(frozen.cover.get('头部哈希'))).toMatch(/^[0-9a-f]{64}$/)
  expect(frozen.cover.get('报告类型')).toBe(`已冻结报告: 报告 #${id} 第 1 版`)

  // The print view of the frozen report, printed to PDF by Chromium.
  const print = await screen.openPrintView()
  await print.setViewportSize({ width: 1920, height: 1080 })
  await print.screenshot({ path: path.join(ASSESSMENT_SHOTS, 'print-view-zh-1080p.png') })
  const pdf = path.join(out, 'report.pdf')
  await print.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0)
  expect(pages).toBeGreaterThanOrEqual(7)
  expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/)
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  const perPage = text.split('\f').filter((p) => p.trim() !== '')
  expect(perPage).toHaveLength(pages)
  for (const [i, p] of perPage.entries()) {
    // The running header and footer: period, rule set, log position, generation time, page number.
    expect(p).toContain(`${first}~${last}`)
    expect(p).toContain('ZS-2026.1')
    expect(p).toContain(`日志位置 ${seq}`)
    expect(p).toMatch(/生成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
    expect(p).toContain(`第 ${i + 1} 页，共 ${pages} 页`)
  }
  for (const kind of ['职能部门', '联勤搭档', '镇街', '中网格', '小网格', '网格员', '指挥中心坐席'])
    expect(text).toContain(kind)
  // Each town's name is printed, with its frozen score when it is ranked (样本不足 units: name and volume only).
  for (const r of frozenTowns) {
    expect(text).toContain(r.name)
    if (r.rank !== '') expect(text).toContain(r.score)
  }
  // The 样本不足 units are listed compactly: one table per kind, not a full row each.
  await expect(print.getByTestId('print-thin').first()).toBeVisible()
  const thin = await print.getByTestId('print-thin-unit').count()
  expect(thin).toBeGreaterThan(0)
  const rowRanks = await print
    .getByTestId('print-row')
    .evaluateAll((rs) => rs.map((r) => r.querySelector('td')?.textContent))
  expect(rowRanks.length).toBeGreaterThan(0)
  expect(rowRanks.filter((rank) => rank === '—')).toEqual([])
  testInfo.annotations.push({ type: 'pdf pages', description: String(pages) })
  console.log(`assessment PDF: ${pages} pages, ${thin} 样本不足 units listed compactly`)
  // The first pages and the last one as images, to look at (docs: issue 12).
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '3', pdf, path.join(ASSESSMENT_SHOTS, 'pdf-zh-page')])
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    String(pages),
    '-l',
    String(pages),
    pdf,
    path.join(ASSESSMENT_SHOTS, 'pdf-zh-last'),
  ])
  expect(readdirSync(ASSESSMENT_SHOTS).filter((f) => f.startsWith('pdf-zh-page-')).length).toBeGreaterThanOrEqual(3)
  await print.close()

  // English: the same screen, the reports panel and the print view in English.
  await page.getByTestId('language-select').selectOption('en')
  await expect(page.getByTestId('frozen-reports')).toContainText('Closed reports')
  await screen.screenshot('assessment-frozen-en-1080p')
  const printEn = await screen.openPrintView()
  await expect(printEn.getByTestId('print-cover')).toContainText('Assessment report')
  await printEn.setViewportSize({ width: 1920, height: 1080 })
  await printEn.screenshot({ path: path.join(ASSESSMENT_SHOTS, 'print-view-en-1080p.png') })
  const pdfEn = path.join(out, 'report-en.pdf')
  await printEn.pdf({ path: pdfEn, preferCSSPageSize: true, printBackground: true })
  const textEn = execFileSync('pdftotext', ['-layout', pdfEn, '-'], { encoding: 'utf8' })
  expect(textEn).toContain(`Log position ${seq}`)
  expect(textEn).toMatch(/Page 1 of \d+/)
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '2',
    pdfEn,
    path.join(ASSESSMENT_SHOTS, 'pdf-en-page'),
  ])
})
