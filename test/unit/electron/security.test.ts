import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { hardenContents, hardenSession, isAppUrl } = await import('../../../src/main/electron/security')
const { contentSecurityPolicy, originSources } = await import('../../../src/main/host/csp')
const { secureWebPreferences, createAppWindow } = await import('../../../src/main/electron/windows')

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler
  }
}

function navigate(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false
  contents.emit(event, { preventDefault: () => (prevented = true) }, url)
  return prevented
}

describe('the Electron shell security rules', () => {
  it('gives every window context isolation, the sandbox and no node integration', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    })
  })

  it('recognises only app://grid/ or the dev server as the app, never file://', () => {
    expect(isAppUrl('app://grid/index.html#/console', null)).toBe(true)
    expect(isAppUrl('app://other/index.html', null)).toBe(false)
    expect(isAppUrl('file:///app/out/renderer/index.html#/console', null)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', null)).toBe(false)
    expect(isAppUrl('https://example.com/', null)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/wall', 'http://localhost:5173')).toBe(true)
  })

  it('blocks navigation away from the app, new windows and webviews', () => {
    const contents = new FakeContents()
    hardenContents(contents as never, (url) => isAppUrl(url, null))
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'file:///app/out/renderer/index.html')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'app://grid/index.html#/wall')).toBe(false)
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    let webviewPrevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
  })

  it('sends an http(s) link opened in a new window to the system browser, and nothing else', () => {
    const contents = new FakeContents()
    const opened: string[] = []
    hardenContents(
      contents as never,
      () => false,
      (url) => opened.push(url),
    )
    for (const url of [
      'https://example.org/photo/1.jpg',
      'http://example.org/a%20b.jpg',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'not a url',
    ])
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.org/photo/1.jpg', 'http://example.org/a%20b.jpg'])
  })

  it('denies every permission request and sets a strict CSP on every response', () => {
    let headersHook: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null =
      null
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null
    let checkHandler: (() => boolean) | null = null
    const session = {
      webRequest: { onHeadersReceived: (fn: typeof headersHook) => (headersHook = fn) },
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: typeof checkHandler) => (checkHandler = fn),
    }
    hardenSession(session as never, () => contentSecurityPolicy(originSources('http://127.0.0.1:4311')))
    const granted: boolean[] = []
    requestHandler!({}, 'media', (g) => granted.push(g))
    requestHandler!({}, 'geolocation', (g) => granted.push(g))
    expect(granted).toEqual([false, false])
    expect(checkHandler!()).toBe(false)
    let response: { responseHeaders: Record<string, string[]> } | null = null
    headersHook!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (response = r as typeof response))
    const csp = response!.responseHeaders['Content-Security-Policy']?.[0] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    // connect-src names the configured server (and the page's own blobs) and nothing else: no ws: or https: wildcards.
    expect(csp).toContain("connect-src 'self' blob: http://127.0.0.1:4311 ws://127.0.0.1:4311;")
    expect(response!.responseHeaders['X-Other']).toEqual(['1'])
  })

  it('creates windows hidden until ready, hardened, loading the requested role', async () => {
    const created: { options: Record<string, unknown>; contents: FakeContents }[] = []
    class FakeWindow extends EventEmitter {
      webContents = new FakeContents()
      constructor(readonly options: Record<string, unknown>) {
        super()
        created.push({ options, contents: this.webContents })
      }
      show = vi.fn()
    }
    const load = vi.fn(async () => undefined)
    const win = createAppWindow(
      FakeWindow as never,
      { role: 'wall', bounds: { x: 0, y: 0, width: 800, height: 600 }, fullscreen: true },
      { preload: '/p.cjs', load, isAppUrl: () => false },
    )
    expect(created[0]?.options).toMatchObject({
      show: false,
      fullscreen: true,
      webPreferences: { sandbox: true, contextIsolation: true },
    })
    expect(load).toHaveBeenCalledWith(win, 'wall')
    expect(created[0]?.contents.openHandler?.({ url: 'x' })).toEqual({ action: 'deny' })
    ;(win as unknown as FakeWindow).emit('ready-to-show')
    expect((win as unknown as FakeWindow).show).toHaveBeenCalled()
  })
})
