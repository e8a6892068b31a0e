import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { searchable, searchTargets, targetKey, type Target } from '../lib/target-search'
import './target-picker.css'

/** How many matches the list shows under the input. */
const SHOWN = 7

/**
 * Picks a department or team by typing: the name, its pinyin initials (`xf` → 消防救援) or its
 * spelling. The recommended unit is chosen until the operator types; the first match is then
 * chosen, arrows move through the matches. Enter and Escape are left to the surrounding form
 * (submit, cancel), except that Escape first clears typed text.
 */
export function TargetPicker(props: {
  targets: readonly Target[]
  recommended: Target | null
  value: Target | null
  onChange: (target: Target | null) => void
  autoFocus?: boolean
  testId?: string
}) {
  const { t } = useTranslation('ops')
  const listId = useId()
  const [query, setQuery] = useState('')
  const list = useMemo(() => searchable(props.targets), [props.targets])
  const matches = useMemo(() => searchTargets(query, list), [query, list])
  const shown = matches.slice(0, SHOWN)
  const chosenKey = props.value ? targetKey(props.value) : null
  const recommendedKey = props.recommended ? targetKey(props.recommended) : null

  const type = (text: string) => {
    setQuery(text)
    const first = searchTargets(text, list)[0] ?? null
    props.onChange(text.trim() ? first : (props.recommended ?? first))
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (shown.length === 0) return
      const at = shown.findIndex((m) => targetKey(m) === chosenKey)
      const next = e.key === 'ArrowDown' ? Math.min(shown.length - 1, at + 1) : Math.max(0, at - 1)
      props.onChange(shown[next] ?? null)
    } else if (e.key === 'Escape' && query) {
      e.preventDefault()
      e.stopPropagation()
      type('')
    }
  }

  return (
    <div className="target-picker" data-testid={props.testId ?? 'target-picker'} data-value={chosenKey ?? ''}>
      <div className="target-chosen" data-testid="target-chosen">
        {props.value ? (
          <>
            <span className="target-name">{props.value.name}</span>
            {chosenKey === recommendedKey && <span className="target-badge">{t('targets.recommended')}</span>}
          </>
        ) : (
          <span className="muted">{t('targets.none')}</span>
        )}
      </div>
      <input
        className="target-input"
        data-testid="target-input"
        role="combobox"
        aria-expanded={query.trim() !== ''}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-label={t('targets.search')}
        placeholder={t('targets.search')}
        autoFocus={props.autoFocus}
        value={query}
        onChange={(e) => type(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && (
        <ul className="target-list" id={listId} role="listbox">
          {shown.length === 0 && <li className="muted">{t('targets.noMatch')}</li>}
          {shown.map((m) => {
            const key = targetKey(m)
            return (
              <li
                key={key}
                role="option"
                aria-selected={key === chosenKey}
                data-testid="target-option"
                data-key={key}
                className={key === chosenKey ? 'chosen' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault()
                  props.onChange(m)
                }}
              >
                <span>{m.name}</span>
                <small className="muted">
                  {m.kind === 'team' ? t('targets.team') : t('targets.department')}
                  {m.note ? ` · ${m.note}` : ''}
                  {key === recommendedKey ? ` · ${t('targets.recommended')}` : ''}
                </small>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
