import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Route } from './routes'
import { GLOBAL_SHORTCUTS, SCREEN_SHORTCUTS, type ShortcutLine } from './shortcut-lists'

function Lines({ lines }: { lines: readonly ShortcutLine[] }) {
  const { t } = useTranslation()
  return (
    <dl className="shortcut-lines">
      {lines.map((l) => (
        <div key={l.keys + l.does} className="shortcut-line">
          <dt>
            <kbd>{l.keys}</kbd>
          </dt>
          <dd>{t(`shortcuts.do.${l.does}`)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Every key of the current screen and the global ones (opened with `?`, closed with Esc or `?`). */
export function ShortcutOverlay(props: { route: Route; routes: readonly Route[]; onClose: () => void }) {
  const { t } = useTranslation()
  const box = useRef<HTMLDivElement | null>(null)
  useEffect(() => box.current?.focus(), [])
  const own = SCREEN_SHORTCUTS[props.route] ?? []
  return (
    <div className="shortcut-backdrop" onMouseDown={props.onClose}>
      <div
        className="shortcut-overlay"
        role="dialog"
        aria-modal="true"
        aria-label={t('shortcuts.title')}
        data-testid="shortcut-overlay"
        tabIndex={-1}
        ref={box}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="panel-head">
          <h3>{t('shortcuts.title')}</h3>
          <button type="button" className="icon-btn" aria-label={t('shortcuts.close')} onClick={props.onClose}>
            ×
          </button>
        </header>
        <div className="shortcut-columns">
          <section>
            <h4>{t(`nav.${props.route}`)}</h4>
            {own.length > 0 ? <Lines lines={own} /> : <p className="muted">{t('shortcuts.none')}</p>}
          </section>
          <section>
            <h4>{t('shortcuts.global')}</h4>
            <Lines lines={GLOBAL_SHORTCUTS} />
            <ol className="shortcut-screens">
              {props.routes.slice(0, 6).map((r, i) => (
                <li key={r}>
                  <kbd>Ctrl+{i + 1}</kbd> {t(`nav.${r}`)}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  )
}
