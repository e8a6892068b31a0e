import { CSV_COLUMNS, type CsvColumn, type CsvLabels, type IncidentView } from '@shared/contract'
import { CSV_BOM, csvLine, formatDateTimeAt } from '@shared/csv/csv-format'
import { effectiveDeadline, type ReferenceNames } from '@shared/domain'

/**
 * One exported case as CSV cells, in CSV_COLUMNS order: what the table shows, in
 * the operator's language (the labels they sent), with full date-times in their
 * time zone. A code without a label is written as it is.
 */
export function csvCells(
  v: IncidentView,
  labels: CsvLabels,
  names: ReferenceNames,
  now: number,
): (string | number | null)[] {
  const label = (prefix: string, code: string) => labels.values[`${prefix}.${code}`] ?? code
  const time = (ms: number | null) => (ms === null ? '' : formatDateTimeAt(ms, labels.tzOffsetMinutes))
  const cell: Record<CsvColumn, () => string | number | null> = {
    code: () => v.code,
    priority: () => label('priority', v.priority),
    status: () => label('status', v.status),
    pending: () => v.pending.map((a) => label('actions', a)).join(' '),
    category: () => label('category', v.category),
    title: () => v.title,
    town: () => names.townName(v.townId),
    grid: () => names.gridName(v.gridId),
    assignee: () => names.assigneeName(v.assigneeKind, v.assigneeId),
    reportedAt: () => time(v.reportedAt),
    deadline: () => time(effectiveDeadline(v, now)),
    escalation: () => v.escalationLevel,
    rework: () => v.reworkCount,
    source: () => label('source', v.source),
    address: () => v.address,
  }
  return CSV_COLUMNS.map((c) => cell[c]())
}

/** The file's start: the BOM (for Excel) and the header line. */
export function csvHead(labels: CsvLabels): string {
  return CSV_BOM + csvLine(CSV_COLUMNS.map((c) => labels.headers[c] ?? c))
}

export function csvRecords(
  views: readonly IncidentView[],
  labels: CsvLabels,
  names: ReferenceNames,
  now: number,
): string {
  let text = ''
  for (const v of views) text += csvLine(csvCells(v, labels, names, now))
  return text
}
