import { useTranslation } from 'react-i18next'
import { ACTION_KEYS, type ConsoleAction } from './shortcuts'

/** The actions the state machine allows now, each with its key shown (Shift-free single letters). */
export function ActionBar(props: {
  actions: readonly ConsoleAction[]
  active: ConsoleAction | null
  onPick: (a: ConsoleAction) => void
}) {
  const { t } = useTranslation('ops')
  if (props.actions.length === 0) return <p className="muted">{t('detail.noActions')}</p>
  return (
    <div className="action-bar" role="toolbar" aria-label={t('detail.actions')}>
      {props.actions.map((a) => (
        <button
          key={a}
          type="button"
          className={`action-btn act-${a} ${props.active === a ? 'active' : ''}`}
          data-testid={`action-${a}`}
          aria-keyshortcuts={ACTION_KEYS[a]}
          onClick={() => props.onPick(a)}
        >
          <span>{t(`actions.${a}`)}</span>
          <kbd>{ACTION_KEYS[a]}</kbd>
        </button>
      ))}
    </div>
  )
}
