import { useEffect, useState } from 'react'
import type { Locale } from '@shared/contract'
import { call } from '../api/client'
import { useHostLink, useSyncStatus } from '../api/hooks'
import { applyLocale, DEFAULT_LOCALE } from '../i18n'
import { ConsoleView } from '../views/console/ConsoleView'
import { DashboardView } from '../views/dashboard/DashboardView'
import { DispatchView } from '../views/dispatch/DispatchView'
import { MapView } from '../views/map/MapView'
import { SettingsView } from '../views/settings/SettingsView'
import { WallView } from '../views/wall/WallView'
import { AppFrame } from './AppFrame'
import { useRoute, type Route } from './routes'

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

  // The wall runs full screen with no frame: nothing to click, readable from across the room.
  if (route === 'wall') return <WallView />
  return (
    <AppFrame
      route={route}
      onNavigate={navigate}
      locale={locale}
      onLocale={changeLocale}
      status={status}
      hostLink={hostLink}
    >
      <ViewFor route={route} />
    </AppFrame>
  )
}
