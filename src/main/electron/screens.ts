import type { BrowserWindow, Display, PowerSaveBlocker, Screen } from 'electron'
import type { DisplayInfo, SavedLayout, ScreenLayout } from '@shared/contract'
import { layoutFrom, planWindows, type CurrentWindow, type WindowPlan } from '@shared/screens/layout-planner'
import type { Core } from '../core/core'

/** Electron's display, reduced to what the planner reads (ids as strings: they travel as JSON). */
export function toDisplayInfo(d: Display, primaryId: number): DisplayInfo {
  const rect = (r: { x: number; y: number; width: number; height: number }) => ({
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.max(1, Math.round(r.width)),
    height: Math.max(1, Math.round(r.height)),
  })
  return {
    id: String(d.id),
    label: (d.label || `${d.size.width}×${d.size.height}`).slice(0, 200),
    bounds: rect(d.bounds),
    workArea: rect(d.workArea),
    scaleFactor: d.scaleFactor > 0 ? d.scaleFactor : 1,
    primary: d.id === primaryId,
  }
}

export interface ScreenDeps {
  readonly screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on' | 'removeListener'>
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>
  /** Opens a window for a planned role (windows.ts createAppWindow with the app's preload and loader). */
  readonly openWindow: (plan: WindowPlan) => BrowserWindow
  readonly core: Pick<Core, 'registry' | 'hub'>
  /** Display events come in bursts (a dock, a resolution change): re-plan once they settle. */
  readonly debounceMs?: number
  /** Window moves are saved into the layout this long after they stop. */
  readonly saveDelayMs?: number
}

const INTERNAL = { origin: 'internal', readOnly: false } as const
const DISPLAY_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const

/**
 * Applies the planner's windows with BrowserWindows and keeps them applied:
 * displays added, removed or changed, or a layout saved in settings, re-plan;
 * existing windows are moved (never reloaded or closed, so their state stays),
 * missing ones opened. Wall windows go full screen and keep the display awake.
 */
export class ScreenManager {
  readonly windows = new Map<string, BrowserWindow>()
  private layout: ScreenLayout | null = null
  private blocker: number | null = null
  private timer: NodeJS.Timeout | null = null
  private saveTimer: NodeJS.Timeout | null = null
  private unsubscribe: (() => void) | null = null
  private readonly onDisplays = () => this.schedule()

  constructor(private readonly deps: ScreenDeps) {}

  displays(): DisplayInfo[] {
    const primary = this.deps.screen.getPrimaryDisplay().id
    return this.deps.screen.getAllDisplays().map((d) => toDisplayInfo(d, primary))
  }

  async start(): Promise<void> {
    const saved = await this.deps.core.registry.call('layout.get', {}, INTERNAL)
    this.layout = saved.ok ? ((saved.value as SavedLayout).layout ?? null) : null
    for (const e of DISPLAY_EVENTS) this.deps.screen.on(e as 'display-added', this.onDisplays)
    this.unsubscribe = this.deps.core.hub.subscribe((name, payload) => {
      if (name !== 'screens') return
      const next = (payload as { saved: SavedLayout }).saved.layout
      if (JSON.stringify(next) === JSON.stringify(this.layout)) return
      this.layout = next
      this.schedule()
    })
    await this.replan()
  }

  stop(): void {
    for (const e of DISPLAY_EVENTS) this.deps.screen.removeListener(e as 'display-added', this.onDisplays)
    this.unsubscribe?.()
    if (this.timer) clearTimeout(this.timer)
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.timer = this.saveTimer = null
    this.keepAwake(false)
  }

  /**
   * Where the operator put the windows is part of the layout: saved (per
   * operator, on the server) a moment after a window stops moving.
   */
  private persistSoon(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      const displays = this.displays()
      const roles = planWindows(displays, this.layout).roles
      const layout = layoutFrom(displays, roles, this.layout, this.current())
      if (JSON.stringify(layout) === JSON.stringify(this.layout)) return
      this.layout = layout
      void this.deps.core.registry.call('layout.save', { layout }, INTERNAL)
    }, this.deps.saveDelayMs ?? 2000)
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.replan()
    }, this.deps.debounceMs ?? 300)
  }

  /** The windows open now, where they are (what the planner keeps in place). */
  current(): CurrentWindow[] {
    const displays = this.displays()
    const out: CurrentWindow[] = []
    for (const [key, win] of this.windows) {
      if (win.isDestroyed()) continue
      const bounds = win.getBounds()
      const cx = bounds.x + bounds.width / 2
      const cy = bounds.y + bounds.height / 2
      const on = displays.find(
        (d) =>
          cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height,
      )
      out.push({ key, displayId: on?.id ?? '', bounds })
    }
    return out
  }

  async replan(): Promise<WindowPlan[]> {
    const displays = this.displays()
    await this.deps.core.registry.call('screens.report', { displays }, INTERNAL)
    const plan = planWindows(displays, this.layout, this.current())
    this.apply(plan.windows)
    return [...plan.windows]
  }

  private apply(plans: readonly WindowPlan[]): void {
    for (const p of plans) {
      const win = this.windows.get(p.key)
      if (!win || win.isDestroyed()) {
        const opened = this.deps.openWindow(p)
        this.windows.set(p.key, opened)
        if (!p.fullscreen) {
          opened.on('moved', () => this.persistSoon())
          opened.on('resized', () => this.persistSoon())
        }
        opened.on('closed', () => {
          if (this.windows.get(p.key) === opened) this.windows.delete(p.key)
          this.keepAwake([...this.windows.keys()].some((k) => k.startsWith('wall:')))
        })
        continue
      }
      if (p.fullscreen) {
        // Full screen is per display: leave it, move, and enter it again on the planned display.
        const b = win.getBounds()
        const moved =
          b.x !== p.bounds.x || b.y !== p.bounds.y || b.width !== p.bounds.width || b.height !== p.bounds.height
        if (moved && win.isFullScreen()) win.setFullScreen(false)
        if (moved) win.setBounds(p.bounds)
        if (!win.isFullScreen()) win.setFullScreen(true)
      } else {
        if (win.isFullScreen()) win.setFullScreen(false)
        const b = win.getBounds()
        if (b.x !== p.bounds.x || b.y !== p.bounds.y || b.width !== p.bounds.width || b.height !== p.bounds.height)
          win.setBounds(p.bounds)
      }
    }
    // A wall whose display is gone shows nothing to anyone (and holds no operator state): close it.
    for (const [key, win] of this.windows) {
      if (key.startsWith('wall:') && !plans.some((p) => p.key === key) && !win.isDestroyed()) win.close()
    }
    this.keepAwake(plans.some((p) => p.role === 'wall'))
  }

  /** A wall must never blank: prevent-display-sleep while any wall window is planned. */
  private keepAwake(on: boolean): void {
    if (on && this.blocker === null) this.blocker = this.deps.powerSaveBlocker.start('prevent-display-sleep')
    else if (!on && this.blocker !== null) {
      this.deps.powerSaveBlocker.stop(this.blocker)
      this.blocker = null
    }
  }
}
