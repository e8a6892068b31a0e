import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '@shared/contract'
import { clockTime } from '../lib/format'

/** Whether the frame must show the offline banner: the link to the server (or to the core) is down. */
export function linkDown(status: SyncStatus | undefined, hostLink: boolean): boolean {
  if (!hostLink) return true
  if (!status) return false
  // "Connecting" after a loss is still down: the retries run until the link is back.
  return status.connection === 'offline' || (status.connection === 'connecting' && status.offlineSince !== null)
}

/**
 * The unmissable offline state, on every screen of the frame: since when the link is down and how
 * many actions wait in this workstation's queue (the status bar keeps the small live figures).
 */
export function OfflineBanner({ status, hostLink }: { status: SyncStatus | undefined; hostLink: boolean }) {
  const { t } = useTranslation()
  if (!linkDown(status, hostLink)) return null
  const since = status?.offlineSince ?? null
  const queued = status?.pendingCommands ?? 0
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner" data-queued={queued}>
      <span className="offline-icon" aria-hidden>
        ⚠
      </span>
      <strong className="offline-title">
        {!hostLink
          ? t('offline.hostLost')
          : since !== null
            ? t('offline.banner', { time: clockTime(since) })
            : t('offline.bannerNoTime')}
      </strong>
      {hostLink && (
        <span className="offline-queued" data-testid="offline-queued">
          {queued > 0 ? t('offline.queued', { count: queued }) : t('offline.queuedNone')}
        </span>
      )}
      {hostLink && status?.connection === 'connecting' && (
        <span className="offline-retry">{t('offline.reconnecting')}</span>
      )}
    </div>
  )
}
