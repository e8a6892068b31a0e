import { useTranslation } from 'react-i18next'
import { useNow } from '../api/hooks'
import { ageParts, clockTime } from '../lib/format'
import type { Freshness } from '../data/situation-shape'
import './DataAge.css'

/**
 * The age of a tile's data: "live · 3 s ago" while the link is up, otherwise
 * "data as of HH:MM" — old figures are never presented as live.
 */
export function DataAge({ freshness }: { freshness: Freshness }) {
  const { t } = useTranslation('situation')
  const { t: tc } = useTranslation()
  const now = useNow(1000)
  if (freshness.asOf === null) return <span className="data-age muted">{t('age.noData')}</span>
  if (!freshness.live) {
    return (
      <span className="data-age stale" data-testid="data-age" data-live="false">
        {t('age.asOf', { time: clockTime(freshness.asOf) })}
      </span>
    )
  }
  const age = ageParts(freshness.asOf, now)
  return (
    <span className="data-age live" data-testid="data-age" data-live="true">
      {t('age.live', { age: tc(`age.${age.key}`, { n: age.n }) })}
    </span>
  )
}
