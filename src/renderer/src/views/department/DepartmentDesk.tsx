import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { assignedToUnit } from '@shared/domain'
import { useNow, useSyncStatus } from '../../api/hooks'
import { useCaseRows } from '../../data/use-case-rows'
import { useReference } from '../../data/use-reference'
import { byDeadlineRisk } from '../../lib/deadline-risk'
import { CaseInbox } from './CaseInbox'
import { CasePanel } from './CasePanel'
import { UnitFiguresBar } from './UnitFiguresBar'
import { unitFigures } from './unit-figures'
import './department.css'

/**
 * The department desk (部门工作台): the cases dispatched to my unit, most at risk
 * first, what I may do on each (签收, 反馈, 申请延期, 退单, 申请缓办), and my unit's figures.
 * The server sends this desk only its unit's cases; the list shows those it
 * handles now (one it sent back is another unit's work).
 */
export function DepartmentDesk() {
  const { t } = useTranslation('ops')
  const status = useSyncStatus()
  const { index } = useReference()
  const now = useNow(30_000)
  const unit = status?.operator?.unit ?? null
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [filters] = useState(() => [{}])
  const { rows, ready } = useCaseRows(filters, () => true)

  const mine = useMemo(() => (unit ? rows.filter((r) => assignedToUnit(r, unit)) : []), [rows, unit])
  const inbox = useMemo(
    () =>
      mine
        .filter((r) => r.status !== 'closed' && r.status !== 'rejected' && r.status !== 'merged')
        .sort((a, b) => byDeadlineRisk(a, b, now)),
    [mine, now],
  )
  const figures = useMemo(() => (unit ? unitFigures(mine, unit, now) : null), [mine, unit, now])
  const selected: IncidentView | null = inbox.find((r) => r.id === selectedId) ?? null

  if (!unit)
    return (
      <div className="desk-empty" data-testid="desk-no-unit">
        {t('desk.noUnit')}
      </div>
    )
  return (
    <div className="department-desk" data-testid="department-desk">
      <header className="desk-head desk-bar">
        <h1 data-testid="desk-unit">{index.assigneeName(unit.kind, unit.id)}</h1>
        {figures && <UnitFiguresBar figures={figures} />}
      </header>
      <div className="desk-body">
        <CaseInbox rows={inbox} now={now} ready={ready} selectedId={selectedId} onSelect={setSelectedId} />
        {selected ? (
          <CasePanel key={selected.id} incident={selected} now={now} unit={unit} />
        ) : (
          <div className="desk-hint">{t('desk.pick')}</div>
        )}
      </div>
    </div>
  )
}
