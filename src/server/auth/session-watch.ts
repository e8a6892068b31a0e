import type { Principal } from '@shared/domain'
import type { Problem } from '@shared/protocol'
import type { AuthService } from './auth-service'
import type { AuthStore } from './auth-store'

/** What the watch needs of a socket (a socket.io Socket of the sync namespace). */
export interface WatchedSocket {
  readonly data: { readonly sessionId: string | null; readonly principal: Principal }
  emit(event: 'problem', problem: Problem): unknown
  disconnect(close: boolean): unknown
}

/**
 * Cuts the sockets of sessions that ended — signed out, revoked, account
 * disabled, workstation revoked, idle past the refresh window — within about
 * one poll period, also when another process (the admin CLI) made the change:
 * it polls the store's `auth_revision` counter. A socket whose account changed
 * role or scope is cut too, so it reconnects with the new principal.
 */
export class SessionWatch {
  private readonly bySession = new Map<string, Set<WatchedSocket>>()
  private timer: NodeJS.Timeout | null = null
  private revision = -1
  private ticks = 0
  private checking: Promise<void> | null = null
  private again = false
  private readonly offRevocation: () => void

  constructor(
    private readonly auth: AuthService,
    private readonly store: AuthStore,
    private readonly pollMs = 1000,
    /** Every this many polls the sessions are checked even without a revision change (idle expiry). */
    private readonly fullEvery = 15,
  ) {
    // As in poll(): a revocation arriving while the server closes must not fail on the closed store.
    this.offRevocation = auth.onRevocation(() => void this.check().catch(() => undefined))
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.offRevocation()
  }

  track(socket: WatchedSocket): void {
    const id = socket.data.sessionId
    if (!id) return
    const set = this.bySession.get(id) ?? new Set()
    set.add(socket)
    this.bySession.set(id, set)
  }

  untrack(socket: WatchedSocket): void {
    const id = socket.data.sessionId
    if (!id) return
    const set = this.bySession.get(id)
    set?.delete(socket)
    if (set?.size === 0) this.bySession.delete(id)
  }

  private async poll(): Promise<void> {
    this.ticks++
    try {
      const revision = await this.store.revision()
      const changed = revision !== this.revision
      this.revision = revision
      if (changed || this.ticks % this.fullEvery === 0) await this.check()
    } catch {
      // The store is closing; the next tick tries again.
    }
  }

  /** Checks every watched session now; overlapping calls fold into one more pass. */
  check(): Promise<void> {
    if (this.checking) {
      this.again = true
      return this.checking
    }
    this.checking = (async () => {
      do {
        this.again = false
        await this.pass()
      } while (this.again)
    })().finally(() => (this.checking = null))
    return this.checking
  }

  private async pass(): Promise<void> {
    const ids = [...this.bySession.keys()]
    if (ids.length === 0) return
    const states = await this.auth.sessionStates(ids)
    for (const [id, state] of states) {
      const sockets = [...(this.bySession.get(id) ?? [])]
      for (const socket of sockets) {
        if (!state.alive) {
          socket.emit('problem', { code: 'session_ended', message: `session ended: ${state.reason}` })
          socket.disconnect(true)
          this.untrack(socket)
        } else if (JSON.stringify(state.principal) !== JSON.stringify(socket.data.principal)) {
          // The session stays: the client reconnects and its hello names the new principal.
          socket.emit('problem', { code: 'unauthorized', message: 'your role or scope changed: reconnect' })
          socket.disconnect(true)
          this.untrack(socket)
        }
      }
    }
  }
}
