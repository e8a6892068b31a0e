import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '@shared/contract'
import { Registry } from '../../../src/main/core/registry'
import { PushHub } from '../../../src/main/core/push-hub'

vi.mock('electron', () => ({}))
const { bindIpc, forwardPushEvents } = await import('../../../src/main/electron/ipc')

type Handler = (event: unknown, name: unknown, args: unknown) => Promise<unknown>

function setup() {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  }
  const registry = new Registry()
    .register('settings.get', () => ({ locale: 'zh-CN' as const }))
    .register('settings.set', (args) => args)
  const hub = new PushHub()
  const core = { registry, hub } as never
  const ours = { mainFrame: null as unknown, isDestroyed: () => false, send: vi.fn() }
  const frame = { url: 'file:///app/out/renderer/index.html' }
  ours.mainFrame = frame
  const unbind = bindIpc(ipcMain as never, core, {
    isOurContents: (wc) => wc === (ours as never),
    isAppUrl: (url) => url.startsWith('file:///app/out/renderer/'),
  })
  return { handlers, ours, frame, hub, core, unbind }
}

describe('the IPC transport', () => {
  it('routes a call from our window to the registry', async () => {
    const { handlers, ours, frame } = setup()
    const invoke = handlers.get(CHANNELS.invoke)!
    expect(await invoke({ sender: ours, senderFrame: frame }, 'settings.get', {})).toEqual({
      ok: true,
      value: { locale: 'zh-CN' },
    })
  })

  it('refuses calls from other contents, subframes or foreign pages', async () => {
    const { handlers, ours, frame } = setup()
    const invoke = handlers.get(CHANNELS.invoke)!
    const stranger = { mainFrame: frame }
    expect(await invoke({ sender: stranger, senderFrame: frame }, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await invoke({ sender: ours, senderFrame: { url: frame.url } }, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    ;(ours as { mainFrame: unknown }).mainFrame = { url: 'https://evil.example/' }
    expect(await invoke({ sender: ours, senderFrame: ours.mainFrame }, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('validates arguments like every other transport', async () => {
    const { handlers, ours, frame } = setup()
    expect(
      await handlers.get(CHANNELS.invoke)!({ sender: ours, senderFrame: frame }, 'settings.set', { locale: 'xx' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    })
  })

  it('forwards push events to every live window and stops when unbound', () => {
    const { hub, core } = setup()
    const a = { isDestroyed: () => false, send: vi.fn() }
    const gone = { isDestroyed: () => true, send: vi.fn() }
    const stop = forwardPushEvents(core, () => [a, gone] as never)
    hub.emit('changes', { incidentIds: ['i1'], all: false, conflictsChanged: false, cursor: 3 })
    expect(a.send).toHaveBeenCalledWith(CHANNELS.event, 'changes', {
      incidentIds: ['i1'],
      all: false,
      conflictsChanged: false,
      cursor: 3,
    })
    expect(gone.send).not.toHaveBeenCalled()
    stop()
    hub.emit('changes', { incidentIds: [], all: true, conflictsChanged: false, cursor: 4 })
    expect(a.send).toHaveBeenCalledTimes(1)
  })
})
