import { useEffect, useEffectEvent, useMemo, useState, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { useNow, usePushEvent, useRequest } from '../../api/hooks'
import { clockTime } from '../../lib/format'
import { scopeLabel } from '../../data/situation-shape'
import { useNames, useSituation } from '../../data/use-situation'
import { useMapFigures } from '../../data/use-map-figures'
import {
  advance,
  playlistFromQuery,
  secondsLeft,
  startPlaylist,
  step,
  stepSub,
  togglePause,
  WALL_PAGES,
  wallText,
  wallUnit,
} from './playlist'
import { AreasPage, LeaguePage, leaguePages, MapPage, OverviewPage, RectificationPage } from './WallPages'
import { wallLeague } from './wall-league'
import { rectificationProgress } from './wall-rectification'
import './wall.css'

const DEFAULT_SECONDS = 20
/** Ranked rows per page of a league on the wall (the 末位 rows below them are always shown). */
const LEAGUE_ROWS_PER_PAGE = 8

function useViewport(): { width: number; height: number } {
  const read = () => ({ width: window.innerWidth, height: window.innerHeight })
  const [size, setSize] = useState(read)
  useEffect(() => {
    const on = () => setSize(read())
    window.addEventListener('resize', on)
    return () => window.removeEventListener('resize', on)
  }, [])
  return size
}

/** Query from the address (`/wall?page=…`) or the hash (`#/wall?page=…`). */
function wallQuery(): string {
  const hashQuery = window.location.hash.split('?')[1] ?? ''
  return `${window.location.search}&${hashQuery}`
}

/**
 * The video wall: full screen, unattended, readable from across the room. Pages
 * rotate on a schedule (space or a click pauses; arrows step; nothing is
 * required). When the link is down it says so across the top and every tile
 * shows "data as of HH:MM"; it recovers by itself.
 */
export function WallView() {
  const { t, i18n } = useTranslation('situation')
  const { aggregates: a, freshness, status } = useSituation()
  const names = useNames()
  const map = useMapFigures()
  const { data: saved } = useRequest('layout.get', {})
  const now = useNow(1000)
  const query = useMemo(() => playlistFromQuery(wallQuery()), [])
  const seconds = query.seconds ?? saved?.layout?.wallSeconds ?? DEFAULT_SECONDS
  // The active rule set: its minimum volume and 末位 count shape the leagues, its year target the 整改 page.
  const { data: active, reload: reloadRules } = useRequest('assessment.ruleSet', {})
  usePushEvent('ruleSet', reloadRules)
  const rules = active?.ruleSet
  const leagues = useMemo(() => {
    const o = { minVolume: rules?.minVolume ?? 1, bottomN: rules?.bottomN ?? 3, perPage: LEAGUE_ROWS_PER_PAGE }
    return { towns: wallLeague(a?.towns ?? [], o), departments: wallLeague(a?.departments ?? [], o) }
  }, [a?.towns, a?.departments, rules?.minVolume, rules?.bottomN])
  const subPages = (i: number) => (WALL_PAGES[i] === 'league' ? leaguePages(leagues) : 1)
  const [playlist, setPlaylist] = useState(() => startPlaylist(Date.now(), query.index, query.paused))
  const current = advance(playlist, now, seconds, WALL_PAGES.length, subPages)
  if (current !== playlist) setPlaylist(current)
  const onRectification = WALL_PAGES[current.index] === 'rectification'
  // The year's assessment is re-read with the aggregates' pushes, at most once a minute, while it shows.
  const { data: year } = useRequest('assessment.report', { period: { kind: 'year' }, unitKind: 'town' }, [
    onRectification,
    onRectification && a ? Math.floor(a.computedAt / 60_000) : 0,
    active?.revision,
  ])
  const rectification = useMemo(
    () => (year && rules ? rectificationProgress(year, rules.targets.rectification) : null),
    [year, rules],
  )
  const { width, height } = useViewport()
  const unit = wallUnit(height, width)
  const text = wallText(unit)

  // Read at the key press: the league's page count as it is then.
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const pagesNow = leaguePages(leagues)
    const sub = (i: number) => (WALL_PAGES[i] === 'league' ? pagesNow : 1)
    if (e.key === ' ' || e.key === 'p') setPlaylist((p) => togglePause(p, Date.now()))
    else if (e.key === 'ArrowRight') setPlaylist((p) => step(p, 1, Date.now()))
    else if (e.key === 'ArrowLeft') setPlaylist((p) => step(p, -1, Date.now()))
    else if (e.key === 'ArrowDown') setPlaylist((p) => stepSub(p, 1, Date.now(), sub))
    else if (e.key === 'ArrowUp') setPlaylist((p) => stepSub(p, -1, Date.now(), sub))
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  const page = WALL_PAGES[current.index] ?? 'overview'
  // How far the current page is through its time (drawn under its tab instead of a countdown).
  const progress = 1 - secondsLeft(current, now, seconds) / seconds
  const style = { '--u': `${unit}px` } as CSSProperties
  const asOf = freshness.asOf !== null ? clockTime(freshness.asOf) : '—'
  return (
    <div
      className={`wall ${freshness.live ? 'is-live' : 'is-stale'}`}
      style={style}
      data-testid="wall"
      data-page={page}
      data-sub={current.sub}
      data-version={a?.version ?? ''}
      data-live={freshness.live}
      data-link={freshness.state}
      onClick={() => setPlaylist((p) => togglePause(p, Date.now()))}
    >
      <header className="wall-head">
        <div className="wall-title" data-testid="wall-title">
          {t('wall.title', {
            scope: scopeLabel(status?.operator?.towns, names.town, t('wall.wholeCity'), t('dashboard.scopeSeparator')),
          })}
        </div>
        <nav className="wall-pages">
          {WALL_PAGES.map((p, i) => (
            <span
              key={p}
              className={i === current.index ? 'on' : ''}
              style={
                i === current.index && !current.paused ? ({ '--p': `${progress * 100}%` } as CSSProperties) : undefined
              }
            >
              {t(`wall.pages.${p}`)}
            </span>
          ))}
        </nav>
        <div className="wall-state">
          {current.paused && (
            <span
              className="wall-paused"
              data-testid="wall-paused"
              title={t('wall.paused')}
              aria-label={t('wall.paused')}
            >
              ❚❚
            </span>
          )}
          <span className={`wall-link link-${freshness.state}`} data-testid="wall-link">
            <span className="dot" />
            {freshness.live
              ? t('link.live')
              : freshness.state === 'catching_up'
                ? t('link.catchingUp')
                : freshness.state === 'checking'
                  ? t('link.checking')
                  : t('age.asOf', { time: asOf })}
          </span>
          <span className="wall-clock">{clockTime(now, true)}</span>
        </div>
      </header>
      {!freshness.live && freshness.state !== 'catching_up' && freshness.state !== 'checking' && (
        <div className="wall-offline" role="alert" data-testid="wall-offline">
          <strong>{freshness.state === 'host_lost' ? t('link.hostLost') : t('link.offlineTitle')}</strong>
          <span>{t('link.offlineBody', { time: asOf })}</span>
        </div>
      )}
      <main className="wall-main" data-operator={status?.operator?.role ?? ''}>
        {!a ? (
          <div className="wall-loading">{t('dashboard.loading')}</div>
        ) : page === 'overview' ? (
          <OverviewPage a={a} freshness={freshness} names={names} text={text} />
        ) : page === 'areas' ? (
          <AreasPage a={a} freshness={freshness} names={names} text={text} />
        ) : page === 'league' ? (
          <LeaguePage a={a} freshness={freshness} names={names} text={text} leagues={leagues} sub={current.sub} />
        ) : page === 'rectification' ? (
          <RectificationPage a={a} freshness={freshness} names={names} text={text} progress={rectification} />
        ) : (
          <MapPage
            a={a}
            freshness={freshness}
            names={names}
            text={text}
            map={map}
            locale={i18n.language === 'en' ? 'en' : 'zh-CN'}
          />
        )}
      </main>
    </div>
  )
}
