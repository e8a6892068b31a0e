import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ComponentCard, IncidentDetail, IncidentView, UnitCard, UnitKind } from '@shared/contract'
import { isOverdue } from '@shared/domain'
import { call } from '../../api/client'
import { useNow, usePushEvent } from '../../api/hooks'
import { DeadlineCountdown } from '../../components/DeadlineCountdown'
import { clockTime, formatDateTime } from '../../lib/format'
import type { Names } from '../../data/use-situation'

/** A card's data: fetched when it opens and again when one of its cases changes. */
function useCard<T>(load: () => Promise<T>, ids: (value: T) => readonly string[], key: string): T | null | undefined {
  const [value, setValue] = useState<T | null | undefined>(undefined)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    load()
      .then((v) => live && setValue(v))
      .catch(() => live && setValue(null))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick])
  usePushEvent('changes', (c) => {
    if (c.all || (value && c.incidentIds.some((id) => ids(value).includes(id)))) setTick((n) => n + 1)
  })
  return value
}

function CardFrame(props: {
  title: React.ReactNode
  sub?: React.ReactNode
  testId: string
  onClose: () => void
  children: React.ReactNode
}) {
  const { t } = useTranslation('situation')
  return (
    <aside className="map-card" data-testid={props.testId} aria-live="polite">
      <header>
        <div>
          <h3>{props.title}</h3>
          {props.sub && <div className="map-card-sub">{props.sub}</div>}
        </div>
        <button type="button" className="map-card-close" onClick={props.onClose} aria-label={t('map.card.close')}>
          ×
        </button>
      </header>
      <div className="map-card-body">{props.children}</div>
    </aside>
  )
}

function CaseLine({ i, names, onOpen }: { i: IncidentView; names: Names; onOpen: (id: string) => void }) {
  const { t } = useTranslation('situation')
  const { t: tOps } = useTranslation('ops')
  const now = useNow(30_000)
  const overdue = isOverdue(i, now)
  return (
    <li>
      <button
        type="button"
        className="map-case-line"
        onClick={() => onOpen(i.id)}
        data-testid="map-card-case"
        data-id={i.id}
      >
        <span className="code">{i.code}</span>
        <span className={`st st-${i.status}`}>{tOps(`status.${i.status}`)}</span>
        {overdue && <span className="bad">{t('map.card.overdue')}</span>}
        <span className="title">{i.title}</span>
        <span className="muted">
          {names.category(i.category)} · {formatDateTime(i.reportedAt)}
        </span>
      </button>
    </li>
  )
}

/** A case: what, where, who has it, the deadline and what happened so far. */
export function CaseCardView({ id, names, onClose }: { id: string; names: Names; onClose: () => void }) {
  const { t } = useTranslation('situation')
  const { t: tOps } = useTranslation('ops')
  const detail = useCard<IncidentDetail>(
    () => call('incident.get', { id }),
    () => [id],
    id,
  )
  if (detail === undefined)
    return (
      <CardFrame title="…" testId="map-case-card" onClose={onClose}>
        {null}
      </CardFrame>
    )
  if (detail === null)
    return (
      <CardFrame title={t('map.search.none')} testId="map-case-card" onClose={onClose}>
        {null}
      </CardFrame>
    )
  const i = detail.incident
  return (
    <CardFrame
      title={
        <>
          <span data-testid="map-case-code">{i.code}</span>{' '}
          <span className={`st st-${i.status}`} data-testid="map-case-status">
            {tOps(`status.${i.status}`)}
          </span>
        </>
      }
      sub={
        <>
          <span className={`prio prio-${i.priority}`}>{tOps(`priority.${i.priority}`)}</span> {i.title}
        </>
      }
      testId="map-case-card"
      onClose={onClose}
    >
      <dl className="map-facts">
        <dt>{t('map.card.address')}</dt>
        <dd>
          {names.town(i.townId)} · {names.grid(i.gridId)} · {i.address}
        </dd>
        <dt>{t('map.card.reported')}</dt>
        <dd>
          {formatDateTime(i.reportedAt)} · {names.category(i.category)}
        </dd>
        <dt>{t('map.card.assignee')}</dt>
        <dd data-testid="map-case-assignee">
          {i.assigneeId
            ? i.assigneeKind === 'department'
              ? names.department(i.assigneeId)
              : i.assigneeId
            : t('map.card.none')}
        </dd>
        <dt>{t('map.card.deadline')}</dt>
        <dd>
          <DeadlineCountdown incident={i} />
        </dd>
      </dl>
      <h4>{t('map.card.timeline')}</h4>
      <ol className="map-timeline">
        {[...detail.timeline]
          .reverse()
          .slice(0, 8)
          .map((e) => (
            <li key={e.seq}>
              <span className="muted">{clockTime(e.serverTime)}</span> {tOps(`actions.${e.type}`)} · {e.actorName}
            </li>
          ))}
      </ol>
    </CardFrame>
  )
}

/** A joint team or a grid worker: who, where it last reported, and the cases in hand. */
export function UnitCardView(props: {
  kind: UnitKind
  id: string
  names: Names
  onClose: () => void
  onOpenCase: (id: string) => void
}) {
  const { t } = useTranslation('situation')
  const card = useCard<UnitCard | null>(
    () => call('map.unit', { kind: props.kind, id: props.id }),
    (c) => c?.tasks.map((x) => x.id) ?? [],
    `${props.kind}:${props.id}`,
  )
  if (!card)
    return (
      <CardFrame title={card === undefined ? '…' : props.id} testId="map-unit-card" onClose={props.onClose}>
        {null}
      </CardFrame>
    )
  return (
    <CardFrame
      title={card.name}
      sub={`${props.names.town(card.townId)}${card.gridId ? ` · ${props.names.grid(card.gridId)}` : ''}`}
      testId="map-unit-card"
      onClose={props.onClose}
    >
      <dl className="map-facts">
        <dt>{t('map.card.members')}</dt>
        <dd>{card.members.join('、')}</dd>
        <dt>{t('map.card.tasks')}</dt>
        <dd data-testid="map-unit-load">{t('map.card.load', { n: card.tasks.length })}</dd>
        <dt />
        <dd className="muted">
          {card.position
            ? t('map.card.position', { time: clockTime(card.position.at, true) })
            : t('map.card.noPosition')}
        </dd>
      </dl>
      <ul className="map-case-list">
        {card.tasks.map((i) => (
          <CaseLine key={i.id} i={i} names={props.names} onOpen={props.onOpenCase} />
        ))}
      </ul>
    </CardFrame>
  )
}

/** A rental building or a coded component: its QR id, rooms and door access, and every case reported on it. */
export function ComponentCardView(props: {
  id: string
  names: Names
  onClose: () => void
  onOpenCase: (id: string) => void
}) {
  const { t } = useTranslation('situation')
  const card = useCard<ComponentCard | null>(
    () => call('map.component', { id: props.id }),
    (c) => c?.cases.map((x) => x.id) ?? [],
    props.id,
  )
  if (!card)
    return (
      <CardFrame title={card === undefined ? '…' : props.id} testId="map-building-card" onClose={props.onClose}>
        {null}
      </CardFrame>
    )
  const building = card.kind === 'rental_building'
  return (
    <CardFrame
      title={
        <>
          {t(`map.kinds.${card.kind}`)}{' '}
          <span className="mono" data-testid="map-building-qr">
            {card.qrCode}
          </span>
        </>
      }
      sub={card.address}
      testId="map-building-card"
      onClose={props.onClose}
    >
      <dl className="map-facts">
        <dt>{t('map.card.address')}</dt>
        <dd>
          {props.names.town(card.townId)} · {props.names.grid(card.gridId)}
        </dd>
        {building && (
          <>
            <dt>{t('map.card.rooms', { n: '' }).trim()}</dt>
            <dd data-testid="map-building-rooms">
              {t('map.card.rooms', { n: card.rooms ?? 0 })} ·{' '}
              {(card.rooms ?? 0) >= 15 ? t('map.card.large') : t('map.card.small')}
            </dd>
            <dt>{t('map.card.video')}</dt>
            <dd data-testid="map-building-video" className={card.videoAccess ? 'ok' : 'warn'}>
              {card.videoAccess ? t('map.card.videoYes') : t('map.card.videoNo')}
            </dd>
          </>
        )}
      </dl>
      <h4>{t('map.card.history', { n: card.cases.length })}</h4>
      <ul className="map-case-list">
        {card.cases.map((i) => (
          <CaseLine key={i.id} i={i} names={props.names} onOpen={props.onOpenCase} />
        ))}
      </ul>
    </CardFrame>
  )
}
