import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BUILTIN_VIEW_IDS, type BuiltinViewId, type SavedView } from '@shared/contract'
import type { ActiveView } from './saved-views'

/** Built-in views with their counts, the operator's saved views, and saving the current one. */
export function ViewBar(props: {
  active: ActiveView
  counts: Record<BuiltinViewId, number> | null
  saved: readonly SavedView[]
  onPick: (view: ActiveView) => void
  onSave: (name: string) => void
  onDelete: (id: string) => void
}) {
  const { t } = useTranslation('ops')
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const isActive = (v: ActiveView) =>
    v.kind === props.active.kind &&
    (v.kind === 'builtin'
      ? props.active.kind === 'builtin' && props.active.id === v.id
      : props.active.kind === 'saved' && props.active.view.id === v.view.id)
  const commit = () => {
    if (name.trim()) props.onSave(name)
    setNaming(false)
    setName('')
  }
  return (
    <div className="view-bar" role="tablist" aria-label={t('console.myViews')}>
      {BUILTIN_VIEW_IDS.map((id) => {
        const v: ActiveView = { kind: 'builtin', id }
        return (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={isActive(v)}
            className={`view-tab view-${id} ${isActive(v) ? 'active' : ''}`}
            data-testid={`view-tab-${id}`}
            onClick={() => props.onPick(v)}
          >
            {t(`console.views.${id}`)}
            {props.counts && <span className="tab-count">{props.counts[id].toLocaleString()}</span>}
          </button>
        )
      })}
      {props.saved.length > 0 && <span className="view-sep" aria-hidden />}
      {props.saved.map((view) => {
        const v: ActiveView = { kind: 'saved', view }
        return (
          <span key={view.id} className={`view-tab saved ${isActive(v) ? 'active' : ''}`}>
            <button
              type="button"
              role="tab"
              aria-selected={isActive(v)}
              data-testid="saved-view"
              onClick={() => props.onPick(v)}
            >
              ★ {view.name}
            </button>
            {isActive(v) && (
              <button
                type="button"
                className="icon-btn small"
                aria-label={t('console.deleteView')}
                title={t('console.deleteView')}
                onClick={() => props.onDelete(view.id)}
              >
                ×
              </button>
            )}
          </span>
        )
      })}
      {naming ? (
        <span className="save-view">
          <input
            autoFocus
            data-testid="view-name"
            placeholder={t('console.viewName')}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit()
              if (e.key === 'Escape') setNaming(false)
            }}
          />
          <button type="button" className="btn primary small" onClick={commit}>
            {t('console.save')}
          </button>
        </span>
      ) : (
        <button type="button" className="btn ghost small" data-testid="save-view" onClick={() => setNaming(true)}>
          ＋ {t('console.saveView')}
        </button>
      )}
    </div>
  )
}
