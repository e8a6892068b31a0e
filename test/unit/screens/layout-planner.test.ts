import { describe, expect, it } from 'vitest'
import type { DisplayInfo, ScreenLayout } from '../../../src/shared/contract'
import { clampRect, layoutFrom, planWindows } from '../../../src/shared/screens/layout-planner'

/** A display as Electron reports it: DIP bounds, a work area less the taskbar. */
function display(id: string, x: number, width: number, height: number, opts: Partial<DisplayInfo> = {}): DisplayInfo {
  return {
    id,
    label: `Monitor ${id}`,
    bounds: { x, y: 0, width, height },
    workArea: { x, y: 0, width, height: height - 40 },
    scaleFactor: 1,
    primary: false,
    ...opts,
  }
}

const within = (
  r: { x: number; y: number; width: number; height: number },
  a: { x: number; y: number; width: number; height: number },
) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height

describe('the layout planner', () => {
  it('one monitor: the console fills its work area', () => {
    const d = display('1', 0, 1920, 1080, { primary: true })
    const plan = planWindows([d], null)
    expect(plan.windows).toEqual([
      { key: 'console', role: 'console', displayId: '1', bounds: d.workArea, fullscreen: false },
    ])
  })

  it('two and three monitors: console on the primary, then dispatch and map left to right', () => {
    const left = display('10', -1920, 1920, 1080)
    const primary = display('20', 0, 2560, 1440, { primary: true })
    const right = display('30', 2560, 1920, 1080)
    expect(planWindows([left, primary], null).windows.map((w) => [w.role, w.displayId])).toEqual([
      ['console', '20'],
      ['dispatch', '10'],
    ])
    expect(planWindows([right, left, primary], null).windows.map((w) => [w.role, w.displayId])).toEqual([
      ['console', '20'],
      ['dispatch', '10'],
      ['map', '30'],
    ])
  })

  it('follows the saved layout, and a wall display goes full screen over its whole bounds', () => {
    const a = display('1', 0, 1920, 1080, { primary: true })
    const b = display('2', 1920, 3840, 2160)
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '1', label: a.label, width: 1920, height: 1080, role: 'dashboard' },
        { displayId: '2', label: b.label, width: 3840, height: 2160, role: 'wall' },
      ],
    }
    const plan = planWindows([a, b], layout)
    expect(plan.windows).toEqual([
      { key: 'dashboard', role: 'dashboard', displayId: '1', bounds: a.workArea, fullscreen: false },
      { key: 'wall:2', role: 'wall', displayId: '2', bounds: b.bounds, fullscreen: true },
    ])
  })

  it('mixed scale factors: every window lies inside one display, in DIP', () => {
    // A 4K panel at 200 % reports 1920×1080 DIP; a 1080p one at 100 % sits to its right.
    const hidpi = display('1', 0, 1920, 1080, { primary: true, scaleFactor: 2 })
    const lodpi = display('2', 1920, 1920, 1080, { scaleFactor: 1 })
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        // Saved on a bigger monitor: a window wider than this display must be shrunk into it.
        {
          displayId: '2',
          label: lodpi.label,
          width: 1920,
          height: 1080,
          role: 'map',
          window: { x: 400, y: 100, width: 2400, height: 1300 },
        },
      ],
    }
    const plan = planWindows([hidpi, lodpi], layout)
    const map = plan.windows.find((w) => w.role === 'map')
    expect(map?.displayId).toBe('2')
    expect(map?.bounds).toEqual({ x: 1920, y: 0, width: 1920, height: 1040 })
    for (const w of plan.windows) {
      const d = [hidpi, lodpi].find((x) => x.id === w.displayId)
      expect(d && within(w.bounds, d.workArea)).toBe(true)
    }
  })

  it('a display removed while a window is on it: the window moves, keeping its size, clamped', () => {
    const a = display('1', 0, 1920, 1080, { primary: true })
    const b = display('2', 1920, 2560, 1440)
    const before = planWindows([a, b], null)
    expect(before.windows.find((w) => w.role === 'dispatch')?.displayId).toBe('2')
    const current = [
      { key: 'console', displayId: '1', bounds: { x: 100, y: 50, width: 1200, height: 800 } },
      { key: 'dispatch', displayId: '2', bounds: { x: 2000, y: 100, width: 2400, height: 1200 } },
    ]
    const layout = layoutFrom([a, b], before.roles, null)
    const after = planWindows([a], layout, current)
    // The console stays exactly where the operator put it.
    expect(after.windows.find((w) => w.key === 'console')?.bounds).toEqual(current[0]?.bounds)
    expect(after.missing.map((m) => m.displayId)).toEqual(['2'])
    // Dispatch had display 2 only: its open window is not closed but moves to the primary, clamped, same size where it fits.
    expect(after.windows.find((w) => w.key === 'dispatch')).toEqual({
      key: 'dispatch',
      role: 'dispatch',
      displayId: '1',
      bounds: { x: 0, y: 0, width: 1920, height: 1040 },
      fullscreen: false,
    })
    // On a fresh start without display 2 there is no dispatch window to keep.
    expect(planWindows([a], layout).windows.map((w) => w.key)).toEqual(['console'])
    // When display 2 returns, dispatch comes back to it.
    const back = planWindows([a, b], layout, current)
    expect(back.windows.find((w) => w.key === 'dispatch')?.displayId).toBe('2')
  })

  it('a moved window whose display went away is clamped onto its new display', () => {
    const a = display('1', 0, 1920, 1080, { primary: true })
    const b = display('2', 1920, 2560, 1440)
    // Saved: console on b. Now b is gone: the console moves to the primary, keeping its size where it fits.
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '2', label: b.label, width: 2560, height: 1440, role: 'console' },
        { displayId: '1', label: a.label, width: 1920, height: 1080, role: 'map' },
      ],
    }
    const plan = planWindows([a], layout, [
      { key: 'console', displayId: '2', bounds: { x: 2100, y: 200, width: 1600, height: 1200 } },
    ])
    const consoleWin = plan.windows.find((w) => w.key === 'console')
    expect(consoleWin?.displayId).toBe('1')
    expect(consoleWin?.bounds).toEqual({ x: 0, y: 0, width: 1600, height: 1040 })
    expect(plan.windows.find((w) => w.key === 'map')?.displayId).toBe('1')
  })

  it('a saved layout naming a display that no longer exists: reported missing, others unaffected, found again by label and size', () => {
    const a = display('7', 0, 1920, 1080, { primary: true })
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '99', label: 'Old projector', width: 1280, height: 720, role: 'wall' },
        { displayId: '1', label: a.label, width: 1920, height: 1080, role: 'dashboard' },
      ],
    }
    const plan = planWindows([a], layout)
    // Display "1" is the same monitor under a new id (another workstation): matched by label and size.
    expect(plan.windows.map((w) => [w.key, w.displayId])).toEqual([['dashboard', '7']])
    expect(plan.missing.map((m) => m.displayId)).toEqual(['99'])
  })

  it('a wall PC (every display a wall) gets no console', () => {
    const a = display('1', 0, 1920, 1080, { primary: true })
    const b = display('2', 1920, 1920, 1080)
    const layout: ScreenLayout = {
      version: 1,
      assignments: [
        { displayId: '1', label: a.label, width: 1920, height: 1080, role: 'wall' },
        { displayId: '2', label: b.label, width: 1920, height: 1080, role: 'wall' },
      ],
    }
    expect(planWindows([a, b], layout).windows.map((w) => w.key)).toEqual(['wall:1', 'wall:2'])
  })

  it('clamps rectangles into an area', () => {
    const area = { x: 0, y: 0, width: 1000, height: 800 }
    expect(clampRect({ x: -50, y: 700, width: 400, height: 300 }, area)).toEqual({
      x: 0,
      y: 500,
      width: 400,
      height: 300,
    })
    expect(clampRect({ x: 10, y: 10, width: 5000, height: 5000 }, area)).toEqual(area)
  })

  it('layoutFrom keeps roles for displays that are away and records window places relative to the work area', () => {
    const a = display('1', 0, 1920, 1080, { primary: true })
    const prev: ScreenLayout = {
      version: 1,
      assignments: [{ displayId: '5', label: 'x', width: 1, height: 1, role: 'map' }],
      wallSeconds: 30,
    }
    const l = layoutFrom([a], new Map([['1', 'console' as const]]), prev, [
      { key: 'console', displayId: '1', bounds: { x: 100, y: 40, width: 800, height: 600 } },
    ])
    expect(l.assignments).toEqual([
      {
        displayId: '1',
        label: a.label,
        width: 1920,
        height: 1080,
        role: 'console',
        window: { x: 100, y: 40, width: 800, height: 600 },
      },
      { displayId: '5', label: 'x', width: 1, height: 1, role: 'map' },
    ])
    expect(l.wallSeconds).toBe(30)
  })
})
