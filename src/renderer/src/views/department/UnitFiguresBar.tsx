import { useTranslation } from 'react-i18next'
import { formatRate } from '../../lib/format'
import type { UnitFigures } from './unit-figures'

/** My unit's figures for this month, as tiles. */
export function UnitFiguresBar({ figures }: { figures: UnitFigures }) {
  const { t } = useTranslation('ops')
  const tiles = [
    ['onTime', formatRate(figures.onTimeRate), t('desk.figures.onTimeOf', { due: figures.due })],
    ['rework', formatRate(figures.reworkRate), ''],
    ['open', String(figures.openLoad), ''],
    ['overdue', String(figures.overdue), ''],
  ] as const
  return (
    <div className="desk-figures" aria-label={t('desk.figures.title')}>
      <span className="desk-period">{t('desk.figures.title')}</span>
      {tiles.map(([id, value, detail]) => (
        <div key={id} className={`desk-figure ${id === 'overdue' && figures.overdue > 0 ? 'is-bad' : ''}`}>
          <span className="desk-figure-label">{t(`desk.figures.${id}`)}</span>
          <span className="desk-figure-value" data-testid={`desk-figure-${id}`}>
            {value}
          </span>
          {detail && <span className="desk-figure-detail">{detail}</span>}
        </div>
      ))}
    </div>
  )
}
