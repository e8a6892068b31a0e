import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale, SessionView, SyncStatus } from '@shared/contract'
import { SessionControl } from '../views/signin/SessionControl'
import type { Route } from './routes'
import { OfflineBanner } from './OfflineBanner'
import { ShortcutOverlay } from './ShortcutOverlay'
import { StatusBar } from './StatusBar'
import { useAppKeys } from './use-app-keys'

const ICONS: Record<Route, string> = {
  console: '☰',
  dispatch: '⇄',
  map: '◎',
  dashboard: '▦',
  assessment: '⚑',
  rulesets: '§',
  desk: '✎',
  verify: '✓',
  approvals: '⚖',
  wall: '▣',
  settings: '⚙',
}

/** The application frame: title bar, the offline banner (while the link is down), navigation rail, the view, the status bar. */
export function AppFrame(props: {
  route: Route
  /** The signed-in role's screens (see routesFor). */
  routes: readonly Route[]
  onNavigate: (route: Route) => void
  locale: Locale
  onLocale: (locale: Locale) => void
  status: SyncStatus | undefined
  hostLink: boolean
  session: SessionView
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [help, closeHelp] = useAppKeys(props.routes, props.onNavigate)
  return (
    <div className="app-frame">
      <header className="title-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            网
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <div className="title-actions">
          <SessionControl session={props.session} />
          <label className="lang-switch">
            <span>{t('language.label')}</span>
            <select
              data-testid="language-select"
              value={props.locale}
              onChange={(e) => props.onLocale(e.target.value as Locale)}
              aria-label={t('language.label')}
            >
              <option value="zh-CN">{t('language.zh')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          </label>
        </div>
      </header>
      <OfflineBanner status={props.status} hostLink={props.hostLink} />
      <nav className="nav-rail" aria-label="views">
        {props.routes.map((route) => (
          <button
            key={route}
            type="button"
            className={`nav-item ${route === props.route ? 'active' : ''}`}
            aria-current={route === props.route ? 'page' : undefined}
            data-testid={`nav-${route}`}
            onClick={() => props.onNavigate(route)}
          >
            <span className="nav-icon" aria-hidden>
              {ICONS[route]}
            </span>
            <span className="nav-label">{t(`nav.${route}`)}</span>
          </button>
        ))}
      </nav>
      <main className="view" data-testid={`view-${props.route}`}>
        {props.children}
      </main>
      <StatusBar status={props.status} hostLink={props.hostLink} />
      {help && <ShortcutOverlay route={props.route} routes={props.routes} onClose={closeHelp} />}
    </div>
  )
}
