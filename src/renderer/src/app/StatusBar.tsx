import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '@shared/contract'
import { getBridge } from '../api/bridge'
import { useNow } from '../api/hooks'
import { ageParts, clockTime } from '../lib/format'

/** Every window's bottom line: link, pending work, age of the data, who is on duty, the district time. */
export function StatusBar({ status, hostLink }: { status: SyncStatus | undefined; hostLink: boolean }) {
  const { t } = useTranslation()
  const { t: tOps } = useTranslation('ops')
  const now = useNow(1000)
  const kind = getBridge().kind
  if (!status)
    return (
      <footer className="status-bar" data-testid="status-bar">
        {t('common.loading')}
      </footer>
    )
  // "Offline since T" lasts through the retries (connecting) until the link is back.
  const connection =
    status.connection === 'offline'
      ? status.offlineSince
        ? t('status.offlineSince', { time: clockTime(status.offlineSince) })
        : t('status.offline')
      : status.connection === 'connecting' && status.offlineSince
        ? t('status.connectingSince', { time: clockTime(status.offlineSince) })
        : status.connection === 'catching_up' && status.catchUp
          ? t('status.catching_up', { done: status.catchUp.done, total: status.catchUp.total })
          : t(`status.${status.connection}`)
  const age = status.newestEventAt ? ageParts(status.newestEventAt, now) : null
  return (
    <footer className="status-bar" data-testid="status-bar">
      {!hostLink && (
        <span className="status-item danger" role="alert">
          {t('status.hostLost')}
        </span>
      )}
      <span
        className={`status-item conn conn-${status.connection}`}
        data-testid="status-connection"
        data-state={status.connection}
        data-offline-since={status.offlineSince ?? undefined}
      >
        <span className="dot" aria-hidden />
        {connection}
      </span>
      <span className={`status-item ${status.pendingCommands > 0 ? 'warn' : ''}`} data-testid="status-pending">
        {t('status.pending', { count: status.pendingCommands })}
      </span>
      <span className={`status-item ${status.conflicts > 0 ? 'danger' : ''}`} data-testid="status-conflicts">
        {t('status.conflicts', { count: status.conflicts })}
      </span>
      {status.restoredQueue && (
        <span
          className="status-item warn"
          data-testid="status-restored"
          title={status.restoredQueue.actions
            .map((a) =>
              t('status.restoredItem', { action: tOps(`actions.${a.type}`), code: a.incidentCode ?? a.incidentId }),
            )
            .join('\n')}
        >
          {t('status.restored', { count: status.restoredQueue.count })}
        </span>
      )}
      {status.quarantined > 0 && (
        <span className="status-item danger">{t('status.quarantined', { count: status.quarantined })}</span>
      )}
      <span className="status-item" data-testid="status-age">
        {age ? t('status.dataAge', { age: t(`age.${age.key}`, { n: age.n }) }) : t('status.noData')}
      </span>
      <span className="status-item grow" aria-hidden />
      {/* The store's technical details (file, migration, journal) are in Settings; only a damage shows here. */}
      {status.database.recoveredFrom && (
        <span className="status-item danger">{t('status.recovered', { file: status.database.recoveredFrom })}</span>
      )}
      <span className="status-item" data-testid="status-operator">
        {status.operator
          ? t('status.operator', { name: status.operator.name, role: t(`roles.${status.operator.role}`) })
          : t('status.noOperator')}
      </span>
      <span className="status-item muted">{t(`status.host.${kind}`)}</span>
      <span className="status-item clock" data-testid="status-clock">
        {clockTime(now, true)}
      </span>
    </footer>
  )
}
