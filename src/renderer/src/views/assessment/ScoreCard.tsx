import { useTranslation } from 'react-i18next'
import type { AssessmentLine, AssessmentRow, PeriodSpec } from '@shared/contract'
import type { ScoreLine } from '@shared/domain'
import { drillHash } from '../../data/drill-link'
import { caseSetOf, lineDrill, points } from './assessment-shape'

const pct = (v: number) => `${(v * 100).toFixed(2)}%`

/**
 * A unit's score line by line: each indicator's rate against its standard, each deduction with
 * its cases; a line's cases open in the console as a drill (exactly the ids the core judged).
 */
export function ScoreCard({
  row,
  name,
  period,
  asOf,
}: {
  row: AssessmentRow
  name: string
  period: PeriodSpec
  /** A frozen report's card: its lines open the cases as that report judged them. */
  asOf?: AssessmentLine['asOf']
}) {
  const { t } = useTranslation('assessment')
  const hashOf = (line: ScoreLine) =>
    drillHash(lineDrill(period, { kind: row.kind, id: row.id }, line.step, caseSetOf(line), asOf))
  const casesOf = (line: ScoreLine): number => {
    const f = row.steps[line.step]
    if (!f) return 0
    if (line.type === 'event') return line.event === 'repeat_failure' ? f.repeatFailures : f.reworked
    // The drill's sets (caseSetOf): the unit's cases behind the rate's shortfall, or its reworked ones.
    return line.indicator === 'rework_rate' ? f.reworked : f.judged - f.onTime
  }
  return (
    <article className="assessment-card" data-testid="assessment-card" data-id={row.id}>
      <h2>{t('card.title', { name })}</h2>
      <p className="assessment-total">
        <span>{t('card.total')}</span>
        <strong data-testid="card-score">{points(row.score)}</strong>
        {row.previousScore !== null && (
          <span className="muted">
            {t('card.previous')} {points(row.previousScore)}
          </span>
        )}
      </p>
      <ol className="assessment-lines">
        {row.lines.map((line) => {
          const n = casesOf(line)
          const key = line.type === 'indicator' ? line.indicator : line.event
          return (
            <li key={key} data-testid="card-line" data-line={key} data-cases={n}>
              <div className="line-head">
                <span className="line-name">
                  {line.type === 'indicator' ? t(`indicators.${line.indicator}`) : t(`events.${line.event}`)}
                </span>
                <span className={`line-points ${line.type === 'event' && line.deduction > 0 ? 'down' : ''}`}>
                  {line.type === 'indicator'
                    ? t('card.earned', { points: points(line.earned) })
                    : t('card.deduct', { points: points(line.deduction) })}
                </span>
              </div>
              <div className="line-detail muted">
                {line.type === 'indicator' ? (
                  <>
                    {t('card.rate', { rate: line.rate === null ? '—' : pct(line.rate), n: line.judged })} ·{' '}
                    {t(line.indicator === 'rework_rate' ? 'card.thresholdLower' : 'card.threshold', {
                      rate: pct(line.threshold),
                      points: line.points,
                      per: line.perPoint,
                    })}
                  </>
                ) : (
                  t('card.event', { n: line.count, per: line.perEvent })
                )}
              </div>
              {n > 0 && (
                <button
                  type="button"
                  className="btn ghost"
                  data-testid="card-cases"
                  onClick={() => (window.location.hash = hashOf(line))}
                >
                  {t('card.cases')} ({n})
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </article>
  )
}
