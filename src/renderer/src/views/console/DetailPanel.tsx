import { useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentDetail } from '@shared/contract'
import { webLink, type ReferenceData } from '@shared/domain'
import { call } from '../../api/client'
import { usePushEvent } from '../../api/hooks'
import { formatDateTime } from '../../lib/format'
import { ActionBar } from './ActionBar'
import { MergeView } from './MergeView'
import { ActionForm } from './ActionForm'
import { DeadlineCountdown } from '../../components/DeadlineCountdown'
import { componentKind, componentQr, type ReferenceIndex } from '../../data/reference-index'
import { actionForKey, offeredActions, type ConsoleAction } from './shortcuts'
import { caseCode, MergeLinks, Timeline } from './Timeline'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

function Fact({
  label,
  children,
  testId,
  wide,
}: {
  label: string
  children: ReactNode
  testId?: string
  wide?: boolean
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} className={wide ? 'wide' : undefined}>
        {children}
      </dd>
    </>
  )
}

/** A reporter's photo: a link that opens in the browser (http(s) only), else the address as text. */
function PhotoLink({ url }: { url: string }) {
  const { t } = useTranslation('ops')
  const link = webLink(url)
  if (!link)
    return (
      <span className="mono" data-testid="detail-photo-text">
        {url} <small className="muted">{t('detail.photoNotWeb')}</small>
      </span>
    )
  return (
    <a href={link} target="_blank" rel="noopener noreferrer" className="mono" data-testid="detail-photo-link">
      {link.replace(/^https?:\/\//i, '').split(/[/?#]/)[0]} · {t('detail.photoOpen')}
    </a>
  )
}

/** Everything about one incident: fields, location, handling, timeline, and what may be done now. */
export function DetailPanel(props: {
  id: string
  index: ReferenceIndex
  reference: ReferenceData | null
  onClose: () => void
  /** An action's form opened on this case (the console notes which case comes next). */
  onActing?: (id: string) => void
  /** The form closed: the action went through (`acted`) or was dropped. The console moves the focus. */
  onFormClosed?: (id: string, acted: boolean) => void
}) {
  const { t } = useTranslation('ops')
  const [loaded, setDetail] = useState<IncidentDetail | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const [active, setActive] = useState<ConsoleAction | null>(null)
  const [tick, setTick] = useState(0)
  const { id, index, onActing, onFormClosed } = props

  useEffect(() => {
    let live = true
    call('incident.get', { id })
      .then((d) => {
        if (!live) return
        setDetail(d)
        setFailed(null)
      })
      .catch((err: unknown) => live && setFailed(String(err)))
    return () => {
      live = false
    }
  }, [id, tick])
  useEffect(() => setActive(null), [id])
  usePushEvent('changes', (n) => {
    if (n.all || n.incidentIds.includes(id)) setTick((x) => x + 1)
  })

  // Right after another case is picked the previous one's detail is still loaded: never show it
  // (or let a shortcut act on it) as if it were this one.
  const detail = loaded?.incident.id === id ? loaded : null
  const offered = useMemo(() => (detail ? offeredActions(detail.allowedActions) : []), [detail])
  // A layout effect: the listener must know the loaded case's actions as soon as its panel is on
  // screen. A passive effect runs a moment after paint, and a key pressed in between was dropped.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isEditable(e.target)) {
        if (active) {
          setActive(null)
          onFormClosed?.(id, false)
        }
        return
      }
      const action = actionForKey(
        { key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, inEditable: isEditable(e.target) },
        offered,
      )
      if (action) {
        e.preventDefault()
        onActing?.(id)
        setActive(action)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [offered, active, id, onActing, onFormClosed])

  if (!detail) {
    return <aside className="detail-panel loading">{failed ?? t('common.loading', { ns: 'translation' })}</aside>
  }
  const i = detail.incident
  const qr = componentQr(i.componentId)
  const kind = componentKind(i.componentId)
  const time = (ms: number | null) => (ms === null ? t('detail.none') : formatDateTime(ms))

  return (
    <aside className="detail-panel" data-testid="detail-panel" data-incident-id={i.id} aria-label={i.code}>
      <header className="detail-head">
        <div className="detail-title-row">
          <span className={`prio prio-${i.priority}`}>{t(`priority.${i.priority}`)}</span>
          <span className="mono detail-code" data-testid="detail-code">
            {i.code}
          </span>
          <span className={`status-chip st-${i.status}`} data-testid="detail-status">
            {t(`status.${i.status}`)}
          </span>
          <button type="button" className="icon-btn" aria-label={t('detail.close')} onClick={props.onClose}>
            ×
          </button>
        </div>
        <h3 className="detail-title">{i.title}</h3>
        <div className="detail-sub">
          <DeadlineCountdown incident={i} />
          {i.pending.length > 0 && (
            <span className="pending-chip" data-testid="detail-pending">
              <span className="pending-dot" aria-hidden />
              {t('detail.pending', { actions: i.pending.map((a) => t(`actions.${a}`)).join('、') })}
            </span>
          )}
        </div>
      </header>

      <section className="detail-section">
        <h4>
          {t('detail.actions')} <small className="muted">{t('detail.shortcutHint')}</small>
        </h4>
        <ActionBar
          actions={offered}
          active={active}
          onPick={(a) => {
            onActing?.(i.id)
            setActive(a)
          }}
        />
        {active === 'merge' && (
          <MergeView
            key={`${i.id}-merge`}
            incident={i}
            candidates={detail.suggestedDuplicates}
            index={index}
            onDone={() => {
              setActive(null)
              onFormClosed?.(i.id, true)
            }}
            onCancel={() => {
              setActive(null)
              onFormClosed?.(i.id, false)
            }}
          />
        )}
        {active && active !== 'merge' && (
          <ActionForm
            key={`${i.id}-${active}`}
            action={active}
            incident={i}
            reference={props.reference}
            index={index}
            onDone={() => {
              setActive(null)
              onFormClosed?.(i.id, true)
            }}
            onCancel={() => {
              setActive(null)
              onFormClosed?.(i.id, false)
            }}
          />
        )}
      </section>
      <section className="detail-section">
        <h4>{t('detail.location')}</h4>
        <dl className="facts compact two">
          <Fact label={t('detail.town')}>{index.townName(i.townId)}</Fact>
          <Fact label={t('detail.grid')}>{index.gridName(i.gridId)}</Fact>
          <Fact label={t('detail.address')} wide>
            {i.address}
          </Fact>
          <Fact label={t('detail.coordinates')} wide>
            <span className="mono">
              {i.lat.toFixed(5)}, {i.lng.toFixed(5)}
            </span>
          </Fact>
          <Fact label={t('detail.component')} testId="detail-component" wide>
            {i.componentId ? (
              <>
                {kind ? `${t(`componentKind.${kind}`)} · ` : ''}
                <span className="mono">{i.componentId}</span>
              </>
            ) : (
              t('detail.noComponent')
            )}
          </Fact>
          {qr && (
            <Fact label={t('detail.qr')} wide>
              <span className="mono">{qr}</span>
            </Fact>
          )}
          {i.mediaUrl && (
            <Fact label={t('detail.photo')} testId="detail-photo" wide>
              <PhotoLink url={i.mediaUrl} />
            </Fact>
          )}
        </dl>
      </section>
      <section className="detail-section">
        <h4>{t('detail.handling')}</h4>
        <dl className="facts compact two">
          <Fact label={t('detail.assignee')} wide>
            {index.assigneeName(i.assigneeKind, i.assigneeId) || t('detail.none')}
          </Fact>
          <Fact label={t('detail.dispatchedAt')}>{time(i.dispatchedAt)}</Fact>
          <Fact label={t('detail.deadline')}>{time(i.deadline)}</Fact>
          {i.deadlineReason && (
            <Fact label={t('deadlineField.reasonFact')} wide testId="detail-deadline-reason">
              {i.deadlineReason}
            </Fact>
          )}
          <Fact label={t('detail.acknowledgedAt')}>{time(i.acknowledgedAt)}</Fact>
          <Fact label={t('detail.resolvedAt')}>{time(i.resolvedAt)}</Fact>
          <Fact label={t('detail.verifiedAt')}>{time(i.verifiedAt)}</Fact>
          <Fact label={t('detail.closedAt')}>{time(i.closedAt)}</Fact>
          {i.suspended && (
            <Fact label={t('detail.suspended')} wide>
              {t('detail.suspendedYes')}
            </Fact>
          )}
          <Fact label={t('detail.escalation')}>{i.escalationLevel}</Fact>
          <Fact label={t('detail.rework')}>{i.reworkCount}</Fact>
        </dl>
      </section>
      <section className="detail-section">
        <h4>{t('detail.timeline')}</h4>
        <MergeLinks related={detail.related} />
        <Timeline entries={detail.timeline} index={index} related={detail.related} />
      </section>
      <section className="detail-section">
        <h4>{t('detail.basics')}</h4>
        <dl className="facts compact two">
          <Fact label={t('detail.category')}>{t(`category.${i.category}`)}</Fact>
          <Fact label={t('detail.source')}>{t(`source.${i.source}`)}</Fact>
          <Fact label={t('detail.reportedAt')}>{time(i.reportedAt)}</Fact>
          <Fact label={t('detail.reporter')}>{index.personName(i.reporterId)}</Fact>
          <Fact label={t('detail.description')} wide>
            {i.description || t('detail.none')}
          </Fact>
          {i.duplicateOf && (
            <Fact label={t('detail.duplicateOf')}>
              <span className="mono">{caseCode(detail.related, i.duplicateOf)}</span>
            </Fact>
          )}
          <Fact label={t('detail.version')}>{i.version}</Fact>
        </dl>
      </section>
    </aside>
  )
}
