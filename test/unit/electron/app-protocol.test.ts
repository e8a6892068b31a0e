import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))
const { APP_ORIGIN, appResponse, appUrl, registerAppScheme, serveApp } =
  await import('../../../src/main/electron/app-protocol')

const CSP = "default-src 'self'; connect-src 'self' http://127.0.0.1:4311 ws://127.0.0.1:4311"
let dir: string
let renderer: string

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gc-app-'))
  renderer = path.join(dir, 'renderer')
  mkdirSync(path.join(renderer, 'assets'), { recursive: true })
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>grid</title>')
  writeFileSync(path.join(renderer, 'assets', 'main.js'), 'console.log(1)')
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the app:// scheme', () => {
  it('is registered privileged (standard, secure, fetch) and windows load from it, not file://', () => {
    const registered: unknown[] = []
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) })
    expect(registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
    expect(appUrl('wall')).toBe('app://grid/index.html#/wall')
    expect(APP_ORIGIN).toBe('app://grid')
  })

  it('serves the renderer’s files with the CSP, and the app’s routes as index.html', async () => {
    let handler: ((request: { url: string }) => Promise<Response>) | null = null
    serveApp({ handle: (scheme, fn) => (handler = scheme === 'app' ? (fn as never) : null) }, renderer, () => CSP)
    const index = await handler!({ url: 'app://grid/index.html' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(CSP)
    expect(await index.text()).toContain('<title>grid</title>')
    const script = await handler!({ url: 'app://grid/assets/main.js' })
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await (await handler!({ url: 'app://grid/console' })).text()).toContain('<title>grid</title>')
  })

  it('never serves anything outside the renderer folder', async () => {
    symlinkSync(path.join(dir, 'secret.txt'), path.join(renderer, 'assets', 'linked.js'))
    symlinkSync(dir, path.join(renderer, 'up'))
    for (const url of [
      'app://grid/../secret.txt',
      'app://grid/%2e%2e/secret.txt',
      'app://grid/..%2Fsecret.txt',
      'app://grid/assets/linked.js',
      'app://grid/up/secret.txt',
      'app://elsewhere/index.html',
    ]) {
      const res = await appResponse(url, renderer, CSP)
      expect(res.status, url).toBe(404)
      expect(await res.text()).not.toContain('not for the renderer')
    }
    expect((await appResponse('app://grid/%E0%A4%A', renderer, CSP)).status).toBe(400)
  })
})
