import { useEffect, useState } from 'react'
import type { Locale } from '@shared/contract'
import { call } from '../api/client'
import { useTranslation } from 'react-i18next'
import { useHostDenied, useHostLink, useSyncStatus } from '../api/hooks'
import { useSession } from '../api/session'
import { EmptyState } from '../components/EmptyState'
import { applyLocale, DEFAULT_LOCALE } from '../i18n'
import { ApprovalsView } from '../views/approvals/ApprovalsView'
import { AssessmentView } from '../views/assessment/AssessmentView'
import { AssessmentPrint } from '../views/assessment/AssessmentPrint'
import { RuleSetsView } from '../views/rulesets/RuleSetsView'
import { ConsoleView } from '../views/console/ConsoleView'
import { DashboardView } from '../views/dashboard/DashboardView'
import { DepartmentDesk } from '../views/department/DepartmentDesk'
import { DispatchView } from '../views/dispatch/DispatchView'
import { MapView } from '../views/map/MapView'
import { SettingsView } from '../views/settings/SettingsView'
import { SignedOutWall } from '../views/signin/SignedOutWall'
import { SignInView } from '../views/signin/SignInView'
import { VerifyView } from '../views/verify/VerifyView'
import { WallView } from '../views/wall/WallView'
import { AppFrame } from './AppFrame'
import { extraRoutesFor, routesFor, useRoute, type Route } from './routes'

function ViewFor({ route }: { route: Route }) {
  switch (route) {
    case 'console':
      return <ConsoleView />
    case 'dispatch':
      return <DispatchView />
    case 'map':
      return <MapView />
    case 'dashboard':
      return <DashboardView />
    case 'assessment':
      return <AssessmentView />
    case 'rulesets':
      return <RuleSetsView />
    case 'desk':
      return <DepartmentDesk />
    case 'verify':
      return <VerifyView />
    case 'approvals':
      return <ApprovalsView />
    case 'wall':
      return <WallView />
    case 'settings':
      return <SettingsView />
  }
}

export function App() {
  const [route, navigate] = useRoute()
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE)
  const status = useSyncStatus()
  const hostLink = useHostLink()
  const session = useSession()
  const denied = useHostDenied()
  const { t } = useTranslation()

  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        setLocale(s.locale)
        applyLocale(s.locale)
      })
      .catch(() => applyLocale(DEFAULT_LOCALE))
  }, [])

  const changeLocale = (next: Locale) => {
    setLocale(next)
    applyLocale(next)
    void call('settings.set', { locale: next }).catch(() => undefined)
  }

  // The browser host refused this page's token: nothing else can work, so say what to do.
  if (denied)
    return (
      <main className="access-denied" data-testid="access-denied">
        <EmptyState title={t('access.title')} body={t('access.body')} />
      </main>
    )
  // Until someone signs in nothing of the cache is on screen: the sign-in screen (the wall says why it is dark).
  if (!session) return <div className="signin-screen" data-testid="session-loading" />
  if (session.phase === 'signed_out' || session.phase === 'unenrolled')
    return route === 'wall' ? (
      <SignedOutWall />
    ) : (
      <SignInView session={session} locale={locale} onLocale={changeLocale} />
    )
  // The wall runs full screen with no frame: nothing to click, readable from across the room.
  if (route === 'wall') return <WallView />
  // The screen set follows the signed-in role: another role's screen opens this role's home instead.
  const routes = routesFor(session.principal?.role ?? null)
  const reachable = [...routes, ...extraRoutesFor(session.principal?.role ?? null)]
  const shown = reachable.includes(route) ? route : (routes[0] ?? 'settings')
  // The assessment's printable report (#/assessment/print?…): paper, no frame.
  if (shown === 'assessment' && /^#\/?assessment\/print\?/.test(window.location.hash)) return <AssessmentPrint />
  return (
    <AppFrame
      route={shown}
      routes={routes}
      onNavigate={navigate}
      locale={locale}
      onLocale={changeLocale}
      status={status}
      hostLink={hostLink}
      session={session}
    >
      <ViewFor route={shown} />
    </AppFrame>
  )
}
