import { formatDateTime } from '../../lib/format'
import type { CsvColumn } from './csv'
import type { IncidentRow } from './incident-rows'

type Translate = (key: string) => string

/** The export's columns: what the table shows, in the operator's language, with full date-times. */
export function csvColumns(t: Translate): CsvColumn<IncidentRow>[] {
  const time = (ms: number | null) => (ms === null ? '' : formatDateTime(ms))
  return [
    { header: t('columns.code'), value: (r) => r.code },
    { header: t('columns.priority'), value: (r) => t(`priority.${r.priority}`) },
    { header: t('columns.status'), value: (r) => t(`status.${r.status}`) },
    { header: t('columns.pending'), value: (r) => r.pending.map((a) => t(`actions.${a}`)).join(' ') },
    { header: t('columns.category'), value: (r) => t(`category.${r.category}`) },
    { header: t('columns.title'), value: (r) => r.title },
    { header: t('columns.town'), value: (r) => r.town },
    { header: t('columns.grid'), value: (r) => r.grid },
    { header: t('columns.assignee'), value: (r) => r.assignee },
    { header: t('columns.reportedAt'), value: (r) => time(r.reportedAt) },
    { header: t('columns.deadline'), value: (r) => time(r.deadline) },
    { header: t('columns.escalation'), value: (r) => r.escalationLevel },
    { header: t('columns.rework'), value: (r) => r.reworkCount },
    { header: t('columns.source'), value: (r) => t(`source.${r.source}`) },
    { header: t('columns.address'), value: (r) => r.address },
  ]
}
