import { useTranslation } from 'react-i18next'
import type { UnitGroups } from '../data/unit-options'

/** A picker of handling units: departments, then the town's joint teams (联勤), each under its heading. */
export function UnitSelect({
  groups,
  value,
  onChange,
  none,
  testId,
}: {
  groups: UnitGroups
  value: string
  onChange: (value: string) => void
  /** The label of the empty choice. */
  none: string
  testId: string
}) {
  const { t } = useTranslation('ops')
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      <optgroup label={t('units.departments')}>
        {groups.departments.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </optgroup>
      {groups.teams.length > 0 && (
        <optgroup label={t('units.teams')}>
          {groups.teams.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  )
}
