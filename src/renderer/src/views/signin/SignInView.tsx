import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale, SessionOutcome, SessionView } from '@shared/contract'
import { call } from '../../api/client'
import './signin.css'

function failureText(t: (key: string, o?: Record<string, unknown>) => string, outcome: SessionOutcome): string | null {
  if (outcome.ok) return null
  return t(`failure.${outcome.reason}`, { seconds: outcome.retryAfterSeconds ?? 60 })
}

/**
 * The workstation's sign-in screen, shown on start and after every sign-out
 * (shift handover): nothing of the cache is on screen until someone signs in.
 * A workstation without a credential asks for its one-time enrolment code first.
 */
export function SignInView(props: { session: SessionView; locale: Locale; onLocale: (locale: Locale) => void }) {
  const { t } = useTranslation('signin')
  const { t: tc } = useTranslation()
  const { session } = props
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const enrolled = session.phase !== 'unenrolled'

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const outcome = enrolled
        ? await call('session.signIn', { username: username.trim(), password })
        : await call('session.enrol', { code: code.trim() })
      if (!outcome.ok) setError(failureText(t, outcome))
      else if (!enrolled) setCode('')
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      // A password never stays in the form after an attempt, whatever its outcome.
      setBusy(false)
      setPassword('')
    }
  }

  return (
    <div className="signin-screen" data-testid="signin-screen" data-phase={session.phase}>
      <div className="signin-card">
        <header className="signin-head">
          <span className="brand-mark" aria-hidden>
            网
          </span>
          <div>
            <h1>{tc('app.name')}</h1>
            <p className="signin-sub">{tc('app.subtitle')}</p>
          </div>
          <select
            className="signin-lang"
            data-testid="signin-language"
            value={props.locale}
            onChange={(e) => props.onLocale(e.target.value as Locale)}
            aria-label={tc('language.label')}
          >
            <option value="zh-CN">{tc('language.zh')}</option>
            <option value="en">{tc('language.en')}</option>
          </select>
        </header>

        <h2>{enrolled ? t('title') : t('notEnrolled')}</h2>
        <p className="signin-motto">{enrolled ? t('subtitle') : t('enrolHint')}</p>

        {session.endReason && session.endReason !== 'signed_out' && enrolled && (
          <p className="signin-note warn" data-testid="signin-ended" role="status">
            {t(`ended.${session.endReason}`)}
          </p>
        )}

        <form className="signin-form" onSubmit={(e) => void submit(e)}>
          {enrolled ? (
            <>
              <label>
                <span>{t('username')}</span>
                <input
                  data-testid="signin-username"
                  autoComplete="username"
                  autoFocus
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  required
                />
              </label>
              <label>
                <span>{t('password')}</span>
                <input
                  data-testid="signin-password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  required
                />
              </label>
            </>
          ) : (
            <label>
              <span>{t('enrolCode')}</span>
              <input
                data-testid="signin-enrol-code"
                autoFocus
                spellCheck={false}
                value={code}
                onChange={(e) => setCode(e.target.value.toUpperCase())}
                placeholder="XXXX-XXXX-XXXX"
                required
              />
            </label>
          )}
          {error && (
            <p className="signin-note danger" data-testid="signin-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="signin-submit" data-testid="signin-submit" disabled={busy}>
            {enrolled ? (busy ? t('submitting') : t('submit')) : busy ? t('enrolling') : t('enrol')}
          </button>
        </form>

        {session.queued > 0 && (
          <p className="signin-note" data-testid="signin-queued">
            {t('queued', { count: session.queued })}
          </p>
        )}
        {session.offlineUsers.length > 0 && (
          <p className="signin-note muted">{t('offlineUsers', { names: session.offlineUsers.join('、') })}</p>
        )}

        <dl className="signin-facts">
          <dt>{t('workstation')}</dt>
          <dd data-testid="signin-workstation">
            {session.workstationId ? `${session.workstationName ?? ''} · ${session.workstationId}` : '—'}
          </dd>
          <dt>{t('server')}</dt>
          <dd className="mono">{session.serverUrl ?? '—'}</dd>
        </dl>
      </div>
    </div>
  )
}
