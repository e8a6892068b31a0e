import { useTranslation } from 'react-i18next'
import { formatCount, formatRate, rateTone } from '../../data/situation-shape'
import type { WallLeague as League, WallLeagueRow } from './wall-league'

function Row({ r, name }: { r: WallLeagueRow; name: string }) {
  return (
    <tr data-rank={r.rank} data-id={r.id}>
      <td className="rank">{r.rank}</td>
      <td className="name">{name}</td>
      <td className={`num tone-${rateTone(r.completionRate)}`}>{formatRate(r.completionRate)}</td>
      <td className="num">{formatRate(r.onTimeRate)}</td>
      <td className="num">{formatCount(r.assessed)}</td>
      <td className={`num ${r.overdue > 0 ? 'bad' : ''}`}>{formatCount(r.overdue)}</td>
    </tr>
  )
}

/**
 * One league on the wall: the current page of ranked rows, then the 末位 rows under a rule of
 * their own (always in view), then the 样本不足 units by name.
 */
export function WallLeagueTable({
  league,
  page,
  name,
  testId,
}: {
  league: League
  page: number
  name: (id: string) => string
  testId: string
}) {
  const { t } = useTranslation('situation')
  const rows = league.pages[page % league.pages.length] ?? []
  return (
    <div className="wall-league" data-testid={testId}>
      <table className="league">
        <thead>
          <tr>
            <th className="rank">{t('league.rank')}</th>
            <th>{t('league.name')}</th>
            <th className="num">{t('league.completion')}</th>
            <th className="num">{t('league.onTime')}</th>
            <th className="num">{t('league.assessed')}</th>
            <th className="num">{t('league.overdue')}</th>
          </tr>
        </thead>
        <tbody className="wall-league-page" data-testid={`${testId}-page`}>
          {rows.map((r) => (
            <Row key={r.id} r={r} name={name(r.id)} />
          ))}
        </tbody>
        {league.bottom.length > 0 && (
          <tbody className="wall-league-bottom" data-testid={`${testId}-bottom`}>
            <tr className="wall-league-rule">
              <td colSpan={6}>{t('wall.bottom', { n: league.bottom.length })}</td>
            </tr>
            {league.bottom.map((r) => (
              <Row key={r.id} r={r} name={name(r.id)} />
            ))}
          </tbody>
        )}
      </table>
      {league.insufficient.length > 0 && (
        <p className="wall-league-insufficient" data-testid={`${testId}-insufficient`}>
          <span className="label">{t('wall.insufficient')}</span>
          {league.insufficient.map((id) => name(id)).join(t('dashboard.scopeSeparator'))}
        </p>
      )}
    </div>
  )
}
