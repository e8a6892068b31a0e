import { useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReferenceIndex } from '../../data/reference-index'
import type { BoardColumn } from './board-columns'
import { isIncidentDrag, readDrag, type DraggedIncident } from '../../data/drag-data'
import { IncidentCard } from './IncidentCard'

function percent(rate: number | null): string | null {
  return rate === null ? null : `${(rate * 100).toFixed(rate >= 0.995 ? 0 : 1)}%`
}

/** A department or joint team: its load, overdue count and on-time rate, its open cases, and a drop zone. */
export function TargetColumn(props: {
  column: BoardColumn
  index: ReferenceIndex
  now: number
  /** Position for the digit shortcut (1–9, 0 for the tenth), if it has one. */
  digit: string | null
  highlighted: boolean
  onDrop: (dragged: DraggedIncident) => void
}) {
  const { t } = useTranslation('ops')
  const [over, setOver] = useState(false)
  const c = props.column
  const rate = percent(c.onTimeRate)
  const onDragOver = (e: DragEvent) => {
    if (!isIncidentDrag(e.dataTransfer)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'move'
    setOver(true)
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    const dragged = readDrag(e.dataTransfer)
    if (dragged) props.onDrop(dragged)
  }
  const hidden = c.open - c.cards.length
  return (
    <section
      className={`board-column ${over ? 'drag-over' : ''} ${props.highlighted ? 'highlighted' : ''}`}
      data-testid="board-column"
      data-target={c.key}
      data-name={c.name}
      aria-label={c.name}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={(e) => {
        // Moving between the column's own children is not leaving it.
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false)
      }}
      onDrop={onDrop}
    >
      {/* An overlay, not a row: nothing under the pointer moves while a card is dragged over. */}
      {(over || props.highlighted) && (
        <div className="drop-hint" aria-hidden>
          {t('board.dropHere')}
        </div>
      )}
      <header className="column-head">
        <div className="column-name">
          {props.digit && <kbd className="digit">{props.digit}</kbd>}
          <span title={c.name}>{c.name}</span>
        </div>
        {c.detail && <div className="column-detail">{c.detail}</div>}
        <div className="column-stats">
          <span className="stat" data-testid="column-open">
            <b>{c.open}</b> {t('board.open')}
          </span>
          <span className={`stat ${c.overdue > 0 ? 'danger' : ''}`} data-testid="column-overdue">
            <b>{c.overdue}</b> {t('board.overdue')}
          </span>
          <span
            className={`stat ${c.onTimeRate !== null && c.onTimeRate < 0.9 ? 'warn' : ''}`}
            data-testid="column-ontime"
          >
            {t('board.onTime')} <b>{rate ?? t('board.noRate')}</b>
          </span>
        </div>
        {c.onTimeRate !== null && (
          <div className="rate-bar" aria-hidden>
            <span style={{ width: `${Math.round(c.onTimeRate * 100)}%` }} />
          </div>
        )}
      </header>
      <div className="column-cards">
        {c.cards.map((i) => (
          <IncidentCard key={i.id} incident={i} index={props.index} now={props.now} />
        ))}
        {hidden > 0 && <div className="more muted">{t('board.more', { n: hidden })}</div>}
      </div>
    </section>
  )
}
