/** The only channel names: Electron IPC uses these, the browser host's socket uses the same. */
export const CHANNELS = { invoke: 'contract:invoke', event: 'contract:event' } as const
