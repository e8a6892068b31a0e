import { useEffect, useState } from 'react'
import type { SessionView } from '@shared/contract'
import { call, subscribe } from './client'

/**
 * Who is signed in at this workstation, kept current by the core's `session`
 * push (sign-in, sign-out, a session ended by the server, enrolment). Undefined
 * until the first answer.
 */
export function useSession(): SessionView | undefined {
  const [session, setSession] = useState<SessionView>()
  useEffect(() => {
    let live = true
    const off = subscribe('session', (s) => setSession(s))
    const load = () =>
      call('session.get', {})
        .then((s) => live && setSession(s))
        .catch(() => live && setTimeout(load, 1000)) // the host may not be reachable yet
    load()
    return () => {
      live = false
      off()
    }
  }, [])
  return session
}
