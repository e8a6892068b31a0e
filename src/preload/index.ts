import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ArgsOf, EventName, EventPayloadOf, GridBridge, Outcome, RequestName, ResultOf } from '@shared/contract'
import { CHANNELS } from '@shared/contract/channels'

/**
 * The renderer's only door into the main process: one object, two functions,
 * checked against the contract's bridge type. Nothing of ipcRenderer leaks.
 */
const bridge = {
  invoke<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<Outcome<ResultOf<N>>> {
    return ipcRenderer.invoke(CHANNELS.invoke, name, args) as Promise<Outcome<ResultOf<N>>>
  },
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
    const handler = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload as EventPayloadOf<E>)
    }
    ipcRenderer.on(CHANNELS.event, handler)
    return () => {
      ipcRenderer.removeListener(CHANNELS.event, handler)
    }
  },
} satisfies GridBridge

contextBridge.exposeInMainWorld('gridCommand', bridge)
