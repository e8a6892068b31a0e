import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionView } from '@shared/contract'
import { call } from '../../api/client'
import './signin.css'

/**
 * Who is on duty, in the title bar, and the shift handover: sign out (with a
 * confirmation), after which every window shows the sign-in screen.
 */
export function SessionControl({ session }: { session: SessionView }) {
  const { t } = useTranslation('signin')
  const { t: tc } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const who = session.principal
  if (session.phase !== 'signed_in' || !who) return null
  const signOut = () => {
    setBusy(true)
    call('session.signOut', {})
      .catch(() => undefined)
      .finally(() => {
        setBusy(false)
        setConfirming(false)
      })
  }
  return (
    <div className="session-control" data-testid="session-control">
      {session.offline && (
        <span className="offline-badge" title={t('offlineBadgeHint')} data-testid="session-offline">
          {t('offlineBadge')}
        </span>
      )}
      <span className="session-who" data-testid="session-who">
        {who.name}
        <span className="session-role">{tc(`roles.${who.role}`)}</span>
      </span>
      {confirming ? (
        <span className="signout-confirm" role="dialog" aria-label={t('signOutConfirm')}>
          <span>{t('signOutConfirm')}</span>
          <button type="button" className="danger" data-testid="signout-confirm" disabled={busy} onClick={signOut}>
            {t('confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </span>
      ) : (
        <button type="button" data-testid="signout" onClick={() => setConfirming(true)}>
          {t('signOut')}
        </button>
      )}
    </div>
  )
}
