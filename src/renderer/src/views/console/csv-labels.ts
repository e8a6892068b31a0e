import { CSV_COLUMNS, type CsvLabels, type Locale } from '@shared/contract'
import { DISTRICT_TZ_OFFSET_MINUTES, districtParts } from '@shared/time/district-time'
import { ACTION_TYPES, CATEGORY_IDS, PRIORITIES, SOURCES, STATUSES } from '@shared/domain'

type Translate = (key: string) => string

/** What the core writes the export in: the operator's language, the district's time zone, column names. */
export function csvLabels(t: Translate, locale: Locale): CsvLabels {
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
    tzOffsetMinutes: DISTRICT_TZ_OFFSET_MINUTES,
    headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(`columns.${c}`)])) as CsvLabels['headers'],
    values,
  }
}

/** A file name such as incidents-20260528-0930.csv, district time. */
export function csvFileName(prefix: string, now: Date): string {
  const p = districtParts(now.getTime())
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${p.year}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}.csv`
}
