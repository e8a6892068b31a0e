#!/usr/bin/env node
/**
 * `npm run mutate [-- stryker flags]`: runs StrykerJS (stryker.config.mjs) and writes the score per
 * folder to bench/results/mutation-score.{md,json}. Extra flags go to Stryker, e.g.
 * `npm run mutate -- --mutate "src/server/log/**\/*.ts"` to work on one folder: each run's results
 * replace those of the files it mutated in reports/mutation/all.json, and the summary is drawn from
 * that, so a folder can be rerun without rerunning everything. `--summary-only` just rewrites it.
 * The full pass is `npm run mutate` with no flags. The table also goes into README.md, between
 * `<!-- mutation-table -->` and `<!-- /mutation-table -->`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// MUTATE_REPORT_DIR (stryker.config.mjs): a run's own report folder, to run two folders side by side.
const REPORT = path.join(ROOT, process.env.MUTATE_REPORT_DIR ?? 'reports/mutation', 'mutation.json')
const ALL = path.join(ROOT, 'reports/mutation/all.json')
const OUT = path.join(ROOT, 'bench/results')

/** The folders the score is kept for (stryker.config.mjs `mutate`), most specific first. */
export const FOLDERS = [
  'src/server/http/open311-format.ts',
  'src/shared/domain',
  'src/server/log',
  'src/server/commands',
  'src/main/core/sync',
]

const folderOf = (file) => {
  const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/')
  return { rel, folder: FOLDERS.find((f) => rel === f || rel.startsWith(`${f}/`)) ?? null }
}

/**
 * Stryker's mutation score: detected ÷ (detected + undetected); compile and runtime errors and ignored
 * mutants do not count. `sources`: how many source files each folder has, so a folder only partly
 * measured says so.
 */
export function summarise(all, sources = {}) {
  const rows = new Map(
    FOLDERS.map((f) => [
      f,
      {
        folder: f,
        files: 0,
        sources: sources[f] ?? null,
        killed: 0,
        timeout: 0,
        survived: 0,
        noCoverage: 0,
        ignored: 0,
        errors: 0,
      },
    ]),
  )
  const survivors = []
  for (const [file, { mutants }] of Object.entries(all.files)) {
    const { rel, folder } = folderOf(file)
    if (!folder) continue
    const row = rows.get(folder)
    row.files++
    for (const m of mutants) {
      if (m.status === 'Killed') row.killed++
      else if (m.status === 'Timeout') row.timeout++
      else if (m.status === 'Survived') row.survived++
      else if (m.status === 'NoCoverage') row.noCoverage++
      else if (m.status === 'Ignored') row.ignored++
      else row.errors++
      if (m.status === 'Survived' || m.status === 'NoCoverage')
        survivors.push(
          `${rel}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '').slice(0, 80)} (${m.status})`,
        )
    }
  }
  const out = [...rows.values()]
    .map((r) => {
      const detected = r.killed + r.timeout
      const valid = detected + r.survived + r.noCoverage
      return { ...r, valid, score: valid > 0 ? Math.round((1000 * detected) / valid) / 10 : null }
    })
    .filter((r) => r.valid + r.ignored + r.errors > 0)
  const sum = (k) => out.reduce((t, r) => t + r[k], 0)
  const total = {
    killed: sum('killed'),
    timeout: sum('timeout'),
    survived: sum('survived'),
    noCoverage: sum('noCoverage'),
    ignored: sum('ignored'),
    errors: sum('errors'),
    valid: sum('valid'),
  }
  const score = total.valid > 0 ? Math.round((1000 * (total.killed + total.timeout)) / total.valid) / 10 : null
  return { folders: out, total: { ...total, score }, survivors }
}

/** The TypeScript files under each folder (what `npm run mutate` with no flags would mutate). */
function sourceCounts() {
  const count = (rel) => {
    const abs = path.join(ROOT, rel)
    if (!existsSync(abs)) return 0
    if (!statSync(abs).isDirectory()) return 1
    return readdirSync(abs, { recursive: true }).filter((f) => String(f).endsWith('.ts')).length
  }
  return Object.fromEntries(FOLDERS.map((f) => [f, count(f)]))
}

function minutes(ms) {
  const m = Math.round(ms / 60_000)
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`
}

const pct = (v) => (v === null ? '—' : `${v.toFixed(1)} %`)

/** The score table and the runs that produced it (README.md between the markers, and the summary file). */
export function scoreTable(s, meta) {
  return [
    '| folder | files measured | score | mutants | killed | timed out | survived | no coverage | ignored (static) | compile errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...s.folders.map(
      (r) =>
        `| \`${r.folder}\` | ${r.sources !== null && r.sources !== r.files ? `${r.files} of ${r.sources}` : `${r.files}`} | ${pct(r.score)} | ${r.valid} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.errors} |`,
    ),
    `| **all** | ${s.folders.reduce((t, r) => t + r.files, 0)} | **${pct(s.total.score)}** | ${s.total.valid} | ${s.total.killed} | ${s.total.timeout} | ${s.total.survived} | ${s.total.noCoverage} | ${s.total.ignored} | ${s.total.errors} |`,
    '',
    'Runs (wall-clock time of each `npm run mutate` that produced these rows):',
    '',
    ...meta.runs.map(
      (r) =>
        `- ${r.date}: ${r.folders.map((f) => `\`${f}\``).join(', ')} — ${minutes(r.ms)}` +
        (r.tests
          ? `, judged by the tests in ${r.tests
              .split(',')
              .map((t) => `\`${t}\``)
              .join(', ')} only`
          : ', the whole suite but the slow tests'),
    ),
  ].join('\n')
}

export const TABLE_START = '<!-- mutation-table -->'
export const TABLE_END = '<!-- /mutation-table -->'

/** README.md with the text between the markers replaced by `table`. */
export function withTable(readme, table) {
  const a = readme.indexOf(TABLE_START)
  if (a < 0) throw new Error(`README.md has no ${TABLE_START} marker`)
  const b = readme.indexOf(TABLE_END, a)
  const rest = b < 0 ? '\n' : readme.slice(b + TABLE_END.length)
  return `${readme.slice(0, a)}${TABLE_START}\n\n${table}\n\n${TABLE_END}${rest}`
}

function markdown(s, meta, withSurvivors = true) {
  const lines = [
    '# Mutation score',
    '',
    `StrykerJS ${meta.stryker} over the folders below (\`npm run mutate\`, stryker.config.mjs), one test runner on a shared 2-core machine.`,
    'Score = (killed + timed out) ÷ (those + survived + not covered). Static mutants (module-level tables) are ignored',
    '(`ignoreStatic`); compile errors are mutants the TypeScript checker rejects before any test runs.',
    '',
    scoreTable(s, meta),
    '',
    ...(withSurvivors
      ? [
          `## Mutants no test noticed (${s.survivors.length})`,
          '',
          'Equivalent mutants are marked in the source with `// Stryker disable next-line <mutator>: <why>`.',
          '',
          ...s.survivors.map((l) => `- ${l}`),
          '',
        ]
      : []),
  ]
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const summaryOnly = process.argv.includes('--summary-only')
  const all = existsSync(ALL) ? JSON.parse(readFileSync(ALL, 'utf8')) : { files: {}, runs: [] }
  // `--import-report <minutes>`: take in the last report as a run of that length (no new run).
  const imported = process.argv.indexOf('--import-report')
  if (!summaryOnly) {
    let started = Date.now()
    if (imported >= 0) started -= Number(process.argv[imported + 1]) * 60_000
    else {
      const bin = path.join(ROOT, 'node_modules/.bin/stryker')
      const r = spawnSync(bin, ['run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
      if (r.status !== 0) process.exit(r.status ?? 1)
    }
    const report = JSON.parse(readFileSync(REPORT, 'utf8'))
    const folders = new Set()
    for (const [file, result] of Object.entries(report.files)) {
      const { rel, folder } = folderOf(file)
      if (!folder) continue
      folders.add(folder)
      all.files[rel] = { mutants: result.mutants }
    }
    // A folder rerun replaces its results; a file that no longer exists drops out.
    for (const rel of Object.keys(all.files)) if (!existsSync(path.join(ROOT, rel))) delete all.files[rel]
    all.runs = [
      ...(all.runs ?? [])
        .map((run) => ({ ...run, folders: run.folders.filter((f) => !folders.has(f)) }))
        .filter((run) => run.folders.length > 0),
      {
        folders: [...folders],
        date: new Date().toISOString().slice(0, 10),
        ms: Date.now() - started,
        // MUTATE_TESTS (vitest.mutate.config.ts): the run judged mutants with only these tests.
        ...(process.env.MUTATE_TESTS ? { tests: process.env.MUTATE_TESTS } : {}),
      },
    ]
    mkdirSync(path.dirname(ALL), { recursive: true })
    writeFileSync(ALL, JSON.stringify(all))
  }
  const summary = summarise(all, sourceCounts())
  const stryker = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/@stryker-mutator/core/package.json'), 'utf8'),
  ).version
  mkdirSync(OUT, { recursive: true })
  const meta = { stryker, runs: all.runs ?? [] }
  writeFileSync(path.join(OUT, 'mutation-score.json'), `${JSON.stringify({ ...meta, ...summary }, null, 2)}\n`)
  writeFileSync(path.join(OUT, 'mutation-score.md'), markdown(summary, meta))
  const readme = path.join(ROOT, 'README.md')
  writeFileSync(readme, withTable(readFileSync(readme, 'utf8'), scoreTable(summary, meta)))
  console.log(markdown(summary, meta, false))
}
