import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community'
import type { TFunction } from 'i18next'
import { isOverdue } from '@shared/domain'
import { countdown, formatCountdown } from '../../lib/countdown'
import { cachedLabel } from '../../lib/label-cache'
import type { IncidentRow } from './incident-rows'
import { acceptance } from './pending-queue'

/** What every cell reads from the grid's context: the operator's language (no hook per cell). */
export interface CellContext {
  readonly t: TFunction<'ops'>
}

type Params = ICellRendererParams<IncidentRow, unknown, CellContext>

/**
 * The time the deadline cells count from: set by the table when it redraws them (every half minute),
 * so that every cell on screen counts from the same moment.
 */
export const deadlineClock = { now: Date.now() }

/** What a cell shows: one element's class, text and attributes, and at most one flag beside the text. */
interface Look {
  readonly className: string
  readonly text: string
  readonly title?: string
  readonly testId?: string
  /** A span after the text (the 缓办 flag). */
  readonly flag?: { readonly className: string; readonly text: string }
  /** A dot before the text (pending commands). */
  readonly dot?: string
}

/**
 * A cell drawn with the DOM, not React: the table scrolls through thousands of rows, and a React
 * cell renderer costs a portal and a render per cell the grid creates (most of the scrolling's
 * main-thread time in a profile). Each renderer says what its cell shows (`look`); the base
 * writes it, and leaves the DOM alone when a refresh shows the same.
 */
abstract class DomCell implements ICellRendererComp<IncidentRow> {
  private readonly gui = document.createElement('span')
  private shown = ''

  init(params: Params): void {
    this.draw(params)
  }

  getGui(): HTMLElement {
    return this.gui
  }

  refresh(params: Params): boolean {
    this.draw(params)
    return true
  }

  protected abstract look(row: IncidentRow, t: TFunction<'ops'>): Look | null

  private draw(params: Params): void {
    const look = params.data ? this.look(params.data, params.context.t) : null
    const key = look ? JSON.stringify(look) : ''
    if (key === this.shown) return
    this.shown = key
    const el = this.gui
    el.className = look?.className ?? ''
    if (look?.title) el.title = look.title
    else el.removeAttribute('title')
    if (look?.testId) el.dataset.testid = look.testId
    else delete el.dataset.testid
    const children: (Node | string)[] = []
    if (look?.dot) {
      const dot = document.createElement('span')
      dot.className = look.dot
      dot.setAttribute('aria-hidden', 'true')
      children.push(dot)
    }
    if (look) children.push(look.text)
    if (look?.flag) {
      const flag = document.createElement('span')
      flag.className = look.flag.className
      flag.textContent = look.flag.text
      children.push(flag)
    }
    el.replaceChildren(...children)
  }
}

export class PriorityCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look {
    return { className: `prio prio-${row.priority}`, text: cachedLabel(t, `priority.${row.priority}`) }
  }
}

export class StatusCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look {
    return {
      className: `status-chip st-${row.status}`,
      text: cachedLabel(t, `status.${row.status}`),
      ...(row.suspended ? { flag: { className: 'flag-suspended', text: cachedLabel(t, 'detail.suspended') } } : {}),
    }
  }
}

const unitsOf = (t: TFunction<'ops'>) => ({
  d: cachedLabel(t, 'detail.units.d'),
  h: cachedLabel(t, 'detail.units.h'),
  m: cachedLabel(t, 'detail.units.m'),
})

/**
 * Time left or overdue by, coloured; a suspended case shows its clock stopped. Read at render: the
 * table redraws this column's cells on screen every half minute.
 */
export class DeadlineCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look {
    if (row.deadline === null) return { className: 'muted', text: '—' }
    if (row.suspended) return { className: 'deadline paused', text: cachedLabel(t, 'detail.paused') }
    if (row.status === 'closed') return { className: 'muted', text: '—' }
    const now = deadlineClock.now
    const c = countdown(row.deadline, now)
    const text = formatCountdown(c, unitsOf(t))
    const overdue = isOverdue(row.incident, now)
    return {
      className: `deadline ${overdue ? 'overdue' : c.soon ? 'soon' : ''}`,
      text: overdue ? t('detail.overdueBy', { time: text }) : t('detail.left', { time: text }),
    }
  }
}

/** Commands issued here that the server has not acknowledged yet. */
export class PendingCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look | null {
    if (row.pending.length === 0) return null
    const names = row.pending.map((a) => cachedLabel(t, `actions.${a}`))
    return {
      className: 'pending-chip',
      testId: 'row-pending',
      title: names.join(' · '),
      dot: 'pending-dot',
      text: names.join('·'),
    }
  }
}

export class EscalationCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look | null {
    if (row.escalationLevel === 0) return null
    return { className: 'escalation', text: t('detail.escalationShort', { n: row.escalationLevel }) }
  }
}

/** Time since the report (the pending queue), counting with the deadline cells. */
export class WaitingCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look {
    const a = acceptance(row, deadlineClock.now)
    return {
      className: 'waiting',
      text: formatCountdown(countdown(deadlineClock.now - a.waitingMs, deadlineClock.now), unitsOf(t)),
    }
  }
}

/** The category's acceptance limit for a new report: time left, or emphasised once it is past. */
export class AcceptByCell extends DomCell {
  protected look(row: IncidentRow, t: TFunction<'ops'>): Look {
    const a = acceptance(row, deadlineClock.now)
    if (a.limit === null) return { className: 'muted', text: cachedLabel(t, 'console.accepted') }
    const text = formatCountdown(countdown(a.limit, deadlineClock.now), unitsOf(t))
    return a.overdue
      ? {
          className: 'deadline overdue accept-overdue',
          testId: 'accept-overdue',
          text: t('console.acceptOverdue', { time: text }),
        }
      : { className: 'deadline soon', text: t('console.acceptLeft', { time: text }) }
  }
}
