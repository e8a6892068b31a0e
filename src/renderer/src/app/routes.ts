import { useEffect, useState } from 'react'

export const ROUTES = ['console', 'dispatch', 'map', 'dashboard', 'wall', 'settings'] as const
export type Route = (typeof ROUTES)[number]

/**
 * Hash routes (#/console …) work the same from file:// under Electron and over
 * HTTP; the browser host also serves the wall at /wall for wall PCs.
 */
export function parseRoute(hash: string, pathname: string): Route {
  const fromHash = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  if ((ROUTES as readonly string[]).includes(fromHash)) return fromHash as Route
  if (pathname.replace(/\/+$/, '') === '/wall') return 'wall'
  return 'console'
}

export function useRoute(): [Route, (next: Route) => void] {
  const read = () => parseRoute(window.location.hash, window.location.pathname)
  const [route, setRoute] = useState<Route>(read)
  useEffect(() => {
    const onHash = () => setRoute(read())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return [route, (next) => (window.location.hash = `/${next}`)]
}
