import { randomBytes } from 'node:crypto'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { DEMO_TOKENS } from '@shared/protocol'
import type { BenchRow } from './bench-row'
import { findChromium } from '../scripts/test-deps/find.mjs'
import { hostSystem } from '../scripts/test-deps/system.mjs'
import { startServer } from '../src/server/index'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WALL_TOKEN = 'bench-wall-token-0123456789'
/** The desk's full-access token to the host (named here rather than minted and printed). */
const DESK_TOKEN = 'bench-desk-token-0123456789'
/** Steps the playlist and resolves with the time to the first frame painted after the new page rendered. */
const SWITCH_AND_WAIT = `new Promise((resolve) => {
  const root = document.querySelector('[data-testid="wall"]')
  const before = root.dataset.page
  const t0 = performance.now()
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }))
  const wait = () => {
    if (root.dataset.page !== before && root.querySelector('.wall-tile, .wall-kpi')) requestAnimationFrame(() => resolve(performance.now() - t0))
    else requestAnimationFrame(wait)
  }
  requestAnimationFrame(wait)
})`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/**
 * The wall's render time in Chromium at 3840×2160, through the browser host
 * against a central server with a month of history: a cold load until every
 * figure is on screen, and a page change of the playlist (the heaviest redraw
 * the wall does while unattended), each to the next painted frame.
 */
export async function run(): Promise<BenchRow[]> {
  if (!existsSync(path.join(ROOT, 'out/main/host.js'))) throw new Error('build first: npx electron-vite build')
  const serverDir = await mkdtemp(path.join(tmpdir(), 'gc-bench-wall-s-'))
  const hostDir = await mkdtemp(path.join(tmpdir(), 'gc-bench-wall-h-'))
  const server = await startServer({
    dataDir: serverDir,
    port: 0,
    // A month of the default district (~2,500 cases) and its live stream.
    historyIncidents: 5000,
    historyDays: 30,
    simulator: true,
    escalateEveryMs: null,
  })
  // The wall PC's workstation: enrolled with a one-time code, then signed in once as the wall account.
  const password = randomBytes(12).toString('base64url')
  const wallAccount = DEMO_TOKENS.wall.principal
  await server.admin.addUser({ id: wallAccount.actorId, name: wallAccount.name, role: 'wall', towns: '*', password })
  const { code } = await server.admin.issueEnrolment('bench wall PC')
  const host = spawn(
    process.execPath,
    [path.join(ROOT, 'out/main/host.js'), '--data-dir', hostDir, '--port', '0', '--server', server.url],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRID_ENROL_CODE: code, GRID_WALL_TOKEN: WALL_TOKEN, GRID_HOST_TOKEN: DESK_TOKEN },
    },
  )
  let log = ''
  host.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  host.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const browser = await chromium.launch({
    executablePath: findChromium(hostSystem()).path ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start: ${log}`)), 60_000)
      const check = () => {
        const m = /browser host: (http:\/\/[^\s/]+)/.exec(log)
        if (m?.[1]) {
          clearTimeout(timer)
          resolve(m[1])
        }
      }
      host.stdout?.on('data', check)
    })
    const desk = await browser.newPage()
    await desk.goto(`${url}/?token=${DESK_TOKEN}#/console`)
    await desk.fill('[data-testid="signin-username"]', wallAccount.actorId)
    await desk.fill('[data-testid="signin-password"]', password)
    await desk.click('[data-testid="signin-submit"]')
    await desk.waitForSelector('[data-testid="session-who"]', { timeout: 60_000 })
    await desk.close()
    const page = await browser.newPage({ viewport: { width: 3840, height: 2160 } })
    // Warm the host's core (catch-up, aggregates) so the measurement is the wall's own work.
    await page.goto(`${url}/wall?token=${WALL_TOKEN}&pause=1`)
    await page.waitForSelector('[data-testid="wall"][data-live="true"] .wall-kpi', { timeout: 120_000 })
    const cold: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now()
      await page.goto(`${url}/wall?token=${WALL_TOKEN}&pause=1`)
      await page.waitForSelector('[data-testid="wall"] .wall-kpi', { timeout: 60_000 })
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
      cold.push(Date.now() - t0)
    }
    const switches: number[] = []
    for (let i = 0; i < 12; i++) {
      // A string, not a function: tsx's name helpers do not exist in the page.
      switches.push(await page.evaluate<number>(SWITCH_AND_WAIT))
    }
    const coldMs = median(cold)
    const switchMs = median(switches)
    return [
      {
        name: 'wall cold load to every figure painted, 3840×2160, Chromium (median of 5)',
        value: coldMs,
        unit: 'ms',
      },
      {
        name: 'wall page change (playlist) to next painted frame, 3840×2160 (median of 12)',
        value: switchMs,
        unit: 'ms',
        baseline: `slowest ${Math.max(...switches).toFixed(0)} ms`,
      },
    ]
  } finally {
    await browser.close()
    host.kill('SIGTERM')
    await new Promise((r) => host.once('exit', r))
    await server.close()
    await rm(serverDir, { recursive: true, force: true })
    await rm(hostDir, { recursive: true, force: true })
  }
}
