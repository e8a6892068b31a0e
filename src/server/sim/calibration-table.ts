import type { Rate } from '@shared/domain'
import { SOURCE } from '../reference/source-figures'
import type { Calibration } from './calibrate'
import { EVENTS_PER_CASE } from './rates'

const pct = (r: Rate, digits = 1): string => (r === null ? '—' : `${(r * 100).toFixed(digits)}%`)
const num = (n: number): string => Math.round(n).toLocaleString('en-US')
const ratio = (a: number, b: number): Rate => (b > 0 ? a / b : null)

/**
 * The calibration report: the generated district's figures over the span
 * beside the source's, as Markdown tables (the README shows one). Counts are
 * given at the source's scale: a run at volume v counts 1/v of its cases.
 */
export function calibrationTable(c: Calibration, seed: string): string {
  const k = c.volume > 0 ? 1 / c.volume : 0
  const scaled = (n: number) => num(n * k)
  const end = new Date(c.end - 1 + 8 * 3_600_000).toISOString().slice(0, 10)
  const df = c.dongfeng
  const sf = SOURCE.dongfeng.fire2021
  const sg = SOURCE.dongfeng.gas2021
  const lines = [
    `Generated district: seed \`${seed}\`, ${c.days} days to ${end}, volume ${c.volume} ` +
      `(${num(c.casesPerDay)} reports a day city-wide; ${num(c.year.reports)} cases simulated` +
      `${c.volume === 1 ? '' : `, counts below ×${k.toFixed(k < 10 ? 2 : 0)} to the source's scale`}).`,
    '',
    '| figure | generated | source |',
    '|---|---:|---:|',
    `| completion rate 办结率 (the span's cases, at its end) | ${pct(c.year.completionRate)} | |`,
    `| the same over the last 182 days (a half-year) | ${pct(c.halfYear.completionRate)} | ${pct(SOURCE.city.completionRate, 0)} (city, first half-year) |`,
    `| the same over the last 30 days (the wall's window) | ${pct(c.window.completionRate)} | |`,
    `| on-time rate 按期办结率 | ${pct(c.year.onTimeRate)} | |`,
    `| Dongfeng fire non-compliances found / rectified | ${scaled(df.fire.found)} / ${scaled(df.fire.rectified)} (${pct(df.fire.rate)}) | ${num(sf.found)} / ${num(sf.rectified)} (${pct(ratio(sf.rectified, sf.found))}) |`,
    `| Dongfeng gas non-compliances found / rectified | ${scaled(df.gas.found)} / ${scaled(df.gas.rectified)} (${pct(df.gas.rate)}) | ${num(sg.found)} / ${num(sg.rectified)} (${pct(ratio(sg.rectified, sg.found))}) |`,
    `| fire rectification, city-wide | ${pct(c.year.fire.rate)} | ${pct(ratio(sf.rectified, sf.found))} (Dongfeng) |`,
    `| gas rectification, city-wide | ${pct(c.year.gas.rate)} | ${pct(ratio(sg.rectified, sg.found))} (Dongfeng) |`,
    `| fire and gas rectification, last 30 days (the wall) | ${pct(c.window.fire.rate)} / ${pct(c.window.gas.rate)} | |`,
    `| gas found ÷ fire found | ${(ratio(c.year.gas.found, c.year.fire.found) ?? 0).toFixed(2)} | ${(sg.found / sf.found).toFixed(2)} |`,
    `| Dongfeng fire + gas found a day | ${(((df.fire.found + df.gas.found) * k) / c.days).toFixed(1)} | ${((sf.found + sg.found) / 365).toFixed(1)} |`,
    `| returned at the grid worker's check (verification failures) | ${pct(c.verificationFailureRate)} | |`,
    `| closed cases reworked at least once | ${pct(c.reworkRate)} | |`,
    `| dispatches misrouted to a neighbour and sent back (退单) | ${pct(c.misrouteRate)} | |`,
    `| events per case | ${c.eventsPerCase.toFixed(2)} | (model: ${EVENTS_PER_CASE}) |`,
    '',
    '| town | population share | report share | ratio | reports a day |',
    '|---|---:|---:|---:|---:|',
    ...c.towns.map(
      (t) =>
        `| ${t.name} | ${pct(t.populationShare)} | ${pct(t.share)} | ${(t.share / t.populationShare).toFixed(2)} | ${((t.reports * k) / c.days).toFixed(0)} |`,
    ),
    '',
    '| category | report share | model mix |',
    '|---|---:|---:|',
    ...c.categories.map((x) => `| ${x.id} | ${pct(x.share)} | ${pct(x.target, 0)} |`),
  ]
  return lines.join('\n')
}
