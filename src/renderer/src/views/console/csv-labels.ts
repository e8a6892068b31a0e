import { CSV_COLUMNS, type CsvLabels, type Locale } from '@shared/contract'
import { ACTION_TYPES, CATEGORY_IDS, PRIORITIES, SOURCES, STATUSES } from '@shared/domain'

type Translate = (key: string) => string

/** What the core writes the export in: the operator's language, time zone and column names. */
export function csvLabels(t: Translate, locale: Locale, now = new Date()): CsvLabels {
  const values: Record<string, string> = {}
  const add = (prefix: string, ids: readonly string[]) => {
    for (const id of ids) values[`${prefix}.${id}`] = t(`${prefix}.${id}`)
  }
  add('status', STATUSES)
  add('priority', PRIORITIES)
  add('category', CATEGORY_IDS)
  add('source', SOURCES)
  add('actions', ACTION_TYPES)
  return {
    locale,
    tzOffsetMinutes: -now.getTimezoneOffset(),
    headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(`columns.${c}`)])) as CsvLabels['headers'],
    values,
  }
}

/** A file name such as incidents-20260528-0930.csv, local time. */
export function csvFileName(prefix: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`
}
