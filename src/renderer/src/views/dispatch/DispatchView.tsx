import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import type { Assignee } from '@shared/domain'
import { call } from '../../api/client'
import { useNow, useSyncStatus } from '../../api/hooks'
import { useConflicts } from '../../data/use-conflicts'
import { useIncidentFeed } from '../../data/use-incident-feed'
import { useReference } from '../../data/use-reference'
import { buildBoard, stepTarget, targetForDigit, type BoardColumn, type BoardTarget } from './board-columns'
import { boardFilters, keepOnBoard } from './board-feed'
import { DispatchConfirm, type DispatchChoice } from '../../components/DispatchConfirm'
import { dispatchTargets } from '../../data/dispatch-targets'
import { openLoads, withLoads } from './picker-targets'
import { canDispatch, dispatchCommand, optimisticDispatch } from './dispatch-plan'
import type { DraggedIncident } from '../../data/drag-data'
import { IncidentCard } from './IncidentCard'
import { TargetColumn } from './TargetColumn'
import './dispatch.css'

const QUEUE_SHOWN = 200
const CARDS_PER_COLUMN = 12

/** The dispatch board: the queue awaiting dispatch, and a column per department and joint team. */
export function DispatchView() {
  const { t, i18n } = useTranslation('ops')
  const { reference, index } = useReference()
  const status = useSyncStatus()
  const { conflicts } = useConflicts()
  const now = useNow(15_000)
  const [version, setVersion] = useState(0)
  const [town, setTown] = useState<string | null | undefined>(undefined)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [targetIdx, setTargetIdx] = useState(-1)
  // A drop or a column picked by key (column), or the target picker opened on a card (no column yet).
  const [confirm, setConfirm] = useState<{ incident: IncidentView; column: BoardColumn | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const cardRefs = useRef(new Map<string, HTMLElement>())
  const bump = useRef<ReturnType<typeof setTimeout> | null>(null)
  const feedSize = useRef(0)
  const [filters] = useState(() => boardFilters(now))

  // Recount at most every 300 ms (every second on a very large board) however fast deltas arrive;
  // local drops show at once.
  const feed = useIncidentFeed(
    filters,
    (v) => keepOnBoard(v, Date.now()),
    (event, f) => {
      feedSize.current = f.rows.size
      if (event.phase === 'local') {
        setVersion((x) => x + 1)
        return
      }
      bump.current ??= setTimeout(
        () => {
          bump.current = null
          setVersion((x) => x + 1)
        },
        feedSize.current > 20_000 ? 1000 : 300,
      )
    },
  )
  useEffect(
    () => () => {
      if (bump.current) clearTimeout(bump.current)
    },
    [],
  )

  const scope = status?.operator?.towns ?? '*'
  const towns = useMemo(
    () => (reference?.towns ?? []).filter((tw) => scope === '*' || scope.includes(tw.id)),
    [reference, scope],
  )
  const townId = town === undefined ? (scope === '*' ? null : (scope[0] ?? null)) : town

  const targets: BoardTarget[] = useMemo(() => {
    const depts = (reference?.departments ?? []).map((d): BoardTarget => ({
      kind: 'department',
      id: d.id,
      name: index.assigneeName('department', d.id),
      detail: null,
    }))
    const teams = townId
      ? index.teamsOf(townId).map((tm): BoardTarget => ({
          kind: 'team',
          id: tm.id,
          name: tm.name,
          detail: t('board.officer', { officer: tm.officer }),
        }))
      : []
    // A town's own joint teams come first: they are the nearest hands, and get the first digit keys.
    return [...teams, ...depts]
  }, [reference, index, townId, t])

  const board = useMemo(
    () => buildBoard(feed?.rows.values() ?? [], targets, { now, townId, cardsPerColumn: CARDS_PER_COLUMN }),
    // `version` stands for the feed's contents (a mutable map).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, targets, now, townId, feed],
  )
  const rejections = useMemo(() => {
    const m = new Map<string, string>()
    for (const c of conflicts)
      if (c.type === 'dispatch') m.set(c.incidentId, t(`conflicts.codes.${c.code}`, { defaultValue: c.code }))
    return m
  }, [conflicts, t])

  const dispatch = useCallback(
    async (incident: IncidentView, assignee: Assignee, note: string, choice: DispatchChoice) => {
      const f = feed
      if (!f || !canDispatch(incident)) return
      const at = Date.now()
      const command = dispatchCommand(incident, assignee, at, note, choice.deadline)
      // The card moves the instant the operator lets go; the core's overlay confirms it, the server acks it.
      f.patch(optimisticDispatch(incident, command, at))
      setError(null)
      try {
        await call('commands.submit', command)
      } catch (err) {
        f.patch(incident)
        setError(String(err instanceof Error ? err.message : err))
      }
      f.refresh([incident.id])
    },
    [feed],
  )

  const openConfirm = (incident: IncidentView | undefined, column: BoardColumn | undefined) => {
    if (incident && column && canDispatch(incident)) setConfirm({ incident, column })
  }
  const openPicker = (incident: IncidentView) => {
    if (canDispatch(incident)) setConfirm({ incident, column: null })
  }
  // The picker's units for the case: recommended first, joint teams of its town nearest first, each with its load.
  const picker = useMemo(() => {
    if (!confirm || confirm.column) return undefined
    const base = dispatchTargets(confirm.incident, reference, i18n.language === 'en' ? 'en' : 'zh-CN', (km) =>
      t('targets.km', { km: km.toFixed(1) }),
    )
    return withLoads(base, openLoads(feed?.rows.values() ?? []), (n) => t('boardPicker.load', { n }))
    // `version` stands for the feed's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [confirm, reference, i18n.language, t, feed, version])
  const onDrop = (column: BoardColumn) => (dragged: DraggedIncident) => openConfirm(feed?.rows.get(dragged.id), column)

  const queue = board.queue
  const focusCard = (id: string | undefined) => {
    if (!id) return
    setSelectedId(id)
    cardRefs.current.get(id)?.focus()
  }
  const onCardKey = (incident: IncidentView, position: number) => (e: KeyboardEvent<HTMLElement>) => {
    const count = board.columns.length
    const digit = targetForDigit(e.key, count)
    if (digit !== null) {
      setTargetIdx(digit)
    } else if (e.key === 'ArrowRight') setTargetIdx((i) => stepTarget(i, 1, count))
    else if (e.key === 'ArrowLeft') setTargetIdx((i) => stepTarget(i, -1, count))
    else if (e.key === 'ArrowDown') focusCard(queue[Math.min(queue.length - 1, position + 1)]?.id)
    else if (e.key === 'ArrowUp') focusCard(queue[Math.max(0, position - 1)]?.id)
    else if (e.key === 'p' || e.key === 'P') openPicker(incident)
    else if (e.key === 'Enter') openConfirm(incident, board.columns[targetIdx])
    else if (e.key === 'Escape') setTargetIdx(-1)
    else return
    e.preventDefault()
  }
  const highlighted = board.columns[targetIdx]

  const afterConfirm = (note: string, choice: DispatchChoice) => {
    if (!confirm) return
    const assignee = confirm.column ?? choice.target
    if (!assignee) return
    const position = queue.findIndex((q) => q.id === confirm.incident.id)
    void dispatch(confirm.incident, { kind: assignee.kind, id: assignee.id }, note, choice)
    setConfirm(null)
    // The target chosen for this card is not carried over to the next one.
    setTargetIdx(-1)
    // Keyboard flow carries on with the next card in the queue.
    const next = queue[position + 1] ?? queue[position - 1]
    if (next) setTimeout(() => focusCard(next.id), 0)
  }

  const columnsOf = (kind: 'department' | 'team') => board.columns.filter((c) => c.kind === kind)
  const targetColumns = (kind: 'department' | 'team') => (
    <div className="group-columns">
      {columnsOf(kind).map((c) => (
        <TargetColumn
          key={c.key}
          column={c}
          index={index}
          now={now}
          digit={digitOf(c)}
          highlighted={highlighted?.key === c.key}
          onDrop={onDrop(c)}
        />
      ))}
    </div>
  )
  const digitOf = (c: BoardColumn) => {
    const i = board.columns.indexOf(c)
    return i < 9 ? String(i + 1) : i === 9 ? '0' : null
  }

  return (
    <div className="dispatch-view" data-testid="dispatch-view">
      <div className="board-toolbar">
        <label className="field inline">
          <span>{t('board.town')}</span>
          <select data-testid="board-town" value={townId ?? ''} onChange={(e) => setTown(e.target.value || null)}>
            {scope === '*' && <option value="">{t('board.allTowns')}</option>}
            {towns.map((tw) => (
              <option key={tw.id} value={tw.id}>
                {index.townName(tw.id)}
              </option>
            ))}
          </select>
        </label>
        <span className="kbd-hint" data-testid="keyboard-hint">
          ⌨ {t('board.keyboardHint')}
        </span>
        {highlighted && (
          <span className="target-hint" data-testid="keyboard-target">
            {t('board.target', { name: highlighted.name })}
          </span>
        )}
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="board">
        <section className="queue-column" data-testid="board-queue" aria-label={t('board.queue')}>
          <header className="column-head">
            <div className="column-name">
              {t('board.queue')} <span className="count-badge">{queue.length}</span>
            </div>
          </header>
          <div className="column-cards">
            {queue.length === 0 && <p className="muted">{t('board.queueEmpty')}</p>}
            {queue.slice(0, QUEUE_SHOWN).map((i, position) => (
              <IncidentCard
                key={i.id}
                incident={i}
                index={index}
                now={now}
                selected={selectedId === i.id}
                rejection={rejections.get(i.id) ?? null}
                onFocus={() => setSelectedId(i.id)}
                onKeyDown={onCardKey(i, position)}
                onPick={() => openPicker(i)}
                bindElement={(el) => {
                  if (el) cardRefs.current.set(i.id, el)
                  else cardRefs.current.delete(i.id)
                }}
              />
            ))}
            {queue.length > QUEUE_SHOWN && (
              <div className="more muted">{t('board.more', { n: queue.length - QUEUE_SHOWN })}</div>
            )}
          </div>
        </section>
        <div className="targets">
          <div className="target-group">
            <h3 className="group-title">{t('board.teams')}</h3>
            {townId === null ? <p className="muted pick-town">{t('board.pickTown')}</p> : targetColumns('team')}
          </div>
          <div className="target-group">
            <h3 className="group-title">{t('board.departments')}</h3>
            {targetColumns('department')}
          </div>
        </div>
      </div>
      {confirm && (
        <DispatchConfirm
          incident={confirm.incident}
          {...(confirm.column
            ? {
                targetName: confirm.column.name,
                target: { kind: confirm.column.kind, id: confirm.column.id },
              }
            : { picker: picker ?? { list: [], recommended: null } })}
          withDeadline
          now={now}
          onConfirm={afterConfirm}
          onCancel={() => {
            setConfirm(null)
            focusCard(selectedId ?? undefined)
          }}
        />
      )}
    </div>
  )
}
