import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { call, RequestError } from '../../api/client'
import { UnitSelect } from '../../components/UnitSelect'
import { parseUnitValue, redispatchUnits, unitValue } from '../../data/unit-options'
import { useReference } from '../../data/use-reference'
import { formatDateTime } from '../../lib/format'

/**
 * Approve or refuse the case's pending request, with a reason. A send-back is
 * re-dispatched in the same step: the unit the department suggested is
 * preselected, and the supervisor may pick another.
 */
export function DecisionForm({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation('ops')
  const { reference, index } = useReference()
  const request = incident.pendingRequest
  const [reason, setReason] = useState('')
  const [unit, setUnit] = useState(request?.suggested ? unitValue(request.suggested) : '')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!request) return null
  const sendBack = request.kind === 'send_back'

  const decide = async (approve: boolean) => {
    if (!reason.trim()) return setProblem(t('approvals.needReason'))
    const assignee = parseUnitValue(unit)
    if (approve && sendBack && !assignee) return setProblem(t('approvals.needUnit'))
    setBusy(true)
    try {
      await call('commands.submit', {
        type: 'decide_request',
        incidentId: incident.id,
        expectedVersion: incident.version,
        payload: {
          approve,
          reason: reason.trim(),
          ...(approve && sendBack && assignee ? { assignee } : {}),
        },
      })
    } catch (err) {
      setProblem(t('form.failed', { message: err instanceof RequestError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="decision-form desk-fields" data-testid="decision-form">
      <h2>
        {t(`approvals.kind.${request.kind}`)} · <span className="approvals-code">{incident.code}</span>
      </h2>
      <div className="approvals-title">{incident.title}</div>
      <dl>
        <dt>{t('approvals.from')}</dt>
        <dd>{index.assigneeName(incident.assigneeKind, incident.assigneeId)}</dd>
        <dt>{t('approvals.asked')}</dt>
        <dd data-testid="decision-request-reason">{request.reason}</dd>
        {request.kind === 'extension' && (
          <>
            <dt>{t('approvals.deadline')}</dt>
            <dd data-testid="decision-deadline">
              {incident.deadline ? formatDateTime(incident.deadline) : '—'} →{' '}
              {request.proposedDeadline ? formatDateTime(request.proposedDeadline) : '—'}
            </dd>
          </>
        )}
      </dl>
      {sendBack && (
        <label>
          <span>{t('approvals.redispatch')}</span>
          <UnitSelect
            testId="decision-unit"
            groups={redispatchUnits(reference, index, incident)}
            value={unit}
            onChange={setUnit}
            none={t('approvals.pickUnit')}
          />
        </label>
      )}
      <label>
        <span>{t('approvals.reasonLabel')}</span>
        <textarea data-testid="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {problem && (
        <div className="approvals-problem" role="alert" data-testid="decision-problem">
          {problem}
        </div>
      )}
      {incident.pending.length > 0 && <div className="approvals-hint">{t('approvals.queued')}</div>}
      <div className="decision-buttons verdict-buttons">
        <button
          type="button"
          className="approve positive"
          disabled={busy}
          data-testid="decision-approve"
          onClick={() => void decide(true)}
        >
          {sendBack ? t('approvals.approveRedispatch') : t('approvals.approve')}
        </button>
        <button
          type="button"
          className="refuse negative"
          disabled={busy}
          data-testid="decision-refuse"
          onClick={() => void decide(false)}
        >
          {t('approvals.refuse')}
        </button>
      </div>
    </div>
  )
}
