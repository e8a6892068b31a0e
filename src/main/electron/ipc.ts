import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNELS } from '@shared/contract/channels'
import type { Outcome } from '@shared/contract'
import type { Core } from '../core/core'

/**
 * The Electron transport: one invoke channel into the registry and one event
 * channel out. Every call's sender is checked: it must be one of our windows,
 * showing our app, in its main frame.
 */
export function bindIpc(
  ipcMain: IpcMain,
  core: Core,
  trust: { isOurContents: (wc: WebContents) => boolean; isAppUrl: (url: string) => boolean },
): () => void {
  ipcMain.handle(
    CHANNELS.invoke,
    async (event: IpcMainInvokeEvent, name: unknown, args: unknown): Promise<Outcome<unknown>> => {
      const frame = event.senderFrame
      if (
        !trust.isOurContents(event.sender) ||
        !frame ||
        frame !== event.sender.mainFrame ||
        !trust.isAppUrl(frame.url)
      ) {
        return { ok: false, error: { code: 'forbidden', message: 'request from an untrusted frame' } }
      }
      return core.registry.call(name, args, { origin: 'ipc', readOnly: false })
    },
  )
  return () => ipcMain.removeHandler(CHANNELS.invoke)
}

/** Sends every push event to every live window. */
export function forwardPushEvents(core: Core, windows: () => readonly WebContents[]): () => void {
  return core.hub.subscribe((name, payload) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(CHANNELS.event, name, payload)
  })
}
