#!/usr/bin/env node
/**
 * `npm run mutate [-- stryker flags]`: runs StrykerJS (stryker.config.mjs) and writes the score per
 * folder to bench/results/mutation-score.{md,json} from its JSON report. Extra flags go to Stryker,
 * e.g. `npm run mutate -- --mutate "src/server/log/**\/*.ts"` to work on one folder (the summary
 * then covers what that run mutated).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const REPORT = path.join(ROOT, 'reports/mutation/mutation.json')
const OUT = path.join(ROOT, 'bench/results')

/** The folders the issue scopes the score to (stryker.config.mjs `mutate`), most specific first. */
export const FOLDERS = [
  'src/server/http/open311-format.ts',
  'src/shared/domain',
  'src/server/log',
  'src/server/commands',
  'src/main/core/sync',
]

const UNDETECTED = new Set(['Survived', 'NoCoverage'])

/** Stryker's mutation score: detected ÷ (detected + undetected); compile and runtime errors and ignored mutants do not count. */
export function summarise(report) {
  const rows = new Map(
    FOLDERS.map((f) => [f, { folder: f, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 }]),
  )
  const survivors = []
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/')
    const folder = FOLDERS.find((f) => rel === f || rel.startsWith(`${f}/`))
    if (!folder) continue
    const row = rows.get(folder)
    for (const m of mutants) {
      if (m.status === 'Killed') row.killed++
      else if (m.status === 'Timeout') row.timeout++
      else if (m.status === 'Survived') row.survived++
      else if (m.status === 'NoCoverage') row.noCoverage++
      else if (m.status === 'Ignored') row.ignored++
      else row.errors++
      if (UNDETECTED.has(m.status))
        survivors.push(
          `${rel}:${m.location.start.line} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '').slice(0, 80)} (${m.status})`,
        )
    }
  }
  const out = [...rows.values()].map((r) => {
    const detected = r.killed + r.timeout
    const valid = detected + r.survived + r.noCoverage
    return { ...r, valid, score: valid > 0 ? Math.round((1000 * detected) / valid) / 10 : null }
  })
  const total = out.reduce(
    (t, r) => ({
      killed: t.killed + r.killed,
      timeout: t.timeout + r.timeout,
      survived: t.survived + r.survived,
      noCoverage: t.noCoverage + r.noCoverage,
      ignored: t.ignored + r.ignored,
      errors: t.errors + r.errors,
      valid: t.valid + r.valid,
    }),
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, valid: 0 },
  )
  const score = total.valid > 0 ? Math.round((1000 * (total.killed + total.timeout)) / total.valid) / 10 : null
  return { folders: out.filter((r) => r.valid + r.ignored + r.errors > 0), total: { ...total, score }, survivors }
}

function markdown(s, meta) {
  const pct = (v) => (v === null ? '—' : `${v.toFixed(1)} %`)
  const lines = [
    '# Mutation score',
    '',
    `StrykerJS ${meta.stryker}, ${meta.date}, ${meta.duration}. \`npm run mutate\` (stryker.config.mjs); score = (killed + timed out) ÷ (those + survived + not covered).`,
    'Static mutants (module-level tables) are ignored (`ignoreStatic`); compile errors are mutants the TypeScript checker rejects.',
    '',
    '| folder | score | mutants | killed | timed out | survived | no coverage | ignored (static) | compile/runtime errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...s.folders.map(
      (r) =>
        `| \`${r.folder}\` | ${pct(r.score)} | ${r.valid} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.errors} |`,
    ),
    `| **all** | **${pct(s.total.score)}** | ${s.total.valid} | ${s.total.killed} | ${s.total.timeout} | ${s.total.survived} | ${s.total.noCoverage} | ${s.total.ignored} | ${s.total.errors} |`,
    '',
    `## Mutants no test noticed (${s.survivors.length})`,
    '',
    ...s.survivors.map((l) => `- ${l}`),
    '',
  ]
  return lines.join('\n')
}

function minutes(ms) {
  const m = Math.round(ms / 60_000)
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const summaryOnly = process.argv.includes('--summary-only')
  const started = Date.now()
  if (!summaryOnly) {
    const bin = path.join(ROOT, 'node_modules/.bin/stryker')
    const r = spawnSync(bin, ['run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
    if (r.status !== 0) process.exit(r.status ?? 1)
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8'))
  const summary = summarise(report)
  const stryker = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/@stryker-mutator/core/package.json'), 'utf8'),
  ).version
  const meta = {
    stryker,
    date: new Date().toISOString().slice(0, 10),
    duration: summaryOnly ? 'duration not measured (summary only)' : `mutation run ${minutes(Date.now() - started)}`,
  }
  mkdirSync(OUT, { recursive: true })
  writeFileSync(path.join(OUT, 'mutation-score.json'), `${JSON.stringify({ ...meta, ...summary }, null, 2)}\n`)
  writeFileSync(path.join(OUT, 'mutation-score.md'), markdown(summary, meta))
  console.log(markdown({ ...summary, survivors: [] }, meta))
}
