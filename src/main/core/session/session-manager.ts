import type { SqliteDatabase } from '@infra/sqlite'
import type { SessionEndReason, SessionOutcome, SessionView, SignInFailure } from '@shared/contract'
import type { Principal } from '@shared/domain'
import type { AuthErrorCode, SessionReply } from '@shared/protocol'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import type { ServerAccess } from '../sync/server-access'
import type { ServerEndpoints } from '../sync/server-endpoints'
import { AuthClient, AuthRefused, ServerUnreachable } from './auth-client'
import { fitCacheToReader, samePrincipal } from './cache-scope'
import { checkVerifier, makeVerifier } from './offline-verifier'
import { EMPTY_SECRETS, type Seat, type SecretVault, type Secrets } from './secrets'

export interface SessionManagerOptions {
  readonly sqlite: SqliteDatabase
  readonly vault: SecretVault
  readonly status: StatusBoard
  readonly hub: PushHub
  /** The server's addresses (several: the nodes of one cluster) and a private CA to trust. */
  readonly server: { readonly endpoints: ServerEndpoints; readonly ca: string | null }
  /** A one-time enrolment code to use when this workstation has no credential (embedded server, --enrol-code-file). */
  readonly enrolCode?: () => Promise<string | null>
  /** Start syncing (someone is signed in) and stop (nobody is). */
  readonly startSync: () => Promise<void>
  readonly stopSync: () => Promise<void>
  /** Number of queued commands (shown on the sign-in screen so a handover knows work is waiting). */
  readonly queued: () => Promise<number>
  readonly now?: () => number
  /** Refresh this long before the access token expires (default a fifth of its life). */
  readonly refreshLead?: number
}

/** Offline unlock attempts per person before a pause, and the pause. */
const OFFLINE_TRIES = 5
const OFFLINE_PAUSE_MS = 5 * 60_000

const FAILURE_OF: Partial<Record<AuthErrorCode, SignInFailure>> = {
  invalid_credentials: 'invalid_credentials',
  locked: 'locked',
  rate_limited: 'rate_limited',
  account_disabled: 'account_disabled',
  demo_refused: 'demo_refused',
  workstation_refused: 'unenrolled',
  invalid_code: 'invalid_code',
}

/**
 * Who is at this workstation. Sign-in goes to the central server; the answer's
 * refresh token, seat grant and an offline verifier (scrypt of the password)
 * go to the secret vault, the access token stays in memory and is renewed
 * before it expires. When the server cannot be reached, someone who signed in
 * here before may unlock with their password against the verifier; the session
 * is resumed with their seat grant once the server answers. Sign-out ends the
 * session on the server and stops syncing; the cache and the queue stay, and
 * the next person's sign-in first fits the cache to what they may read.
 */
export class SessionManager implements ServerAccess {
  readonly endpoints: ServerEndpoints
  readonly ca: string | null
  private secrets: Secrets = EMPTY_SECRETS
  private principal: Principal | null = null
  private offline = false
  private unlockedAt: number | null = null
  private access: { token: string; expiresAt: number; sessionExpiresAt: number } | null = null
  private endReason: SessionEndReason | null = null
  private renewing: Promise<string | null> | null = null
  private refreshTimer: NodeJS.Timeout | null = null
  private busy: Promise<unknown> = Promise.resolve()
  private readonly offlineFailures = new Map<string, { count: number; until: number }>()
  private readonly client: AuthClient
  private closed = false

  constructor(private readonly o: SessionManagerOptions) {
    this.endpoints = o.server.endpoints
    this.ca = o.server.ca
    this.client = new AuthClient(o.server.endpoints, o.server.ca)
  }

  /** The address in use now. */
  get url(): string {
    return this.endpoints.current
  }

  private now(): number {
    return (this.o.now ?? Date.now)()
  }

  /** Loads the vault; enrols with a provided code if needed; resumes a session the app was closed with. */
  async init(): Promise<void> {
    this.secrets = await this.o.vault.read()
    if (!this.secrets.workstation) await this.autoEnrol()
    const stored = this.secrets.session
    const seat = stored ? this.secrets.seats[stored.accountId] : undefined
    if (stored && seat) await this.adopt(seat.principal as Principal, false)
    else if (stored) await this.save({ ...this.secrets, session: null })
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
  }

  get signedIn(): boolean {
    return this.principal !== null
  }

  get workstationId(): string | null {
    return this.secrets.workstation?.workstationId ?? null
  }

  async view(): Promise<SessionView> {
    const ws = this.secrets.workstation
    return {
      phase: !ws ? 'unenrolled' : this.principal ? 'signed_in' : 'signed_out',
      principal: this.principal,
      offline: this.offline,
      workstationId: ws?.workstationId ?? null,
      workstationName: ws?.name ?? null,
      serverUrl: this.url,
      endReason: this.endReason,
      offlineUsers: Object.keys(this.secrets.seats).sort(),
      queued: await this.o.queued().catch(() => 0),
    }
  }

  private async announce(): Promise<void> {
    this.o.hub.emit('session', await this.view())
  }

  private async save(next: Secrets): Promise<void> {
    this.secrets = next
    await this.o.vault.write(next)
  }

  private async audit(action: string, actorId: string | null, detail?: Record<string, unknown>): Promise<void> {
    await this.o.sqlite
      .run(
        'INSERT INTO action_audit (at, action, command_id, incident_id, actor_id, detail) VALUES (?, ?, NULL, NULL, ?, ?)',
        [this.now(), action, actorId, detail ? JSON.stringify(detail) : null],
      )
      .catch(() => undefined)
  }

  /** One sign-in, sign-out or enrolment at a time. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work)
    this.busy = run.catch(() => undefined)
    return run
  }

  private async autoEnrol(): Promise<void> {
    const code = await this.o.enrolCode?.().catch(() => null)
    if (!code) return
    await this.enrolWith(code).catch(() => undefined)
  }

  enrol(code: string): Promise<SessionOutcome> {
    return this.serial(async () => {
      try {
        await this.enrolWith(code)
      } catch (err) {
        return this.failure(err)
      }
      await this.announce()
      return { ok: true, session: await this.view() }
    })
  }

  private async enrolWith(code: string): Promise<void> {
    const reply = await this.client.enrol(code)
    await this.save({
      ...this.secrets,
      workstation: {
        serverUrl: this.url,
        workstationId: reply.workstationId,
        name: reply.name,
        workstationSecret: reply.workstationSecret,
      },
      // A new credential: sessions and grants of an old one mean nothing to the server any more.
      session: null,
      seats: {},
    })
    await this.audit('workstation_enrolled', null, { workstationId: reply.workstationId })
  }

  signIn(username: string, password: string): Promise<SessionOutcome> {
    return this.serial(async () => {
      const ws = this.secrets.workstation
      if (!ws) return { ok: false, reason: 'unenrolled', retryAfterSeconds: null }
      if (this.principal) return { ok: false, reason: 'signed_in', retryAfterSeconds: null }
      const name = username.trim()
      const attempt = (cred: { workstationId: string; workstationSecret: string }) =>
        this.client.signIn({ ...cred, username: name, password })
      let reply: SessionReply
      try {
        try {
          reply = await attempt(ws)
        } catch (err) {
          // The server no longer knows this workstation (its store was replaced): with a code at hand
          // (the embedded server, --enrol-code-file) enrol again and try once more.
          if (!(err instanceof AuthRefused && err.code === 'workstation_refused' && this.o.enrolCode)) throw err
          await this.dropCredential()
          const again = this.secrets.workstation
          if (!again) throw err
          reply = await attempt(again)
        }
      } catch (err) {
        if (err instanceof ServerUnreachable) return this.unlockOffline(name, password)
        await this.audit('sign_in_failed', name, { reason: err instanceof AuthRefused ? err.code : 'error' })
        return this.failure(err)
      }
      const verifier = await makeVerifier(password)
      await this.store(reply, verifier)
      this.offline = false
      this.unlockedAt = null
      this.endReason = null
      await this.audit('sign_in', reply.principal.actorId)
      await this.adopt(reply.principal, false)
      return { ok: true, session: await this.view() }
    })
  }

  /** The server is unreachable: a person who signed in here before may unlock with their verifier. */
  private async unlockOffline(username: string, password: string): Promise<SessionOutcome> {
    const seat = this.secrets.seats[username]
    if (!seat || seat.seatGrantExpiresAt <= this.now())
      return { ok: false, reason: 'unreachable', retryAfterSeconds: null }
    const tries = this.offlineFailures.get(username)
    if (tries && tries.until > this.now())
      return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((tries.until - this.now()) / 1000) }
    if (!(await checkVerifier(password, seat.verifier))) {
      const count = (tries?.count ?? 0) + 1
      this.offlineFailures.set(username, {
        count: count % OFFLINE_TRIES,
        until: count >= OFFLINE_TRIES ? this.now() + OFFLINE_PAUSE_MS : 0,
      })
      await this.audit('offline_unlock_failed', username)
      return { ok: false, reason: 'invalid_credentials', retryAfterSeconds: null }
    }
    this.offlineFailures.delete(username)
    this.offline = true
    this.unlockedAt = this.now()
    this.endReason = null
    await this.audit('offline_unlock', username)
    await this.adopt(seat.principal as Principal, true)
    return { ok: true, session: await this.view() }
  }

  /**
   * Someone is now at the desk: first the cache is fitted to what they may read (nothing out of
   * their scope survives into a window), then the windows hear of it, then sync starts.
   */
  private async adopt(principal: Principal, offline: boolean): Promise<void> {
    const fit = await fitCacheToReader(this.o.sqlite, principal)
    this.principal = principal
    this.offline = offline
    this.o.status.update({ operator: principal })
    if (fit.pruned > 0 || fit.reset)
      this.o.hub.emit('changes', {
        incidentIds: [],
        all: true,
        conflictsChanged: true,
        cursor: this.o.status.get().cursor,
      })
    await this.announce()
    this.scheduleRefresh()
    await this.o.startSync()
  }

  private async store(reply: SessionReply, verifier: string | null): Promise<void> {
    const id = reply.principal.actorId
    const previous = this.secrets.seats[id]
    const seatVerifier = verifier ?? previous?.verifier
    // Deadlines on this machine's clock (the server's may differ).
    const skew = this.now() - reply.serverTime
    this.access = {
      token: reply.accessToken,
      expiresAt: reply.accessExpiresAt + skew,
      sessionExpiresAt: reply.refreshExpiresAt + skew,
    }
    await this.save({
      ...this.secrets,
      session: { accountId: id, refreshToken: reply.refreshToken, refreshExpiresAt: reply.refreshExpiresAt },
      seats: seatVerifier
        ? {
            ...this.secrets.seats,
            [id]: {
              principal: reply.principal as Seat['principal'],
              seatGrant: reply.seatGrant,
              seatGrantExpiresAt: reply.seatGrantExpiresAt,
              verifier: seatVerifier,
              lastSignInAt: this.now(),
            },
          }
        : this.secrets.seats,
    })
  }

  signOut(): Promise<SessionView> {
    return this.serial(async () => {
      // A refresh in flight rotates the refresh token: sign out with the one it ends up with.
      await this.renewing?.catch(() => null)
      if (!this.principal) return this.view()
      await this.end('signed_out', true)
      return this.view()
    })
  }

  /** Ends the session here (and, when asked and possible, on the server). The queue and the cache stay. */
  private async end(reason: SessionEndReason, tellServer: boolean): Promise<void> {
    const who = this.principal
    const session = this.secrets.session
    const ws = this.secrets.workstation
    this.principal = null
    this.offline = false
    this.unlockedAt = null
    this.access = null
    this.endReason = reason
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
    await this.o.stopSync()
    if (tellServer && session && ws) {
      // Best effort: offline, the server lets the session expire on its own.
      await this.client
        .signOut({
          workstationId: ws.workstationId,
          workstationSecret: ws.workstationSecret,
          refreshToken: session.refreshToken,
        })
        .catch(() => undefined)
    }
    await this.save({ ...this.secrets, session: null })
    this.o.status.update({ operator: null })
    await this.audit(reason === 'signed_out' ? 'sign_out' : 'session_ended', who?.actorId ?? null, { reason })
    await this.announce()
  }

  /** The server refused this person for good: no offline unlock or delivery under their name from here. */
  private async forget(actorId: string): Promise<void> {
    const { [actorId]: _gone, ...rest } = this.secrets.seats
    await this.save({ ...this.secrets, seats: rest })
  }

  private failure(err: unknown): SessionOutcome {
    if (err instanceof AuthRefused) {
      if (err.code === 'workstation_refused' && this.secrets.workstation) void this.dropCredential()
      return {
        ok: false,
        reason: FAILURE_OF[err.code] ?? 'invalid_credentials',
        retryAfterSeconds: err.retryAfterSeconds,
      }
    }
    return { ok: false, reason: 'unreachable', retryAfterSeconds: null }
  }

  /** The server no longer knows this workstation: it must enrol again (sessions and grants went with it). */
  private async dropCredential(): Promise<void> {
    await this.save({ ...EMPTY_SECRETS })
    await this.announce()
    await this.autoEnrol()
    await this.announce()
  }

  // ---- ServerAccess: what the sync engine asks for ----

  async credential(): Promise<string | null> {
    if (!this.principal || this.closed) return null
    // Renew a token with little life left rather than connect with one that may expire on the way.
    if (this.access && this.access.expiresAt - this.now() > Math.min(30_000, this.o.refreshLead ?? 30_000))
      return this.access.token
    this.renewing ??= this.renew().finally(() => (this.renewing = null))
    return this.renewing
  }

  refused(_reason: string): void {
    // The next credential() refreshes; a session that ended is found out there.
    this.access = null
  }

  grantFor(actorId: string): string | null {
    const seat = this.secrets.seats[actorId]
    return seat && seat.seatGrantExpiresAt > this.now() ? seat.seatGrant : null
  }

  /** A fresh access token: refresh the session, or resume it after an offline unlock. */
  private async renew(): Promise<string | null> {
    const ws = this.secrets.workstation
    const who = this.principal
    if (!ws || !who) return null
    const session = this.secrets.session
    const seat = this.secrets.seats[who.actorId]
    try {
      let reply: SessionReply
      if (session) {
        reply = await this.client.refresh({
          workstationId: ws.workstationId,
          workstationSecret: ws.workstationSecret,
          refreshToken: session.refreshToken,
        })
      } else if (seat && this.unlockedAt !== null) {
        reply = await this.client.resume({
          workstationId: ws.workstationId,
          workstationSecret: ws.workstationSecret,
          accountId: who.actorId,
          seatGrant: seat.seatGrant,
          unlockedAt: this.unlockedAt,
        })
        await this.audit('session_resumed', who.actorId, { unlockedAt: this.unlockedAt })
      } else return null
      if (this.principal?.actorId !== who.actorId) return null // signed out meanwhile
      await this.store(reply, null)
      const wasOffline = this.offline
      this.offline = false
      this.unlockedAt = null
      if (!samePrincipal(reply.principal, this.principal)) {
        // A new role or scope: the cache fits the reader before the windows hear of it.
        const fit = await fitCacheToReader(this.o.sqlite, reply.principal)
        this.principal = reply.principal
        this.o.status.update({ operator: reply.principal })
        if (fit.pruned > 0 || fit.reset)
          this.o.hub.emit('changes', {
            incidentIds: [],
            all: true,
            conflictsChanged: true,
            cursor: this.o.status.get().cursor,
          })
        await this.announce()
      } else if (wasOffline) await this.announce()
      this.scheduleRefresh()
      return reply.accessToken
    } catch (err) {
      if (!(err instanceof AuthRefused)) throw err
      // The server said no: the session (or the grant) is over. Queued work stays for whoever signs in next.
      if (err.code === 'workstation_refused') {
        await this.end('workstation_revoked', false)
        await this.dropCredential()
      } else {
        // Disabled or revoked by an administrator (or a resume refused): no offline unlock for them here either.
        const revoked = err.code === 'account_disabled' || err.code === 'session_revoked' || !session
        if (revoked) await this.forget(who.actorId)
        await this.end(err.code === 'account_disabled' ? 'account_disabled' : revoked ? 'revoked' : 'expired', false)
      }
      return null
    }
  }

  /**
   * Keeps the session alive while the app runs: refresh well before the access token expires, and
   * before the session's idle window closes (whichever comes first; the server cuts the socket of a
   * session idle past it).
   */
  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
    if (!this.principal || this.closed) return
    const deadline = this.access ? Math.min(this.access.expiresAt, this.access.sessionExpiresAt) : null
    const left = deadline === null ? 0 : deadline - this.now()
    // A fifth of the time left (at least 30 s) before it; a deadline under a minute away: at 60 % of it.
    const wait =
      deadline === null
        ? 30_000
        : left > 60_000
          ? left - (this.o.refreshLead ?? Math.max(30_000, left / 5))
          : Math.max(200, left * 0.6)
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null
      this.access = this.access ? { ...this.access, expiresAt: 0 } : null
      this.credential().then(
        () => this.scheduleRefresh(),
        () => this.scheduleRefresh(), // unreachable: try again later
      )
    }, wait)
    this.refreshTimer.unref?.()
  }
}
