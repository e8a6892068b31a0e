import type { LeagueRow } from '@shared/contract'
import type { Rate } from '@shared/domain'

/**
 * A league as the wall shows it to a room 10 m away (docs/assessment.md, "The wall"): every ranked
 * row, a page of `perPage` at a time, with the last `bottomN` (末位) always in view below a rule of
 * their own — the worst performers never wait for their page — and the units below the minimum
 * volume (样本不足) apart, by name only. Pure; the rows come in the core's order, best first.
 */
export interface WallLeagueRow {
  readonly rank: number
  readonly id: string
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly assessed: number
  readonly overdue: number
}

export interface WallLeague {
  /** The ranked rows above the 末位 block, in pages. */
  readonly pages: readonly (readonly WallLeagueRow[])[]
  /** The last `bottomN` ranked rows (末位), always shown. */
  readonly bottom: readonly WallLeagueRow[]
  /** Below the minimum volume (样本不足): not ranked. */
  readonly insufficient: readonly string[]
  readonly ranked: number
}

export function wallLeague(
  rows: readonly LeagueRow[],
  o: { readonly minVolume: number; readonly bottomN: number; readonly perPage: number },
): WallLeague {
  const eligible = rows.filter((r) => r.completionRate !== null && r.assessed >= o.minVolume)
  const ranked = eligible.map((r, i) => ({
    rank: i + 1,
    id: r.id,
    completionRate: r.completionRate,
    onTimeRate: r.onTimeRate,
    assessed: r.assessed,
    overdue: r.overdue,
  }))
  // A league too short to have a top and a bottom singles nobody out (as the assessment does).
  const cut = ranked.length > o.bottomN ? ranked.length - o.bottomN : ranked.length
  const body = ranked.slice(0, cut)
  const pages: WallLeagueRow[][] = []
  for (let i = 0; i < body.length; i += Math.max(1, o.perPage)) pages.push(body.slice(i, i + Math.max(1, o.perPage)))
  return {
    pages: pages.length > 0 ? pages : [[]],
    bottom: ranked.slice(cut),
    insufficient: rows.filter((r) => !eligible.includes(r)).map((r) => r.id),
    ranked: ranked.length,
  }
}
