import { useTranslation } from 'react-i18next'
import type { RelatedCase, TimelineEntry } from '@shared/contract'
import { formatDateTime } from '../../lib/format'
import { useRequest } from '../../api/hooks'
import type { ReferenceIndex } from '../../data/reference-index'
import { personLabel, workstationLabel } from './people'

const SHOWN = ['reason', 'deadlineReason', 'note', 'text', 'feedback', 'duplicateOf', 'level'] as const

/** A linked case's ZS- code when the detail knows it, else its id (never blank). */
export function caseCode(related: readonly RelatedCase[], id: string): string {
  return related.find((r) => r.id === id)?.code ?? id
}

/** On a merged case, the master it went into; on a master, the cases merged into it — by ZS- code. */
export function MergeLinks({ related }: { related: readonly RelatedCase[] }) {
  const { t } = useTranslation('ops')
  const master = related.find((r) => r.relation === 'master')
  const mergedIn = related.filter((r) => r.relation === 'merged_in')
  if (!master && mergedIn.length === 0) return null
  return (
    <p className="merge-links" data-testid="merge-links">
      {master && <span title={master.title}>{t('mergeView.mergedInto', { code: master.code })}</span>}
      {mergedIn.length > 0 && <span>{t('mergeView.mergedIn', { codes: mergedIn.map((r) => r.code).join('、') })}</span>}
    </p>
  )
}

/** One line per payload field worth reading (assignee, deadline and merged-into case in words, not ids). */
function PayloadLines({
  entry,
  index,
  related,
}: {
  entry: TimelineEntry
  index: ReferenceIndex
  related: readonly RelatedCase[]
}) {
  const { t } = useTranslation('ops')
  const p = entry.payload
  const lines: [string, string][] = []
  const assignee = p.assignee as { kind?: unknown; id?: unknown } | undefined
  if (assignee && (assignee.kind === 'department' || assignee.kind === 'team') && typeof assignee.id === 'string') {
    lines.push([t('detail.payload.assignee'), index.assigneeName(assignee.kind, assignee.id)])
  }
  if (typeof p.deadline === 'number') lines.push([t('detail.payload.deadline'), formatDateTime(p.deadline)])
  for (const key of SHOWN) {
    const v = p[key]
    if (key === 'duplicateOf' && typeof v === 'string')
      lines.push([t('detail.payload.duplicateOf'), caseCode(related, v)])
    else if (typeof v === 'string' || typeof v === 'number') lines.push([t(`detail.payload.${key}`), String(v)])
  }
  if (lines.length === 0) return null
  return (
    <dl className="tl-payload">
      {lines.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The event log of one incident: who did what, as which role, from which workstation, when. */
export function Timeline({
  entries,
  index,
  related = [],
}: {
  entries: readonly TimelineEntry[]
  index: ReferenceIndex
  related?: readonly RelatedCase[]
}) {
  const { t } = useTranslation('ops')
  const mine = useRequest('app.info', {}).data?.workstationId ?? null
  return (
    <ol className="timeline" data-testid="detail-timeline">
      {[...entries].reverse().map((e) => (
        <li key={e.seq} className={`tl-item tl-${e.type}`}>
          <div className="tl-head">
            <span className="tl-action">{t(`actions.${e.type}`)}</span>
            <span className="tl-time mono" title={t('detail.serverTime')}>
              {formatDateTime(e.serverTime)}
            </span>
          </div>
          <div className="tl-who">
            {personLabel(e, index, t)}
            {e.workstationId && (
              <span className="tl-ws" title={e.workstationId}>
                {' '}
                · {workstationLabel(e.workstationId, mine, t)}
              </span>
            )}
            {e.issuedAt !== null && Math.abs(e.serverTime - e.issuedAt) > 60_000 && (
              <span className="tl-offline"> · {t('detail.issuedOffline', { time: formatDateTime(e.issuedAt) })}</span>
            )}
          </div>
          <PayloadLines entry={e} index={index} related={related} />
        </li>
      ))}
    </ol>
  )
}
