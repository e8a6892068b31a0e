/**
 * CSV for the operator's export: RFC 4180 quoting, CRLF line ends and a UTF-8
 * BOM so Excel on a Chinese Windows desk opens the Chinese text correctly.
 */
export interface CsvColumn<T> {
  readonly header: string
  readonly value: (row: T) => string | number | null | undefined
}

const NEEDS_QUOTES = /[",\r\n]/
/** Cells a spreadsheet would run as a formula are prefixed (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, bom = true): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','))
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`
}

/** A file name such as incidents-20260528-0930.csv, local time. */
export function csvFileName(prefix: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`
}
