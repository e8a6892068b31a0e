import { useTranslation } from 'react-i18next'
import type { TimelineEntry } from '@shared/contract'
import { formatDateTime } from '../../lib/format'
import type { ReferenceIndex } from '../../data/reference-index'

const SHOWN = ['reason', 'note', 'text', 'feedback', 'duplicateOf', 'level'] as const

/** One line per payload field worth reading (assignee and deadline in words, not ids). */
function PayloadLines({ entry, index }: { entry: TimelineEntry; index: ReferenceIndex }) {
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
    if (typeof v === 'string' || typeof v === 'number') lines.push([t(`detail.payload.${key}`), String(v)])
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
export function Timeline({ entries, index }: { entries: readonly TimelineEntry[]; index: ReferenceIndex }) {
  const { t } = useTranslation('ops')
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
            {e.actorName} · {t(`roles.${e.role}`, { ns: 'translation' })}
            {e.workstationId && <span className="tl-ws"> · {t('detail.workstation', { id: e.workstationId })}</span>}
            {e.issuedAt !== null && Math.abs(e.serverTime - e.issuedAt) > 60_000 && (
              <span className="tl-offline"> · {t('detail.issuedOffline', { time: formatDateTime(e.issuedAt) })}</span>
            )}
          </div>
          <PayloadLines entry={e} index={index} />
        </li>
      ))}
    </ol>
  )
}
