import { spawn, type ChildProcess } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { io } from 'socket.io-client'
import { CHANNELS } from '@shared/contract/channels'
import type { BenchRow } from './bench-row'
import { findChromium } from '../scripts/test-deps/find.mjs'
import { hostSystem } from '../scripts/test-deps/system.mjs'
import { ROOT, round, ServerProcess, withTempDir } from './sync-bench-util'

/**
 * The console table in real Chromium (Playwright) against the real stack: a
 * central server (child process) with 100,000 incidents, the browser host
 * caching them, the console loading them page by page into AG Grid. Then
 * 500 updates/s of live traffic while the page counts animation frames.
 * Baselines from the same run: the same pages fetched over the host's socket
 * without any rendering, and the page's frame rate with no traffic.
 */
const INCIDENTS = 100_000
/** The host's access token for this run (the host mints one when none is given; here we name it). */
const HOST_TOKEN = 'bench-operator-token-0123456789'
const PAGE = 20_000
const RATE = 500
const SECONDS = 10

function startHost(
  dataDir: string,
  serverUrl: string,
  enrolCode: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'out/main/host.js'), '--data-dir', dataDir, '--port', '0', '--server', serverUrl],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRID_ENROL_CODE: enrolCode, GRID_HOST_TOKEN: HOST_TOKEN },
    },
  )
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${log}`)), 120_000)
    child.stdout?.on('data', () => {
      const m = /browser host: (http:\/\/[^\s/]+)/.exec(log)
      if (!m?.[1]) return
      clearTimeout(timer)
      resolve({
        url: m[1],
        stop: async () => {
          const exited = new Promise((r) => child.once('exit', r))
          child.kill('SIGTERM')
          await exited
        },
      })
    })
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${log}`)))
  })
}

/** The host's own contract socket, as the renderer uses it. */
function contract(url: string) {
  const socket = io(url, { path: '/contract', auth: { token: HOST_TOKEN }, transports: ['websocket'], forceNew: true })
  const invoke = <T>(name: string, args: unknown) =>
    new Promise<T>((resolve, reject) =>
      socket
        .timeout(60_000)
        .emit(
          CHANNELS.invoke,
          name,
          args,
          (err: Error | null, outcome: { ok: boolean; value: T; error?: { message: string } }) => {
            if (err) reject(err)
            else if (!outcome.ok) reject(new Error(outcome.error?.message ?? 'failed'))
            else resolve(outcome.value)
          },
        ),
    )
  return { invoke, close: () => void socket.close() }
}

async function waitForCache(url: string, expected: number): Promise<void> {
  const c = contract(url)
  try {
    for (;;) {
      const { total } = await c.invoke<{ total: number }>('incidents.list', { filter: {}, offset: 0, limit: 1 })
      if (total >= expected) return
      await new Promise((r) => setTimeout(r, 500))
    }
  } finally {
    c.close()
  }
}

/** Baseline: every page of incidents.list over the socket, no rendering. */
async function fetchOnly(url: string): Promise<number> {
  const c = contract(url)
  const start = performance.now()
  for (let offset = 0; offset < INCIDENTS; offset += PAGE)
    await c.invoke('incidents.list', { filter: {}, offset, limit: PAGE })
  const ms = performance.now() - start
  c.close()
  return ms
}

/**
 * Frames the page paints over `seconds`: the share of 1/60 s display slots that got a frame (so at
 * most 60, whatever headless Chromium's unsynchronised rAF rate), and the longest gap between two.
 */
async function frames(
  page: Page,
  seconds: number,
  during: () => Promise<unknown>,
): Promise<{ fps: number; longestMs: number; longTasksMs: number }> {
  // Plain script text: the bench runs under tsx, whose helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__long = []
    window.__stop = false
    window.__observer?.disconnect()
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration)
    })
    window.__observer.observe({ type: 'longtask' })
    const tick = (t) => {
      window.__frames.push(t)
      if (!window.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  await Promise.all([during(), new Promise((r) => setTimeout(r, seconds * 1000))])
  const { times, long } = await page.evaluate<{ times: number[]; long: number[] }>(`(() => {
    window.__stop = true
    return { times: window.__frames, long: window.__long }
  })()`)
  const first = times[0] ?? 0
  const span = (times.at(-1) ?? 0) - first
  const slots = new Set(times.map((t) => Math.floor((t - first) / (1000 / 60))))
  let longest = 0
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, (times[i] ?? 0) - (times[i - 1] ?? 0))
  return {
    fps: span > 0 ? (slots.size * 1000) / span : 0,
    longestMs: longest,
    longTasksMs: long.reduce((a, b) => a + b, 0),
  }
}

/** Incident ids the workstation pushes to its windows as changed, counted over the host socket. */
function countChanges(url: string): { count: () => number; close: () => void } {
  const socket = io(url, { path: '/contract', auth: { token: HOST_TOKEN }, transports: ['websocket'], forceNew: true })
  let n = 0
  socket.on(CHANNELS.event, (name: string, payload: { incidentIds?: string[] }) => {
    if (name === 'changes') n += payload.incidentIds?.length ?? 0
  })
  return { count: () => n, close: () => void socket.close() }
}

export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const server = await ServerProcess.start(path.join(dir, 'server'))
    await server.seed(INCIDENTS, 0)
    const host = await startHost(path.join(dir, 'ws'), server.url, server.signIn.enrolCode)
    // The operator signs in (over the contract, as the sign-in screen does) before anything syncs.
    const desk = contract(host.url)
    await desk.invoke('session.signIn', { username: server.signIn.username, password: server.signIn.password })
    desk.close()
    const browser = await chromium.launch({
      executablePath: findChromium(hostSystem()).path ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
    })
    try {
      await waitForCache(host.url, INCIDENTS)
      const fetchMs = await fetchOnly(host.url)

      // The app's CSP forbids eval; the measuring scripts are ours, so the bench page bypasses it.
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', bypassCSP: true })
      const start = performance.now()
      await page.goto(`${host.url}/?token=${HOST_TOKEN}#/console`)
      await page.waitForFunction(
        `(() => {
          const text = document.querySelector('[data-testid="row-stats"]')?.textContent ?? ''
          return text.replace(/[,\\s]/g, '').includes('共${INCIDENTS}') && document.querySelector('.ag-row') !== null
        })()`,
        undefined,
        { timeout: 180_000, polling: 50 },
      )
      const loadMs = performance.now() - start

      const idle = await frames(page, 5, async () => undefined)
      const changes = countChanges(host.url)
      const busy = await frames(page, SECONDS, () => server.traffic(RATE, SECONDS))
      const delivered = changes.count()
      changes.close()
      return [
        {
          name: `console: load ${INCIDENTS.toLocaleString('en-US')} incidents into the table and render (pages of ${PAGE.toLocaleString('en-US')})`,
          value: round(loadMs / 1000, 2),
          unit: 's',
          baseline: `same pages over the host socket, no rendering: ${round(fetchMs / 1000, 2)} s`,
        },
        {
          name: `console: frames per second while ${RATE} updates/s arrive (${SECONDS} s, 100k rows)`,
          value: round(busy.fps, 1),
          unit: 'fps',
          baseline: `no traffic: ${round(idle.fps, 1)} fps; longest frame ${Math.round(busy.longestMs)} ms (no traffic ${Math.round(idle.longestMs)} ms); main-thread long tasks ${Math.round(busy.longTasksMs)} ms in ${SECONDS} s; ${delivered.toLocaleString('en-US')} row changes pushed to the window`,
          target: 'smooth (≈60 fps, no frame over 200 ms)',
          // "≈60": within a tenth of what the same page paints with no traffic at all.
          pass: busy.fps >= idle.fps * 0.9 && busy.longestMs <= 200,
        },
      ]
    } finally {
      await browser.close()
      await host.stop()
      await server.close()
    }
  })
}
