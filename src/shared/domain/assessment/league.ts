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
  const eligible = scores
    .filter((s) => s.volume >= rules.minVolume)
    .map(keyed)
    .sort(comparer(rules.tieBreak))
    .map((k) => k.s)
  const insufficient = scores.filter((s) => s.volume < rules.minVolume).sort(byId)
  return rankSorted(eligible, insufficient, rules, new Map(previous.map((p) => [p.id, p])), entry)
}

const byId = (a: UnitScore, b: UnitScore) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const keyed = (s: UnitScore): Keyed => ({ s, printed: round2(s.score), rate: s.mainRate ?? -1 })

/** How a ranked or 样本不足 unit becomes a row (rankUnits: a LeagueEntry; the live report: its own row). */
export type RowMaker<R> = (
  s: UnitScore,
  rank: number | null,
  bottom: boolean,
  previousScore: number | null,
  change: number | null,
) => R

const entry: RowMaker<LeagueEntry> = (s, rank, bottom, previousScore, change) => ({
  ...s,
  rank,
  bottom,
  previousScore,
  change,
})

/**
 * The league from units already in order (the eligible ones by the tie rule, the 样本不足 ones by
 * id): ranks, the bottom marks and the change from the previous period. rankUnits sorts first;
 * LeagueBook keeps them in order as they change.
 */
function rankSorted<R>(
  eligible: readonly UnitScore[],
  insufficient: readonly UnitScore[],
  rules: RuleSet,
  before: ReadonlyMap<string, UnitScore>,
  make: RowMaker<R>,
): { ranked: R[]; insufficient: R[] } {
  const row = (s: UnitScore, rank: number | null, bottom: boolean) => {
    const p = before.get(s.id)
    const bothRanked = p !== undefined && p.volume >= rules.minVolume && s.volume >= rules.minVolume
    return make(s, rank, bottom, p?.score ?? null, bothRanked ? round2(s.score - p.score) : null)
  }
  const ranks: number[] = new Array<number>(eligible.length)
  for (let i = 0; i < eligible.length; i++)
    ranks[i] = i > 0 && equal(eligible[i - 1] as UnitScore, eligible[i] as UnitScore) ? (ranks[i - 1] as number) : i + 1
  // The last `bottomN` distinct ranks: from the last rank down, bottomN changes of rank.
  let cut = Number.POSITIVE_INFINITY
  for (let i = eligible.length - 1, seen = 0; i >= 0 && seen < rules.bottomN; i--) {
    if (i === eligible.length - 1 || ranks[i] !== ranks[i + 1]) {
      seen++
      cut = ranks[i] as number
    }
  }
  // A league too small to have a top and a bottom highlights nobody.
  const highlight = eligible.length > rules.bottomN && rules.bottomN > 0
  const ranked = eligible.map((s, i) => row(s, ranks[i] as number, highlight && (ranks[i] as number) >= cut))
  return { ranked, insufficient: insufficient.map((s) => row(s, null, false)) }
}

/**
 * One unit kind's league kept in order while units change (the live assessment's re-rank): a
 * changed unit is taken out of its sorted place and put into its new one by binary search, so a
 * refresh after a few changes re-places those units instead of sorting the league again. Its
 * league() equals rankUnits over the same scores (test/unit/domain/assessment-live.test.ts).
 */
export class LeagueBook {
  private readonly eligible: Keyed[] = []
  private readonly thin: UnitScore[] = []
  private readonly held = new Map<string, Keyed>()
  private readonly compare: (a: Keyed, b: Keyed) => number

  constructor(private readonly rules: RuleSet) {
    this.compare = comparer(rules.tieBreak)
  }

  /** A book of these scores, sorted once. */
  static of(scores: readonly UnitScore[], rules: RuleSet): LeagueBook {
    const book = new LeagueBook(rules)
    const compare = book.compare
    for (const s of scores) {
      const k = keyed(s)
      book.held.set(s.id, k)
      if (s.volume >= rules.minVolume) book.eligible.push(k)
      else book.thin.push(s)
    }
    book.eligible.sort(compare)
    book.thin.sort(byId)
    return book
  }

  /** Puts a unit's (new) score in its place. */
  set(score: UnitScore): void {
    this.delete(score.id)
    const k = keyed(score)
    this.held.set(score.id, k)
    if (score.volume >= this.rules.minVolume) this.eligible.splice(this.place(k), 0, k)
    else this.thin.splice(this.thinPlace(score), 0, score)
  }

  delete(id: string): void {
    const k = this.held.get(id)
    if (!k) return
    this.held.delete(id)
    if (k.s.volume >= this.rules.minVolume) this.eligible.splice(this.place(k), 1)
    else this.thin.splice(this.thinPlace(k.s), 1)
  }

  get(id: string): UnitScore | undefined {
    return this.held.get(id)?.s
  }

  league(previous: ReadonlyMap<string, UnitScore>): League {
    return this.rows(previous, entry)
  }

  /** The league's rows made by `make`, best first, and the 样本不足 ones by id. */
  rows<R>(previous: ReadonlyMap<string, UnitScore>, make: RowMaker<R>): { ranked: R[]; insufficient: R[] } {
    return rankSorted(
      this.eligible.map((k) => k.s),
      this.thin,
      this.rules,
      previous,
      make,
    )
  }

  /** The index of k in the eligible order (where it is, or where it goes: the order is total, ids last). */
  private place(k: Keyed): number {
    let lo = 0
    let hi = this.eligible.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.compare(this.eligible[mid] as Keyed, k) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private thinPlace(s: UnitScore): number {
    let lo = 0
    let hi = this.thin.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (byId(this.thin[mid] as UnitScore, s) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
