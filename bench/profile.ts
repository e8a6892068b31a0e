import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'

/**
 * `BENCH_PROFILE=<dir> npm run bench -- ui-map`: wraps a measured phase in the
 * page's CPU profiler (CDP) and writes `<dir>/<name>.cpuprofile` (open it in
 * Chromium's DevTools) plus the functions with the most self time to stderr.
 * Off without the variable: the figures are then measured unprofiled.
 */
export async function profiled<T>(page: Page, name: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE
  if (!dir) return phase()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  try {
    return await phase()
  } finally {
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
    process.stderr.write(`profile ${name}:\n${summary(profile)}\n`)
    await cdp.detach()
  }
}

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

function summary(p: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] }): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const samples = p.samples ?? []
  const deltas = p.timeDeltas ?? []
  let total = 0
  for (let i = 0; i < samples.length; i++) {
    const n = byId.get(samples[i] as number)
    const ms = (deltas[i] ?? 0) / 1000
    total += ms
    if (!n) continue
    const f = n.callFrame
    const key = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + ms)
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${k}`)
    .concat(`  total ${total.toFixed(0)} ms`)
    .join('\n')
}

/**
 * `BENCH_TRACE=<dir>`: a Chromium trace of the phase (all of the browser's threads, DevTools'
 * categories) written to `<dir>/<name>.json`, and the renderer main thread's busiest event kinds.
 */
export async function traced<T>(page: Page, name: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_TRACE
  if (!dir) return phase()
  const browser = page.context().browser()
  if (!browser) return phase()
  const file = path.join(dir, `${name}.json`)
  await browser.startTracing(page, {
    path: file,
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'gpu'],
  })
  try {
    return await phase()
  } finally {
    const buf = await browser.stopTracing()
    process.stderr.write(`trace ${name}:\n${traceSummary(JSON.parse(buf.toString()) as TraceFile)}\n`)
  }
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  args?: { name?: string }
}
type TraceFile = { traceEvents: TraceEvent[] } | TraceEvent[]

function traceSummary(t: TraceFile): string {
  const events = Array.isArray(t) ? t : t.traceEvents
  const threads = new Map<string, string>()
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
  // Self time is hard from a flat trace; the complete events' durations per thread and name are enough to see where.
  const sum = new Map<string, number>()
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`
    const key = `${thread} · ${e.name}`
    sum.set(key, (sum.get(key) ?? 0) + e.dur / 1000)
  }
  return [...sum]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${k}`)
    .join('\n')
}
