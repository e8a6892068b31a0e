import ExcelJS from 'exceljs'
import type { AssessmentDocument, DocumentLeague, DocumentRow } from '@shared/contract'
import type { IndicatorId } from '@shared/domain'
import { districtTime, exportLabels, type ExportLabels } from './export-labels'

const RATE_FORMAT = '0.00%'
const SCORE_FORMAT = '0.00'
const CHANGE_FORMAT = '+0.00;-0.00;0.00'

/** The indicators a league shows, in the order of its units' cards (all units of a kind share them). */
export function leagueIndicators(league: DocumentLeague): IndicatorId[] {
  const first = league.ranked[0] ?? league.insufficient[0]
  return (first?.lines ?? []).flatMap((l) => (l.type === 'indicator' ? [l.indicator] : []))
}

function rateOf(row: DocumentRow, indicator: IndicatorId): number | null {
  for (const l of row.lines) if (l.type === 'indicator' && l.indicator === indicator) return l.rate
  return null
}

function deductionsOf(row: DocumentRow): number {
  let sum = 0
  for (const l of row.lines) if (l.type === 'event') sum += l.deduction
  return Math.round(sum * 100) / 100
}

/** The file name of a report: 考核报告-2026-11[-报告12v2].xlsx */
export function exportFileName(doc: AssessmentDocument, ext: 'xlsx' | 'pdf'): string {
  const l = exportLabels(doc.locale)
  const label = doc.period.label.replace(/[^0-9A-Za-z-]+/g, '_')
  const frozen = doc.frozen ? `-${doc.locale === 'en' ? 'report' : '报告'}${doc.frozen.id}v${doc.frozen.version}` : ''
  return `${l.title.replace(/\s+/g, '-')}-${label}${frozen}.${ext}`
}

function cover(book: ExcelJS.Workbook, doc: AssessmentDocument, l: ExportLabels): void {
  const sheet = book.addWorksheet(l.cover)
  sheet.columns = [{ width: 18 }, { width: 72 }]
  sheet.addRow([l.title]).font = { bold: true, size: 16 }
  sheet.addRow([])
  const rows: [string, string | number][] = [
    [l.field.period, doc.period.label],
    [l.field.range, `${districtTime(doc.period.from)} – ${districtTime(doc.period.to)}`],
    [l.field.ruleSet, `${doc.ruleSet.version} (${l.revision(doc.ruleSet.revision)})`],
    [l.field.seq, doc.position.seq],
  ]
  if (doc.position.headHash) rows.push([l.field.headHash, doc.position.headHash])
  rows.push(
    [l.field.evaluatedAt, districtTime(doc.evaluatedAt)],
    [l.field.computedAt, districtTime(doc.computedAt)],
    [l.field.generatedAt, districtTime(doc.generatedAt)],
    [l.field.kind, doc.frozen ? `${l.field.frozen}: ${l.frozenAs(doc.frozen.id, doc.frozen.version)}` : l.field.live],
  )
  if (doc.frozen) {
    rows.push([l.field.author, doc.frozen.authorId], [l.field.reason, doc.frozen.reason])
    if (doc.frozen.previousId !== null) rows.push([l.field.corrects, `#${doc.frozen.previousId}`])
  }
  for (const [k, v] of rows) {
    const r = sheet.addRow([k, v])
    r.getCell(1).font = { bold: true }
    r.getCell(2).alignment = { horizontal: 'left' }
  }
}

function league(book: ExcelJS.Workbook, lg: DocumentLeague, l: ExportLabels): void {
  const sheet = book.addWorksheet(l.units[lg.unitKind], { views: [{ state: 'frozen', ySplit: 1 }] })
  const indicators = leagueIndicators(lg)
  const head = [
    l.head.rank,
    l.head.unit,
    l.head.id,
    l.head.score,
    l.head.previous,
    l.head.change,
    l.head.volume,
    ...indicators.map((i) => l.indicators[i]),
    l.head.deductions,
    l.head.bottom,
  ]
  sheet.columns = head.map((h, i) => ({ width: i === 1 ? 26 : Math.max(10, h.length * 2 + 2) }))
  const header = sheet.addRow(head)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } }
  const add = (r: DocumentRow) => {
    const row = sheet.addRow([
      r.rank ?? l.insufficient,
      r.name,
      r.id,
      r.score,
      r.previousScore,
      r.change,
      r.volume,
      ...indicators.map((i) => rateOf(r, i)),
      deductionsOf(r),
      r.bottom ? l.yes : null,
    ])
    row.getCell(4).numFmt = SCORE_FORMAT
    row.getCell(5).numFmt = SCORE_FORMAT
    row.getCell(6).numFmt = CHANGE_FORMAT
    indicators.forEach((_, i) => (row.getCell(8 + i).numFmt = RATE_FORMAT))
    row.getCell(8 + indicators.length).numFmt = SCORE_FORMAT
    if (r.bottom) row.font = { color: { argb: 'FFC0392B' } }
  }
  lg.ranked.forEach(add)
  lg.insufficient.forEach(add)
}

/**
 * A report as an XLSX workbook: a cover sheet (period, rule set with revision, log position — seq,
 * and the head hash of a frozen report — and the times), then one sheet per unit kind with the
 * league: ranked units first, then the 样本不足 ones (rank cell says so). Scores, changes, volumes
 * and rates are numbers (rates as fractions shown with a percent format, two decimals).
 */
export async function workbookBytes(doc: AssessmentDocument): Promise<Buffer> {
  const l = exportLabels(doc.locale)
  const book = new ExcelJS.Workbook()
  book.creator = 'Grid Command'
  book.created = new Date(doc.generatedAt)
  cover(book, doc, l)
  for (const lg of doc.leagues) league(book, lg, l)
  return Buffer.from(await book.xlsx.writeBuffer())
}
