import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PERIOD_KINDS } from '@shared/domain'
import { districtParts } from '@shared/time/district-time'
import type { PeriodChoice } from './assessment-shape'

/** Month, quarter, year or a custom range of days. */
export function PeriodPicker({ choice, onChange }: { choice: PeriodChoice; onChange: (c: PeriodChoice) => void }) {
  const { t } = useTranslation('assessment')
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...choice, ...patch })
  const [thisYear] = useState(() => districtParts(Date.now()).year)
  const year = Number(choice.year) || thisYear
  return (
    <div className="assessment-period" role="group" aria-label={t('period')}>
      <div className="assessment-kinds">
        {PERIOD_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={choice.kind === k ? 'active' : ''}
            aria-pressed={choice.kind === k}
            data-testid={`period-${k}-kind`}
            onClick={() => set({ kind: k })}
          >
            {t(`kinds.${k}`)}
          </button>
        ))}
      </div>
      {choice.kind === 'month' && (
        <input
          type="month"
          data-testid="period-month"
          value={choice.month}
          onChange={(e) => set({ month: e.target.value })}
          aria-label={t('kinds.month')}
        />
      )}
      {choice.kind === 'quarter' && (
        <select
          data-testid="period-quarter"
          value={choice.quarter}
          onChange={(e) => set({ quarter: e.target.value })}
          aria-label={t('kinds.quarter')}
        >
          {[year - 1, year].flatMap((y) =>
            [1, 2, 3, 4].map((q) => (
              <option key={`${y}-Q${q}`} value={`${y}-Q${q}`}>
                {`${y}-Q${q}`}
              </option>
            )),
          )}
        </select>
      )}
      {choice.kind === 'year' && (
        <input
          type="number"
          min={2000}
          max={2100}
          data-testid="period-year"
          value={choice.year}
          onChange={(e) => set({ year: e.target.value })}
          aria-label={t('kinds.year')}
        />
      )}
      {choice.kind === 'custom' && (
        <>
          <label>
            {t('from')}
            <input
              type="date"
              data-testid="period-first"
              value={choice.first}
              onChange={(e) => set({ first: e.target.value })}
            />
          </label>
          <label>
            {t('to')}
            <input
              type="date"
              data-testid="period-last"
              value={choice.last}
              onChange={(e) => set({ last: e.target.value })}
            />
          </label>
        </>
      )}
    </div>
  )
}
