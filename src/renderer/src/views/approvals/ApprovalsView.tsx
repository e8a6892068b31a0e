import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { isOpen } from '@shared/domain'
import { useNow } from '../../api/hooks'
import { useCaseRows } from '../../data/use-case-rows'
import { useReference } from '../../data/use-reference'
import { formatDateTime } from '../../lib/format'
import { DecisionForm } from './DecisionForm'
import { LatenessPanel, WorkloadPanel } from './OversightPanels'
import { useSupervision } from './use-supervision'
import { approvalsQueue, riskList } from './risk-list'
import './approvals.css'

/**
 * The supervisor's desk (审批督办): requests waiting for a decision (extension,
 * send-back, suspension, reopen), each approved or refused with a reason, and
 * the risk list of cases that need a push, who is late (by where the time went)
 * and the operators' workload.
 */
export function ApprovalsView() {
  const { t } = useTranslation('ops')
  const { index } = useReference()
  const now = useNow(15_000)
  const [filters] = useState(() => [{}])
  const { rows } = useCaseRows(filters, (v) => isOpen(v) || v.pendingRequest !== undefined)
  const queue = useMemo(() => approvalsQueue(rows), [rows])
  const risks = useMemo(() => riskList(rows, now), [rows, now])
  const activity = useSupervision(rows, now)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const selected: IncidentView | null = queue.find((r) => r.id === selectedId) ?? null

  return (
    <div className="approvals-view" data-testid="approvals-view">
      <section className="approvals-queue">
        <h2>
          {t('approvals.queue')} <span className="approvals-count">{queue.length}</span>
        </h2>
        {queue.length === 0 && <div className="approvals-hint">{t('approvals.none')}</div>}
        <ul data-testid="approvals-queue">
          {queue.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={`approvals-item desk-card ${r.id === selectedId ? 'selected' : ''}`}
                data-testid={`approval-${r.id}`}
                onClick={() => setSelectedId(r.id)}
              >
                <span className="approvals-kind">{t(`approvals.kind.${r.pendingRequest?.kind ?? 'extension'}`)}</span>
                <span className="approvals-code">{r.code}</span>
                <span className="approvals-title">{r.title}</span>
                <span className="approvals-meta">
                  {index.assigneeName(r.assigneeKind, r.assigneeId)} ·{' '}
                  {formatDateTime(r.pendingRequest?.requestedAt ?? r.updatedAt)}
                </span>
                <span className="approvals-reason">{r.pendingRequest?.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="approvals-decision">
        {selected ? (
          <DecisionForm key={`${selected.id}-${selected.version}`} incident={selected} />
        ) : (
          <div className="approvals-hint">{t('approvals.pick')}</div>
        )}
      </section>
      <section className="approvals-risks">
        <h2>
          {t('approvals.risks')} <span className="approvals-count">{risks.length}</span>
        </h2>
        <ul data-testid="risk-list">
          {risks.slice(0, 200).map(({ incident: r, reasons }) => (
            <li key={r.id} className="risk-item desk-card" data-testid={`risk-${r.id}`}>
              <span className="approvals-code">{r.code}</span>
              <span className="approvals-title">{r.title}</span>
              <span className="risk-reasons">
                {reasons.map((reason) => (
                  <span key={reason} className={`risk-tag risk-${reason}`}>
                    {reason === 'escalated'
                      ? t('approvals.reason.escalated', { level: r.escalationLevel })
                      : reason === 'failing'
                        ? t('approvals.reason.failing', { n: r.reworkCount })
                        : t(`approvals.reason.${reason}`)}
                  </span>
                ))}
              </span>
              <span className="approvals-meta">{index.assigneeName(r.assigneeKind, r.assigneeId)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="approvals-oversight">
        <LatenessPanel rows={rows} activity={activity} now={now} index={index} />
        <WorkloadPanel rows={rows} activity={activity} now={now} />
      </section>
    </div>
  )
}
