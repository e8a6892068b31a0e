import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron'
import { hardenContents } from './security'

export const WINDOW_ROLES = ['console', 'dispatch', 'map', 'dashboard', 'wall'] as const
export type WindowRole = (typeof WINDOW_ROLES)[number]

export interface WindowSpec {
  readonly role: WindowRole
  readonly bounds: { x: number; y: number; width: number; height: number }
  readonly fullscreen: boolean
}

/** The web preferences every window gets: Electron's security checklist, no exceptions. */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  }
}

export function createAppWindow(
  BrowserWindow: typeof BrowserWindowType,
  spec: WindowSpec,
  opts: {
    preload: string
    load: (win: BrowserWindowType, role: WindowRole) => Promise<void>
    isAppUrl: (url: string) => boolean
    /** Opens an http(s) link in the system browser (shell.openExternal). */
    openExternal?: (url: string) => void
  },
): BrowserWindowType {
  const win = new BrowserWindow({
    ...spec.bounds,
    show: false,
    fullscreen: spec.fullscreen,
    backgroundColor: '#0b1220',
    title: 'Grid Command',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preload),
  })
  hardenContents(win.webContents, opts.isAppUrl, opts.openExternal)
  win.once('ready-to-show', () => win.show())
  void opts.load(win, spec.role)
  return win
}
