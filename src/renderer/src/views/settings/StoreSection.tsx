import { useTranslation } from 'react-i18next'
import { DISTRICT_TIME_ZONE, DISTRICT_TZ_OFFSET_MINUTES } from '@shared/time/district-time'
import { useSyncStatus } from '../../api/hooks'
import { formatBytes } from '../../lib/format'

/** "+08:00" for minutes east of UTC. */
function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The local store's technical facts (file, migration, journal), moved here from the status bar, and the district's zone. */
export function StoreSection() {
  const { t } = useTranslation()
  const status = useSyncStatus()
  const db = status?.database
  return (
    <section className="panel settings">
      <h2>{t('store.title')}</h2>
      <dl className="facts" data-testid="settings-store">
        {db && (
          <>
            <dt>{t('store.file')}</dt>
            <dd className="mono" data-testid="store-file">
              {db.file}
            </dd>
            <dt>{t('store.incidents')}</dt>
            <dd>{db.incidents.toLocaleString('en-US')}</dd>
            <dt>{t('store.size')}</dt>
            <dd>{formatBytes(db.sizeBytes)}</dd>
            <dt>{t('store.schema')}</dt>
            <dd data-testid="store-schema">v{db.schemaVersion}</dd>
            <dt>{t('store.journal')}</dt>
            <dd data-testid="store-journal">{db.journalMode.toUpperCase()}</dd>
            {db.recoveredFrom && (
              <>
                <dt>{t('store.recovered')}</dt>
                <dd className="mono danger">{db.recoveredFrom}</dd>
              </>
            )}
          </>
        )}
        <dt>{t('store.timeZone')}</dt>
        <dd data-testid="store-time-zone">
          {t('store.timeZoneValue', { zone: DISTRICT_TIME_ZONE, offset: offsetLabel(DISTRICT_TZ_OFFSET_MINUTES) })}
        </dd>
      </dl>
    </section>
  )
}
