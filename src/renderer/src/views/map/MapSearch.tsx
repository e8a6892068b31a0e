import { forwardRef, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SearchHit } from '@shared/contract'
import { call } from '../../api/client'

/**
 * The map's search box (Ctrl+F): a grid, village or community by name, a
 * component by its QR id, a case by its code, an address. Arrow keys move
 * through the hits, Enter flies to one.
 */
export const MapSearch = forwardRef<HTMLInputElement, { onPick: (hit: SearchHit) => void; onEscape: () => void }>(
  function MapSearch({ onPick, onEscape }, ref) {
    const { t } = useTranslation('situation')
    const [q, setQ] = useState('')
    const [hits, setHits] = useState<SearchHit[] | null>(null)
    const [active, setActive] = useState(0)
    useEffect(() => {
      const query = q.trim()
      if (!query) {
        setHits(null)
        return
      }
      let live = true
      // A keystroke's worth of pause before asking (typing a QR id is not 18 searches).
      const timer = setTimeout(() => {
        call('map.search', { q: query, limit: 12 })
          .then((r) => {
            if (!live) return
            setHits(r)
            setActive(0)
          })
          .catch(() => live && setHits([]))
      }, 120)
      return () => {
        live = false
        clearTimeout(timer)
      }
    }, [q])
    const pick = (hit: SearchHit | undefined) => {
      if (!hit) return
      onPick(hit)
      setHits(null)
    }
    return (
      <div className="map-search" role="search">
        <input
          ref={ref}
          type="search"
          value={q}
          placeholder={t('map.search.placeholder')}
          aria-label={t('map.search.placeholder')}
          data-testid="map-search"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              setActive((a) => Math.min((hits?.length ?? 1) - 1, a + 1))
            } else if (e.key === 'ArrowUp') {
              e.preventDefault()
              setActive((a) => Math.max(0, a - 1))
            } else if (e.key === 'Enter') {
              e.preventDefault()
              pick(hits?.[active])
            } else if (e.key === 'Escape') {
              setHits(null)
              onEscape()
            }
          }}
        />
        {hits && (
          <ul className="map-search-hits" role="listbox" data-testid="map-search-hits">
            {hits.length === 0 && <li className="muted">{t('map.search.none')}</li>}
            {hits.map((h, i) => (
              <li
                key={`${h.kind}:${h.id}:${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'on' : ''}
                data-testid="map-search-hit"
                data-kind={h.kind}
                data-id={h.id}
                onMouseDown={(e) => {
                  e.preventDefault()
                  pick(h)
                }}
              >
                <span className="kind">{t(`map.search.kinds.${h.kind}`)}</span>
                <span className="label">{h.label}</span>
                <span className="muted">{h.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    )
  },
)
