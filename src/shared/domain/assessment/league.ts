import type { RuleSet, TieBreak } from './rules'
import type { UnitScore } from './score'

export interface LeagueEntry extends UnitScore {
  /** 1-based; equal entries (score to two decimals, main rate, volume) share a rank. Null: 样本不足. */
  readonly rank: number | null
  /** Among the last `bottomN` ranks. */
  readonly bottom: boolean
  /** Score in the previous period, when the unit was assessed then. */
  readonly previousScore: number | null
  /**
   * score − previousScore (two decimals), only when the unit is ranked in both periods: a change
   * from or to a 样本不足 period (a handful of cases) would be noise, not progress.
   */
  readonly change: number | null
}

export interface League {
  /** Ranked units, best first. */
  readonly ranked: readonly LeagueEntry[]
  /** Below the minimum volume (样本不足): shown apart, by id. */
  readonly insufficient: readonly LeagueEntry[]
}

/** Scores compare at two decimals, as printed (so two units that print the same tie). */
export const round2 = (v: number): number => Math.round(v * 100) / 100

/**
 * The tie rule, stated once: higher score (two decimals) first; then, by the rule set's tieBreak,
 * the higher main-step on-time rate and then more judged cases (`main_rate`, the default) or the
 * other way round (`volume`); units still equal share a rank and are listed by id.
 */
function comparer(tieBreak: TieBreak): (a: Keyed, b: Keyed) => number {
  const byRate = tieBreak !== 'volume'
  return (a, b) =>
    b.printed - a.printed ||
    (byRate ? b.rate - a.rate || b.s.volume - a.s.volume : b.s.volume - a.s.volume || b.rate - a.rate) ||
    (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0)
}

/** A score with its sort keys worked out once (a league sorts thousands of units). */
interface Keyed {
  readonly s: UnitScore
  readonly printed: number
  readonly rate: number
}

const equal = (a: UnitScore, b: UnitScore) =>
  round2(a.score) === round2(b.score) && (a.mainRate ?? -1) === (b.mainRate ?? -1) && a.volume === b.volume

export function rankUnits(scores: readonly UnitScore[], rules: RuleSet, previous: readonly UnitScore[] = []): League {
  const before = new Map(previous.map((p) => [p.id, p]))
  const withChange = (s: UnitScore) => {
    const p = before.get(s.id)
    const bothRanked = p !== undefined && p.volume >= rules.minVolume && s.volume >= rules.minVolume
    return { previousScore: p?.score ?? null, change: bothRanked ? round2(s.score - p.score) : null }
  }
  const eligible = scores
    .filter((s) => s.volume >= rules.minVolume)
    .map((s): Keyed => ({ s, printed: round2(s.score), rate: s.mainRate ?? -1 }))
    .sort(comparer(rules.tieBreak))
    .map((k) => k.s)
  const ranks: number[] = []
  eligible.forEach((s, i) => {
    const prev = eligible[i - 1]
    ranks.push(prev && equal(prev, s) ? (ranks[i - 1] as number) : i + 1)
  })
  const lastRanks = new Set([...new Set(ranks)].slice(-rules.bottomN))
  // A league too small to have a top and a bottom highlights nobody.
  const highlight = eligible.length > rules.bottomN
  const ranked = eligible.map((s, i) => ({
    ...s,
    rank: ranks[i] as number,
    bottom: highlight && rules.bottomN > 0 && lastRanks.has(ranks[i] as number),
    ...withChange(s),
  }))
  const insufficient = scores
    .filter((s) => s.volume < rules.minVolume)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => ({ ...s, rank: null, bottom: false, ...withChange(s) }))
  return { ranked, insufficient }
}
