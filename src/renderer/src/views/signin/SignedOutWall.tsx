import { useTranslation } from 'react-i18next'
import './signin.css'

/** The wall while nobody is signed in at its workstation: no figures, and a clear word why. */
export function SignedOutWall() {
  const { t } = useTranslation('signin')
  return (
    <div className="signin-wall" data-testid="wall-signed-out">
      <h1>{t('wallSignedOut')}</h1>
      <p>{t('wallSignedOutHint')}</p>
    </div>
  )
}
