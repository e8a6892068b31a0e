import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { SavedLayout, ScreenLayout } from '../../../src/shared/contract'
import type { WindowPlan } from '../../../src/shared/screens/layout-planner'

vi.mock('electron', () => ({}))

const { ScreenManager, toDisplayInfo } = await import('../../../src/main/electron/screens')
const { PushHub } = await import('../../../src/main/core/push-hub')

type Rect = { x: number; y: number; width: number; height: number }

/** An Electron Display as screen.getAllDisplays() returns it. */
function edisplay(id: number, x: number, width: number, height: number, scaleFactor = 1) {
  return {
    id,
    label: `Panel ${id}`,
    bounds: { x, y: 0, width, height },
    workArea: { x, y: 0, width, height: height - 40 },
    size: { width, height },
    scaleFactor,
  }
}

class FakeScreen extends EventEmitter {
  constructor(public displays: ReturnType<typeof edisplay>[]) {
    super()
  }
  getAllDisplays() {
    return this.displays
  }
  getPrimaryDisplay() {
    return this.displays[0]
  }
}

class FakeWindow extends EventEmitter {
  fullscreen: boolean
  destroyed = false
  reloads = 0
  moves: Rect[] = []
  constructor(
    public plan: WindowPlan,
    public bounds: Rect,
  ) {
    super()
    this.fullscreen = plan.fullscreen
  }
  isDestroyed() {
    return this.destroyed
  }
  getBounds() {
    return { ...this.bounds }
  }
  setBounds(b: Rect) {
    this.bounds = { ...b }
    this.moves.push({ ...b })
  }
  isFullScreen() {
    return this.fullscreen
  }
  setFullScreen(on: boolean) {
    this.fullscreen = on
  }
  close() {
    this.destroyed = true
    this.emit('closed')
  }
}

function setup(displays: ReturnType<typeof edisplay>[], layout: ScreenLayout | null = null) {
  const screen = new FakeScreen(displays)
  const hub = new PushHub()
  const reported: unknown[] = []
  const saves: ScreenLayout[] = []
  const saved: SavedLayout = {
    layout,
    updatedAt: layout ? 1 : null,
    source: layout ? 'server' : 'none',
    pendingUpload: false,
  }
  const registry = {
    call: vi.fn(async (name: string, args: unknown) => {
      if (name === 'screens.report') reported.push(args)
      if (name === 'layout.save') saves.push((args as { layout: ScreenLayout }).layout)
      return name === 'layout.get' ? { ok: true, value: saved } : { ok: true, value: { count: 0 } }
    }),
  }
  const opened: FakeWindow[] = []
  const blocker = { start: vi.fn(() => 42), stop: vi.fn() }
  const manager = new ScreenManager({
    screen: screen as never,
    powerSaveBlocker: blocker,
    openWindow: (plan) => {
      const w = new FakeWindow(plan, plan.bounds)
      opened.push(w)
      return w as never
    },
    core: { registry: registry as never, hub },
    debounceMs: 5,
    saveDelayMs: 5,
  })
  return { screen, hub, manager, opened, blocker, reported, saves }
}

const settle = () => new Promise((r) => setTimeout(r, 30))

describe('the screens manager (Electron shell)', () => {
  it('reduces Electron displays to what the planner reads', () => {
    expect(toDisplayInfo(edisplay(5, 1920, 3840, 2160, 2) as never, 5)).toMatchObject({
      id: '5',
      primary: true,
      scaleFactor: 2,
      bounds: { x: 1920, width: 3840 },
    })
  })

  it('opens one window per display role and tells the core which displays exist', async () => {
    const { manager, opened, reported } = setup([edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 2560, 1440)])
    await manager.start()
    expect(opened.map((w) => [w.plan.role, w.plan.displayId])).toEqual([
      ['console', '1'],
      ['dispatch', '2'],
    ])
    expect((reported[0] as { displays: unknown[] }).displays).toHaveLength(2)
    manager.stop()
  })

  it('a wall display gets a full-screen window and keeps the display awake until it goes', async () => {
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '1', label: 'Panel 1', width: 1920, height: 1080, role: 'console' },
        { displayId: '2', label: 'Panel 2', width: 3840, height: 2160, role: 'wall' },
      ],
    }
    const { manager, opened, blocker, screen } = setup(
      [edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 3840, 2160, 2)],
      layout,
    )
    await manager.start()
    const wall = opened.find((w) => w.plan.role === 'wall')
    expect(wall?.plan).toMatchObject({ fullscreen: true, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } })
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    // The wall's display is unplugged: the wall window closes and the display may sleep again.
    screen.displays = [edisplay(1, 0, 1920, 1080)]
    screen.emit('display-removed')
    await settle()
    expect(wall?.isDestroyed()).toBe(true)
    expect(blocker.stop).toHaveBeenCalledWith(42)
    manager.stop()
  })

  it('re-plans on display removal without closing or reloading windows: they move, clamped', async () => {
    const { manager, opened, screen } = setup([edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 2560, 1440)])
    await manager.start()
    const dispatch = opened.find((w) => w.plan.role === 'dispatch') as FakeWindow
    const consoleWin = opened.find((w) => w.plan.role === 'console') as FakeWindow
    consoleWin.setBounds({ x: 100, y: 80, width: 1200, height: 800 }) // the operator moved it
    consoleWin.moves = []
    screen.displays = [edisplay(1, 0, 1920, 1080)]
    screen.emit('display-removed')
    screen.emit('display-metrics-changed')
    await settle()
    expect(opened).toHaveLength(2) // nothing reopened
    expect(dispatch.isDestroyed()).toBe(false)
    expect(dispatch.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 })
    expect(consoleWin.moves).toEqual([]) // untouched
    // The monitor returns: dispatch goes back to it, still the same window.
    screen.displays = [edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 2560, 1440)]
    screen.emit('display-added')
    await settle()
    expect(opened).toHaveLength(2)
    expect(dispatch.bounds.x).toBeGreaterThanOrEqual(1920)
    manager.stop()
  })

  it('saves where the operator moved a window into the layout (relative to its display)', async () => {
    const { manager, opened, saves } = setup([edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 2560, 1440)])
    await manager.start()
    const dispatch = opened.find((w) => w.plan.role === 'dispatch') as FakeWindow
    dispatch.setBounds({ x: 2020, y: 50, width: 1400, height: 900 })
    dispatch.emit('moved')
    await settle()
    expect(saves).toHaveLength(1)
    expect(saves[0]?.assignments.find((a) => a.displayId === '2')).toMatchObject({
      role: 'dispatch',
      window: { x: 100, y: 50, width: 1400, height: 900 },
    })
    manager.stop()
  })

  it('applies a layout saved in settings at once (the core pushes `screens`)', async () => {
    const { manager, opened, hub } = setup([edisplay(1, 0, 1920, 1080), edisplay(2, 1920, 1920, 1080)])
    await manager.start()
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '1', label: 'Panel 1', width: 1920, height: 1080, role: 'console' },
        { displayId: '2', label: 'Panel 2', width: 1920, height: 1080, role: 'map' },
      ],
    }
    hub.emit('screens', { displays: [], saved: { layout, updatedAt: 2, source: 'server', pendingUpload: false } })
    await settle()
    expect(opened.map((w) => w.plan.role)).toEqual(['console', 'dispatch', 'map'])
    expect(opened.find((w) => w.plan.role === 'map')?.plan.displayId).toBe('2')
    manager.stop()
  })
})
