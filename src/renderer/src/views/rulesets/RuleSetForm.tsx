import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CLOCK_RULES, TIE_BREAKS, UNIT_KINDS, type RuleSet, type UnitKind } from '@shared/domain'
import { fromPercent, setAt, toPercent, type DraftIssue } from './rule-set-draft'

type Path = readonly (string | number)[]

/**
 * The fields of a rule set: basics, time limits, year targets, and per unit kind its indicators
 * (weight, threshold, deduction per point) and per-case deductions. Every field shows the shared
 * schema's message for its path beside it; `readOnly` shows the same values without inputs.
 */
export function RuleSetForm({
  draft,
  onChange,
  issues,
  readOnly,
}: {
  draft: RuleSet
  onChange: (next: RuleSet) => void
  issues: readonly DraftIssue[]
  readOnly: boolean
}) {
  const { t } = useTranslation(['rulesets', 'assessment'])
  const [kind, setKind] = useState<UnitKind>('department')
  const set = (path: Path, value: unknown) => onChange(setAt(draft, path, value))
  const issueAt = (path: Path) => issues.find((i) => i.path === path.join('.'))?.message
  const num = (path: Path, value: number, o: { percent?: boolean; step?: number; label?: string } = {}) => {
    const key = path.join('.')
    const problem = issueAt(path)
    return (
      <span className={`ruleset-num ${problem ? 'has-issue' : ''}`}>
        <input
          type="number"
          aria-label={o.label ?? key}
          data-path={key}
          disabled={readOnly}
          step={o.step ?? 'any'}
          value={Number.isNaN(value) ? '' : o.percent ? toPercent(value) : value}
          onChange={(e) => {
            const v = e.target.value === '' ? Number.NaN : Number(e.target.value)
            set(path, o.percent && !Number.isNaN(v) ? fromPercent(v) : v)
          }}
        />
        {problem && (
          <span className="ruleset-issue" role="alert" data-issue={key}>
            {problem}
          </span>
        )}
      </span>
    )
  }
  const text = (path: Path, value: string, label: string) => {
    const problem = issueAt(path)
    return (
      <label className="ruleset-field">
        <span>{label}</span>
        <input
          type="text"
          data-path={path.join('.')}
          disabled={readOnly}
          value={value}
          onChange={(e) => set(path, e.target.value)}
        />
        {problem && (
          <span className="ruleset-issue" role="alert" data-issue={path.join('.')}>
            {problem}
          </span>
        )}
      </label>
    )
  }
  const unit = draft.units[kind]
  return (
    <div className="ruleset-form" data-testid="ruleset-form">
      <fieldset>
        <legend>{t('basics')}</legend>
        {text(['version'], draft.version, t('version'))}
        {text(['name'], draft.name, t('name'))}
        <label className="ruleset-field">
          <span>{t('clock')}</span>
          <select
            data-path="clock"
            disabled={readOnly}
            value={draft.clock}
            onChange={(e) => set(['clock'], e.target.value)}
          >
            {CLOCK_RULES.map((c) => (
              <option key={c} value={c}>
                {t(`clocks.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="ruleset-field">
          <span>{t('minVolume')}</span>
          {num(['minVolume'], draft.minVolume, { step: 1, label: t('minVolume') })}
        </label>
        <label className="ruleset-field">
          <span>{t('bottomN')}</span>
          {num(['bottomN'], draft.bottomN, { step: 1, label: t('bottomN') })}
        </label>
        <label className="ruleset-field">
          <span>{t('tieBreak')}</span>
          <select
            data-path="tieBreak"
            disabled={readOnly}
            value={draft.tieBreak}
            onChange={(e) => set(['tieBreak'], e.target.value)}
          >
            {TIE_BREAKS.map((b) => (
              <option key={b} value={b}>
                {t(`tieBreaks.${b}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('limits')}</legend>
        {(['intakeHours', 'dispatchHours', 'verifyHours'] as const).map((k) => (
          <label key={k} className="ruleset-field">
            <span>{t(k)}</span>
            {num(['limits', k], draft.limits[k], { label: t(k) })}
          </label>
        ))}
        <legend className="ruleset-sub">{t('targets')}</legend>
        <label className="ruleset-field">
          <span>{t('rectificationTarget')}</span>
          {num(['targets', 'rectification'], draft.targets.rectification, {
            percent: true,
            label: t('rectificationTarget'),
          })}
        </label>
      </fieldset>
      <fieldset className="ruleset-units">
        <legend>{t('unitRules')}</legend>
        <div className="ruleset-kinds" role="tablist">
          {UNIT_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={k === kind}
              className={k === kind ? 'on' : ''}
              data-kind={k}
              onClick={() => setKind(k)}
            >
              {t(`assessment:units.${k}`)}
              {issues.some((i) => i.path.startsWith(`units.${k}.`)) && <span className="ruleset-dot">●</span>}
            </button>
          ))}
        </div>
        <table className="ruleset-table" data-testid={`ruleset-unit-${kind}`}>
          <thead>
            <tr>
              <th>{t('indicator')}</th>
              <th>{t('points')}</th>
              <th>{t('threshold')}</th>
              <th>{t('perPoint')}</th>
            </tr>
          </thead>
          <tbody>
            {unit.indicators.map((r, i) => (
              <tr key={r.indicator} data-indicator={r.indicator}>
                <td>{t(`assessment:indicators.${r.indicator}`)}</td>
                <td>{num(['units', kind, 'indicators', i, 'points'], r.points, { label: t('points') })}</td>
                <td>
                  {num(['units', kind, 'indicators', i, 'threshold'], r.threshold, {
                    percent: true,
                    label: t('threshold'),
                  })}
                </td>
                <td>{num(['units', kind, 'indicators', i, 'perPoint'], r.perPoint, { label: t('perPoint') })}</td>
              </tr>
            ))}
          </tbody>
          {unit.deductions.length > 0 && (
            <tbody>
              <tr className="ruleset-table-head">
                <th>{t('event')}</th>
                <th>{t('eventPoints')}</th>
                <th colSpan={2} />
              </tr>
              {unit.deductions.map((d, i) => (
                <tr key={d.event} data-event={d.event}>
                  <td>{t(`assessment:events.${d.event}`)}</td>
                  <td>{num(['units', kind, 'deductions', i, 'points'], d.points, { label: t('eventPoints') })}</td>
                  <td colSpan={2} />
                </tr>
              ))}
            </tbody>
          )}
        </table>
      </fieldset>
    </div>
  )
}
