import { useEffect, useState } from 'react'
import type { Role } from '@shared/domain'

export const ROUTES = [
  'console',
  'dispatch',
  'map',
  'dashboard',
  'assessment',
  'rulesets',
  'desk',
  'verify',
  'approvals',
  'wall',
  'settings',
] as const
export type Route = (typeof ROUTES)[number]

/**
 * The screens each role's desk has, its home first: the command room's views for
 * operators (and the supervisor, who also has the approvals desk), the
 * department desk for departments and joint teams, verification for grid-centre
 * staff. The server's read scope, not this list, is what keeps data apart.
 */
export function routesFor(role: Role | null): readonly Route[] {
  switch (role) {
    case 'department':
      return ['desk', 'settings']
    case 'field':
      return ['verify', 'map', 'settings']
    case 'supervisor':
      return ['approvals', 'console', 'dispatch', 'map', 'dashboard', 'assessment', 'rulesets', 'wall', 'settings']
    default:
      return ['console', 'dispatch', 'map', 'dashboard', 'assessment', 'wall', 'settings']
  }
}

/**
 * Screens a role may open without a place in its navigation: an operator reads the rule sets
 * (评分细则) from the assessment screen's link, read-only; only a supervisor has them in the nav.
 */
export function extraRoutesFor(role: Role | null): readonly Route[] {
  return role === 'operator' ? ['rulesets'] : []
}

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
