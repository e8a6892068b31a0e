import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AssessmentReport, AssessmentRow } from '@shared/contract'
import { UNIT_KINDS, type UnitKind } from '@shared/domain'
import type { FrozenReport } from '@shared/protocol'
import { call } from '../../api/client'
import { useSession } from '../../api/session'
import { useReference } from '../../data/use-reference'
import {
  AssessmentLeagueCells,
  AssessmentLeagueHead,
  leagueColumns,
  leagueIndicators,
} from '../../components/AssessmentLeague'
import { EmptyState } from '../../components/EmptyState'
import { formatDateTime } from '../../lib/format'
import { PeriodPicker } from './PeriodPicker'
import { ScoreCard } from './ScoreCard'
import { ExportButtons } from './ExportButtons'
import { FrozenReportsPanel } from './FrozenReportsPanel'
import { frozenLeague, shortHash } from './frozen-shape'
import { initialChoice, periodSpecOf, type PeriodChoice } from './assessment-shape'
import './assessment.css'

/**
 * 考核: a period's league of one unit kind under the active rule set, the bottom ranks marked,
 * thin units apart (样本不足), and a unit's card explaining its score line by line.
 */
export function AssessmentView() {
  const { t } = useTranslation('assessment')
  const { index } = useReference()
  const [choice, setChoice] = useState<PeriodChoice>(() => initialChoice(Date.now()))
  const [unitKind, setUnitKind] = useState<UnitKind>('department')
  const [report, setReport] = useState<AssessmentReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  // A closed report opened from the panel: its frozen numbers replace today's recomputation.
  const [frozen, setFrozen] = useState<FrozenReport | null>(null)
  const session = useSession()
  const spec = useMemo(() => periodSpecOf(choice), [choice])
  useEffect(() => setFrozen(null), [spec])

  useEffect(() => {
    if (!spec) return
    let live = true
    setReport(null)
    setError(null)
    call('assessment.report', { period: spec, unitKind })
      .then((r) => live && setReport(r))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [spec, unitKind])

  const nameOf = (row: { kind: UnitKind; id: string }): string => {
    switch (row.kind) {
      case 'department':
      case 'team':
        return index.assigneeName(row.kind, row.id)
      case 'town':
        return index.townName(row.id)
      case 'medium_grid':
      case 'small_grid':
        return index.gridName(row.id)
      default:
        return index.personName(row.id)
    }
  }
  const shown = frozen && report ? frozenLeague(frozen, unitKind, report.minVolume) : report
  const rows = shown ? [...shown.ranked, ...shown.insufficient] : []
  const current = rows.find((r) => r.id === selected) ?? null
  const source = frozen
    ? ({ kind: 'frozen', id: frozen.id } as const)
    : spec
      ? ({ kind: 'live', period: spec } as const)
      : null

  return (
    <div className="assessment-view" data-testid="assessment">
      <header className="assessment-head">
        <h1>{t('title')}</h1>
        <PeriodPicker choice={choice} onChange={setChoice} />
        <label className="assessment-field">
          <span>{t('unitKind')}</span>
          <select
            data-testid="assessment-unit-kind"
            value={unitKind}
            onChange={(e) => {
              setUnitKind(e.target.value as UnitKind)
              setSelected(null)
            }}
          >
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`units.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons source={report ? source : null} />
        {report && (
          <a
            className="assessment-rules"
            href="#/rulesets"
            data-testid="assessment-rule-set"
            data-version={report.ruleSet.version}
          >
            {t('ruleSet', { name: report.ruleSet.name, version: report.ruleSet.version })}
          </a>
        )}
      </header>
      {frozen && (
        <p className="assessment-frozen-banner" data-testid="frozen-banner" data-id={frozen.id}>
          {t('frozen.opened', {
            id: frozen.id,
            version: frozen.version,
            seq: frozen.seq,
            hash: shortHash(frozen.headHash),
          })}
          {' · '}
          {frozen.ruleSet.version}
          <button type="button" onClick={() => setFrozen(null)}>
            {t('frozen.backToLive')}
          </button>
        </p>
      )}
      {error && <p className="error">{error}</p>}
      <div className="assessment-body">
        <section className="assessment-league">
          {!report && !error && <p className="muted">{t('loading')}</p>}
          {report && (
            <>
              <p className="muted assessment-meta" data-testid="assessment-period" data-label={report.period.label}>
                {report.period.label} ·{' '}
                {t('evaluated', {
                  time: formatDateTime(shown?.computedAt ?? report.computedAt),
                  seq: shown?.cursor ?? report.cursor,
                })}
              </p>
              {!shown ? (
                <EmptyState title={t('frozen.notInScope')} body={t('frozen.backToLive')} />
              ) : rows.length === 0 ? (
                <EmptyState title={t('empty')} body={t('pick')} />
              ) : (
                <LeagueTable report={shown} nameOf={nameOf} selected={selected} onSelect={setSelected} />
              )}
            </>
          )}
        </section>
        <section className="assessment-card-pane">
          {report && spec && (
            <FrozenReportsPanel
              period={spec}
              periodLabel={report.period.label}
              canClose={session?.principal?.role === 'supervisor'}
              openedId={frozen?.id ?? null}
              onOpen={setFrozen}
            />
          )}
          {report && current && spec ? (
            <ScoreCard
              row={current}
              name={nameOf(current)}
              period={spec}
              asOf={
                frozen
                  ? { report: frozen.id, evaluatedAt: frozen.evaluatedAt, ruleSetRevision: frozen.ruleSet.revision }
                  : undefined
              }
            />
          ) : (
            <p className="muted">{t('pick')}</p>
          )}
        </section>
      </div>
    </div>
  )
}

function LeagueTable(props: {
  report: AssessmentReport
  nameOf: (row: AssessmentRow) => string
  selected: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation('assessment')
  const { report } = props
  const indicators = leagueIndicators(report)
  const row = (r: AssessmentRow) => (
    <tr
      key={r.id}
      className={`${r.bottom ? 'bottom' : ''} ${r.id === props.selected ? 'selected' : ''}`}
      data-testid="assessment-row"
      data-id={r.id}
      data-rank={r.rank ?? ''}
      data-bottom={r.bottom}
      onClick={() => props.onSelect(r.id)}
    >
      <AssessmentLeagueCells row={r} name={props.nameOf(r)} indicators={indicators} t={t} tagClass="assessment-tag" />
    </tr>
  )
  return (
    <table className="assessment-table" data-testid="assessment-league">
      <AssessmentLeagueHead indicators={indicators} t={t} />
      <tbody>{report.ranked.map(row)}</tbody>
      {report.insufficient.length > 0 && (
        <tbody data-testid="assessment-insufficient">
          <tr className="apart">
            <th colSpan={leagueColumns(indicators)}>{t('insufficient', { n: report.minVolume })}</th>
          </tr>
          {report.insufficient.map(row)}
        </tbody>
      )}
    </table>
  )
}
