import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchModule, BenchRow } from './bench-row'

/**
 * `npm run bench [filter]`: runs every bench/*.ts module that exports `run()`,
 * prints one table (each figure beside the baseline measured in the same run)
 * and writes it to bench/results/latest.md for the README.
 */
const dir = import.meta.dirname
const filter = process.argv[2] ?? ''
const modules = readdirSync(dir)
  .filter(
    (f) => f.endsWith('.ts') && !['run.ts', 'bench-row.ts'].includes(f) && !f.endsWith('.d.ts') && f.includes(filter),
  )
  .sort()

function format(n: number): string {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2)
}

const rows: (BenchRow & { module: string })[] = []
for (const file of modules) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<BenchModule>
  if (typeof mod.run !== 'function') continue
  process.stderr.write(`running ${file}…\n`)
  try {
    for (const row of await mod.run()) rows.push({ ...row, module: file })
  } catch (err) {
    rows.push({
      module: file,
      name: `${file} failed: ${err instanceof Error ? err.message : String(err)}`,
      value: Number.NaN,
      unit: '',
    })
  }
}

const header = '| benchmark | result | baseline (same run) | target | met |\n|---|---:|---|---|---|'
const lines = rows.map(
  (r) =>
    `| ${r.name} | ${Number.isNaN(r.value) ? '—' : `${format(r.value)} ${r.unit}`} | ${r.baseline ?? ''} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'no'} |`,
)
const table = [header, ...lines].join('\n')
console.log(table)
mkdirSync(path.join(dir, 'results'), { recursive: true })
writeFileSync(
  path.join(dir, 'results', 'latest.md'),
  `${table}\n\nMeasured ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}.\n`,
)
