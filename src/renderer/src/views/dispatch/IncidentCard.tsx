import type { DragEvent, KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { isOverdue } from '@shared/domain'
import { ageParts } from '../../lib/format'
import { countdown, formatCountdown } from '../../lib/countdown'
import type { ReferenceIndex } from '../../data/reference-index'
import { writeDrag } from '../../data/drag-data'
import { canDispatch } from './dispatch-plan'

/** One incident on the board: what, where, how urgent, and whether it is still on its way to the server. */
export function IncidentCard(props: {
  incident: IncidentView
  index: ReferenceIndex
  now: number
  selected?: boolean
  rejection?: string | null
  onFocus?: () => void
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void
  /** Opens the target picker for this card (queue cards only). */
  onPick?: () => void
  bindElement?: (el: HTMLElement | null) => void
}) {
  const { t } = useTranslation('ops')
  const { incident: i, bindElement } = props
  const draggable = canDispatch(i)
  const pending = i.pending.length > 0
  const overdue = isOverdue(i, props.now)
  const onDragStart = (e: DragEvent<HTMLElement>) => {
    writeDrag(e.dataTransfer, i)
    e.dataTransfer.effectAllowed = 'move'
  }
  const age = ageParts(i.reportedAt, props.now)
  const units = { d: t('detail.units.d'), h: t('detail.units.h'), m: t('detail.units.m') }
  return (
    <article
      ref={bindElement}
      className={`card prio-edge-${i.priority} ${pending ? 'pending' : ''} ${overdue ? 'overdue' : ''} ${props.selected ? 'selected' : ''} ${props.rejection ? 'rejected' : ''}`}
      data-testid="incident-card"
      data-id={i.id}
      data-code={i.code}
      data-pending={pending ? 'true' : 'false'}
      draggable={draggable}
      tabIndex={props.onKeyDown ? 0 : -1}
      aria-label={`${i.code} ${i.title}`}
      onDragStart={draggable ? onDragStart : undefined}
      onFocus={props.onFocus}
      onKeyDown={props.onKeyDown}
    >
      <div className="card-top">
        <span className={`prio prio-${i.priority}`}>{t(`priority.${i.priority}`)}</span>
        <span className="mono card-code">{i.code}</span>
        {pending && (
          <span className="pending-chip small" data-testid="card-pending">
            <span className="pending-dot" aria-hidden />
            {t('board.pending')}
          </span>
        )}
      </div>
      <div className="card-title">{i.title}</div>
      <div className="card-meta">
        <span className="cat">{t(`category.${i.category}`)}</span>
        <span>
          {props.index.townName(i.townId)} · {props.index.gridName(i.gridId)}
        </span>
      </div>
      <div className="card-foot">
        {i.deadline !== null ? (
          <span className={`deadline ${overdue ? 'overdue' : ''}`}>
            {overdue
              ? t('detail.overdueBy', {
                  time: formatCountdown(countdown(i.deadline + i.suspendedMs, props.now), units),
                })
              : t('detail.left', { time: formatCountdown(countdown(i.deadline + i.suspendedMs, props.now), units) })}
          </span>
        ) : (
          <span className="muted">{t(`age.${age.key}`, { n: age.n, ns: 'translation' })}</span>
        )}
        <span className={`status-chip st-${i.status}`}>{t(`status.${i.status}`)}</span>
        {props.onPick && draggable && (
          <button
            type="button"
            className="btn ghost card-pick"
            data-testid="card-pick"
            tabIndex={-1}
            onClick={props.onPick}
          >
            {t('boardPicker.open')}
          </button>
        )}
      </div>
      {props.rejection && (
        <div className="card-rejection" data-testid="card-rejection" role="status">
          {t('board.rejected', { reason: props.rejection })}
        </div>
      )}
    </article>
  )
}
