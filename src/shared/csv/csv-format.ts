/**
 * CSV as the operator's export writes it: RFC 4180 quoting, CRLF line ends and
 * a UTF-8 BOM so Excel on a Chinese Windows desk opens the Chinese text
 * correctly. Shared: the core writes the export, tests read it.
 */
export const CSV_BOM = '\uFEFF'

const NEEDS_QUOTES = /[",\r\n]/
/** Cells a spreadsheet would run as a formula are prefixed (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, with its line end. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** YYYY-MM-DD HH:MM:SS at a fixed offset from UTC (minutes east), as the table shows times. */
export function formatDateTimeAt(ms: number, tzOffsetMinutes: number): string {
  const d = new Date(ms + tzOffsetMinutes * 60_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}
