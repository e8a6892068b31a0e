import { useTranslation } from 'react-i18next'
import { deadlineRange, isCustomHandling, type CategoryId, type Priority } from '@shared/domain'
import { chooseDeadline, hoursOf, type DeadlineInput } from '../lib/deadline-choice'
import { formatDateTime } from '../lib/format'
import './deadline-field.css'

/**
 * The handling deadline of a dispatch: empty means the category's default; hours typed stay inside the
 * category's range, and a reason is asked for as soon as they differ from the default.
 */
export function DeadlineField(props: {
  category: CategoryId
  priority: Priority
  now: number
  value: DeadlineInput
  onChange: (value: DeadlineInput) => void
  /** Show what is wrong (after a submit was tried). */
  showProblem?: boolean
  testId?: string
}) {
  const { t } = useTranslation('ops')
  const range = deadlineRange(props.category, props.priority)
  const choice = chooseDeadline(props.value, props.category, props.priority)
  const typed = Number(props.value.hours.trim())
  const custom =
    props.value.hours.trim() !== '' && Number.isFinite(typed) && isCustomHandling(Math.round(typed * 3_600_000), range)
  const set = (patch: Partial<DeadlineInput>) => props.onChange({ ...props.value, ...patch })
  const testId = props.testId ?? 'deadline-field'
  return (
    <div className="deadline-field" data-testid={testId}>
      <label className="deadline-hours">
        <span>{t('deadlineField.hours')}</span>
        <input
          type="number"
          inputMode="decimal"
          data-testid={`${testId}-hours`}
          min={hoursOf(range.minMs)}
          max={hoursOf(range.maxMs)}
          step={1}
          placeholder={String(hoursOf(range.defaultMs))}
          value={props.value.hours}
          onChange={(e) => set({ hours: e.target.value })}
        />
        <small className="muted" data-testid={`${testId}-range`}>
          {t('deadlineField.range', {
            def: hoursOf(range.defaultMs),
            min: hoursOf(range.minMs),
            max: hoursOf(range.maxMs),
          })}
          {choice.ok && ` · ${t('deadlineField.due', { time: formatDateTime(props.now + choice.spanMs) })}`}
        </small>
      </label>
      {custom && (
        <label className="deadline-reason">
          <span>{t('deadlineField.reason')}</span>
          <input
            data-testid={`${testId}-reason`}
            value={props.value.reason}
            maxLength={500}
            placeholder={t('deadlineField.reasonHint')}
            onChange={(e) => set({ reason: e.target.value })}
          />
        </label>
      )}
      {props.showProblem && !choice.ok && (
        <p className="form-error" role="alert" data-testid={`${testId}-problem`}>
          {t(`deadlineField.problem.${choice.problem}`, {
            min: hoursOf(range.minMs),
            max: hoursOf(range.maxMs),
          })}
        </p>
      )}
    </div>
  )
}
