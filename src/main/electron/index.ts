import path from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron'
import { contentSecurityPolicy, originSources } from '../host/csp'
import { appPaths } from '../launch/app-paths'
import { parseFlags, workstationConfig } from '../launch/parse-args'
import { shutDown } from '../launch/shutdown'
import { startWorkstation, type Workstation } from '../launch/start-workstation'
import { appUrl, registerAppScheme, serveApp } from './app-protocol'
import { electronExportFiles } from './export-files'
import { bindIpc, forwardPushEvents } from './ipc'
import { SafeStorageVault } from './safe-vault'
import { hardenContents, hardenSession, isAppUrl } from './security'
import { ScreenManager } from './screens'
import { createAppWindow, secureWebPreferences, type WindowRole, type WindowSpec } from './windows'

/**
 * The Electron shell: the only main-process code that imports electron. It
 * starts the core, binds IPC, and opens windows; everything else is the core.
 */
const flags = parseFlags(process.argv.slice(1))
const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null
const paths = appPaths(app.getAppPath())
const preload = path.join(paths.root, 'out', 'preload', 'index.cjs')
const ours = (url: string) => isAppUrl(url, devServerUrl)
const windows = new Set<BrowserWindow>()
let workstation: Workstation | null = null
// Until the central server is known the renderer may connect nowhere but itself.
let csp = contentSecurityPolicy([])

async function load(win: BrowserWindow, role: WindowRole): Promise<void> {
  await win.loadURL(devServerUrl ? `${devServerUrl}#/${role}` : appUrl(role))
}

registerAppScheme(protocol)

function openWindow(spec: WindowSpec): BrowserWindow {
  const win = createAppWindow(BrowserWindow, spec, {
    preload,
    load,
    isAppUrl: ours,
    openExternal: (url) => void shell.openExternal(url),
  })
  windows.add(win)
  win.on('closed', () => windows.delete(win))
  return win
}

/** A hidden window of ours on an app route: the assessment's print view, printed to PDF. */
async function openHidden(route: string): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: secureWebPreferences(preload),
  })
  hardenContents(win.webContents, ours)
  windows.add(win)
  win.on('closed', () => windows.delete(win))
  await win.loadURL(devServerUrl ? `${devServerUrl}#/${route}` : appUrl(route))
  return win
}

if (!app.requestSingleInstanceLock()) app.quit()

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

app
  .whenReady()
  .then(async () => {
    hardenSession(session.defaultSession, () => csp)
    serveApp(protocol, paths.renderer, () => csp)
    const dataDir = path.resolve(flags.get('data-dir') ?? process.env.GRID_DATA_DIR ?? app.getPath('userData'))
    const config = workstationConfig(flags, process.env)
    workstation = await startWorkstation({
      dataDir,
      paths,
      host: 'electron',
      version: app.getVersion(),
      config,
      // Refresh tokens, seat grants and offline verifiers, encrypted by the OS keychain.
      vault: new SafeStorageVault(safeStorage, dataDir, (line) => console.log(line)),
      // Exports: a native save dialog, and Chromium's print-to-PDF of the print view.
      shellFiles: electronExportFiles({
        dialog,
        parent: () => BrowserWindow.getFocusedWindow(),
        openHidden,
      }),
    })
    // connect-src lists the configured (or embedded) central server's addresses and nothing else.
    const serverUrls = workstation.embedded ? [workstation.embedded.link.url] : config.serverUrls
    csp = contentSecurityPolicy(serverUrls.flatMap(originSources))
    const core = workstation.core
    const isOurContents = (wc: WebContents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === wc)
    bindIpc(ipcMain, core, { isOurContents, isAppUrl: ours })
    forwardPushEvents(core, () => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents))
    // One window per display role, re-planned as displays come and go (screens.ts).
    const screens = new ScreenManager({ screen, powerSaveBlocker, openWindow, core })
    await screens.start()
    app.on('second-instance', () => [...windows][0]?.focus())
  })
  .catch((err: unknown) => {
    console.error(`grid-command: ${err instanceof Error ? err.message : String(err)}`)
    app.exit(1)
  })

app.on('window-all-closed', () => app.quit())
app.on('will-quit', (event) => {
  if (!workstation) return
  event.preventDefault()
  const closing = workstation
  workstation = null
  void shutDown([['workstation', () => closing.close()]], { stepMs: 10_000, log: (line) => console.error(line) }).then(
    (clean) => app.exit(clean ? 0 : 1),
  )
})
