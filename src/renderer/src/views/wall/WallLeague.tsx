import { useTranslation } from 'react-i18next'
import { LEAGUE_COLUMNS, LeagueHead, LeagueRow } from '../../components/LeagueTable'
import type { WallLeague as League, WallLeagueRow } from './wall-league'

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
  const named = (r: WallLeagueRow) => ({ ...r, name: name(r.id) })
  return (
    <div className="wall-league" data-testid={testId}>
      <table className="league">
        <LeagueHead />
        <tbody className="wall-league-page" data-testid={`${testId}-page`}>
          {rows.map((r) => (
            <LeagueRow key={r.id} r={named(r)} />
          ))}
        </tbody>
        {league.bottom.length > 0 && (
          <tbody className="wall-league-bottom" data-testid={`${testId}-bottom`}>
            <tr className="wall-league-rule">
              <td colSpan={LEAGUE_COLUMNS}>{t('wall.bottom', { n: league.bottom.length })}</td>
            </tr>
            {league.bottom.map((r) => (
              <LeagueRow key={r.id} r={named(r)} />
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
