import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView, SupervisorActivity } from '@shared/contract'
import type { ReferenceIndex } from '../../data/reference-index'
import { PHASES, whoIsLate, type PhaseMs } from './late-split'
import { operatorWorkload } from './operator-workload'

const hours = (ms: number) => (ms / 3_600_000).toFixed(1)

/** One unit's late time as a bar: a segment per phase, as wide as its share. */
function PhaseBar({ ms }: { ms: PhaseMs }) {
  const { t } = useTranslation('ops')
  const total = PHASES.reduce((s, p) => s + ms[p], 0)
  return (
    <div className="phase-bar" aria-hidden="true">
      {total > 0 &&
        PHASES.filter((p) => ms[p] > 0).map((p) => (
          <span
            key={p}
            className={`phase-seg phase-${p}`}
            style={{ width: `${(100 * ms[p]) / total}%` }}
            title={`${t(`approvals.oversight.phase.${p}`)} ${t('approvals.oversight.hours', { n: hours(ms[p]) })}`}
          />
        ))}
    </div>
  )
}

/** "Who is late": each unit's late and at-risk cases, and where their time went. */
export function LatenessPanel({
  rows,
  activity,
  now,
  index,
}: {
  rows: readonly IncidentView[]
  activity: SupervisorActivity | undefined
  now: number
  index: ReferenceIndex
}) {
  const { t } = useTranslation('ops')
  const units = useMemo(() => whoIsLate(rows, activity?.timelines ?? {}, now), [rows, activity, now])
  return (
    <div className="oversight-block" data-testid="who-is-late">
      <h2>{t('approvals.oversight.lateTitle')}</h2>
      <div className="phase-legend">
        {PHASES.map((p) => (
          <span key={p}>
            <i className={`phase-dot phase-${p}`} />
            {t(`approvals.oversight.phase.${p}`)}
          </span>
        ))}
      </div>
      {units.length === 0 && <div className="approvals-hint">{t('approvals.oversight.noneLate')}</div>}
      <ul>
        {units.slice(0, 30).map((u) => {
          const key = u.unit ? `${u.unit.kind}:${u.unit.id}` : 'command-room'
          return (
            <li key={key} className="late-unit" data-testid={`late-${key}`}>
              <div className="late-head">
                <span className="late-name">
                  {u.unit ? index.assigneeName(u.unit.kind, u.unit.id) : t('approvals.oversight.commandRoom')}
                </span>
                <span className="late-counts">
                  {u.late > 0 && (
                    <span className="risk-tag risk-overdue">{t('approvals.oversight.late', { n: u.late })}</span>
                  )}
                  {u.atRisk > 0 && <span className="risk-tag">{t('approvals.oversight.atRisk', { n: u.atRisk })}</span>}
                </span>
              </div>
              <PhaseBar ms={u.ms} />
              <div className="late-phases">
                {PHASES.map((p) => (
                  <span key={p} data-testid={`late-${key}-${p}`} className={u.ms[p] > 0 ? '' : 'nil'}>
                    {t(`approvals.oversight.phase.${p}`)} {t('approvals.oversight.hours', { n: hours(u.ms[p]) })}
                  </span>
                ))}
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** The operators on shift: their last hour's work and how old their queue is. */
export function WorkloadPanel({
  rows,
  activity,
  now,
}: {
  rows: readonly IncidentView[]
  activity: SupervisorActivity | undefined
  now: number
}) {
  const { t } = useTranslation('ops')
  const loads = useMemo(
    () => (activity ? operatorWorkload(activity.recent, activity.people, activity.names, rows, now) : []),
    [activity, rows, now],
  )
  return (
    <div className="oversight-block" data-testid="operator-workload">
      <h2>{t('approvals.oversight.workloadTitle')}</h2>
      {activity?.people === null && <div className="approvals-hint">{t('approvals.oversight.shiftUnknown')}</div>}
      {loads.length === 0 ? (
        <div className="approvals-hint">{t('approvals.oversight.nobody')}</div>
      ) : (
        <table className="workload-table">
          <thead>
            <tr>
              <th>{t('approvals.oversight.person')}</th>
              <th>{t('approvals.oversight.accepted')}</th>
              <th>{t('approvals.oversight.dispatched')}</th>
              <th>{t('approvals.oversight.verified')}</th>
              <th>{t('approvals.oversight.queue')}</th>
            </tr>
          </thead>
          <tbody>
            {loads.map((l) => (
              <tr key={l.actorId} data-testid={`workload-${l.actorId}`} className={l.onShift === false ? 'off' : ''}>
                <td>
                  <span className="workload-name">{l.name}</span>
                  <span className="workload-role">
                    {t(`approvals.oversight.role.${l.role === 'supervisor' ? 'supervisor' : 'operator'}`)}
                    {l.onShift === false && ` · ${t('approvals.oversight.offShift')}`}
                  </span>
                </td>
                <td data-testid="workload-accepted">{l.accepted}</td>
                <td data-testid="workload-dispatched">{l.dispatched}</td>
                <td data-testid="workload-verified">{l.verified}</td>
                <td className={l.queueAgeMs !== null && l.queueAgeMs > 30 * 60_000 ? 'bad' : ''}>
                  {l.queueAgeMs === null
                    ? '—'
                    : t('approvals.oversight.queueAge', { n: l.queued, age: Math.floor(l.queueAgeMs / 60_000) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
