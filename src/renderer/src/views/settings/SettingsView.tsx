import { useTranslation } from 'react-i18next'
import { useRequest } from '../../api/hooks'
import { formatDateTime } from '../../lib/format'
import { ScreensSection } from './ScreensSection'
import { StoreSection } from './StoreSection'

/** This workstation's facts, its local store and time zone, and display roles. */
export function SettingsView() {
  const { t } = useTranslation()
  const { data: info } = useRequest('app.info', {})
  return (
    <>
      <section className="panel settings">
        <h2>{t('views.settings.about')}</h2>
        {info && (
          <dl className="facts" data-testid="app-info">
            <dt>{t('views.settings.workstation')}</dt>
            <dd>{info.workstationId}</dd>
            <dt>{t('views.settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('views.settings.dataDir')}</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>{t('views.settings.server')}</dt>
            <dd>{info.embeddedServer ? t('status.embedded') : t('status.remote', { url: info.serverUrl ?? '—' })}</dd>
            <dt>{t('views.settings.started')}</dt>
            <dd>{formatDateTime(info.startedAt)}</dd>
          </dl>
        )}
      </section>
      <StoreSection />
      <ScreensSection />
    </>
  )
}
