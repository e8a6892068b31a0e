import type { TFunction } from 'i18next'
import type { AssessmentRow } from '@shared/contract'
import type { IndicatorId } from '@shared/domain'
import { change, points } from '../lib/assessment-format'

/**
 * The parts of an assessment league table the 考核 screen and its print view share: the header and
 * a unit's cells (rank, name, score, change, judged cases, each indicator's rate). Each view wraps
 * the cells in its own row (the screen's rows are picked; the print's are paper). `t` is the
 * `assessment` namespace in the document's language.
 */

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`)

/** The indicators a league shows, in the rule set's order (from its first unit's card). */
export function leagueIndicators(league: {
  readonly ranked: readonly AssessmentRow[]
  readonly insufficient: readonly AssessmentRow[]
}): IndicatorId[] {
  const first = league.ranked[0] ?? league.insufficient[0]
  return (first?.lines ?? []).flatMap((l) => (l.type === 'indicator' ? [l.indicator] : []))
}

export function AssessmentLeagueHead({ indicators, t }: { indicators: readonly IndicatorId[]; t: TFunction }) {
  return (
    <thead>
      <tr>
        <th>{t('rank')}</th>
        <th>{t('unit')}</th>
        <th>{t('score')}</th>
        <th>{t('change')}</th>
        <th>{t('volume')}</th>
        {indicators.map((i) => (
          <th key={i}>{t(`indicators.${i}`)}</th>
        ))}
      </tr>
    </thead>
  )
}

/** The number of columns of that header (a rule across the table spans them). */
export const leagueColumns = (indicators: readonly IndicatorId[]): number => 5 + indicators.length

export function AssessmentLeagueCells({
  row,
  name,
  indicators,
  t,
  tagClass,
}: {
  row: AssessmentRow
  name: string
  indicators: readonly IndicatorId[]
  t: TFunction
  /** The 末位 tag's class (the screen's and the paper's differ). */
  tagClass: string
}) {
  const rateOf = (indicator: IndicatorId): number | null => {
    for (const l of row.lines) if (l.type === 'indicator' && l.indicator === indicator) return l.rate
    return null
  }
  const c = row.change ?? 0
  return (
    <>
      <td className="num">{row.rank ?? '—'}</td>
      <td>
        <span data-testid="assessment-name">{name}</span>
        {row.bottom && <span className={tagClass}>{t('bottom')}</span>}
      </td>
      <td className="num strong" data-testid="assessment-score">
        {points(row.score)}
      </td>
      <td className={`num ${c < 0 ? 'down' : c > 0 ? 'up' : ''}`}>{change(row.change)}</td>
      <td className="num">{row.volume}</td>
      {indicators.map((i) => (
        <td key={i} className="num">
          {pct(rateOf(i))}
        </td>
      ))}
    </>
  )
}
