import type { CommandProcessor, Submission } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import { runDistrict } from './district-run'
import type { RateModel } from './rates'
import { DAY } from './time-model'

export interface HistoryOptions {
  readonly seed: string
  /** The district's traffic (the live simulator continues at the same rates). */
  readonly rates: RateModel
  /** The moment the history ends; the same seed and `now` give the same history, byte for byte. */
  readonly now: number
  /** Span of district time before `now` (compressed time makes it shorter in real time). */
  readonly days: number
  /** At most about this many reports: the history then covers only the most recent days that hold them. */
  readonly maxIncidents?: number
}

/** Where the history starts: `days` of district time back, or later when the cap on reports is reached first. */
export function historyStart(opts: HistoryOptions): number {
  const span = (opts.days * DAY) / opts.rates.time.scale
  const cap = opts.maxIncidents
  const perMs = (opts.rates.casesPerDay * opts.rates.time.scale) / DAY
  const capped = cap !== undefined && perMs > 0 ? cap / perMs : Infinity
  return Math.round(opts.now - Math.min(span, capped))
}

/**
 * A realistic past as the commands that made it: the district run by the
 * same rates and engine as the live simulator, from an empty store up to
 * `now`, so recent cases are still open and the live stream continues it.
 */
export function planHistory(ref: GeneratedReference, opts: HistoryOptions): Submission[] {
  const out: Submission[] = []
  runDistrict({
    ref,
    seed: `${opts.seed}/history`,
    decisionSeed: opts.seed,
    rates: opts.rates,
    from: historyStart(opts),
    to: opts.now,
    onStep: (sub) => out.push(sub),
  })
  return out
}

/** Writes the history into an empty store through the ordinary command path; returns the events applied. */
export async function seedHistory(
  processor: CommandProcessor,
  ref: GeneratedReference,
  opts: HistoryOptions,
): Promise<number> {
  const replies = await processor.submitMany(planHistory(ref, opts))
  return replies.filter((r) => r.status === 'applied').length
}
