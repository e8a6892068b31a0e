import { randomUUID, timingSafeEqual } from 'node:crypto'
import { digest, normaliseCode, randomSecret, verifyNothing, verifyPassword } from '@infra/crypto'
import type { Principal } from '@shared/domain'
import type {
  EnrolReply,
  EnrolRequest,
  RefreshRequest,
  ResumeRequest,
  SessionReply,
  SignInRequest,
  SignOutRequest,
} from '@shared/protocol'
import { AuthFailure } from './auth-failure'
import {
  principalOf,
  type AccountRow,
  type AuthRecords,
  type AuthStore,
  type SessionRow,
  type WorkstationRow,
} from './auth-store'
import { AddressThrottle } from './throttle'

export interface AuthPolicy {
  /** Life of an access token (the sync socket's handshake credential). Default 10 min. */
  readonly accessTtlMs: number
  /** A session ends when not refreshed for this long. Default 12 h. */
  readonly refreshTtlMs: number
  /** A seat grant (offline unlock, delivering queued work) lasts this long after the last contact. Default 7 days. */
  readonly grantTtlMs: number
  /** Consecutive wrong passwords that lock an account, and for how long. Default 5, 15 min. */
  readonly maxFailures: number
  readonly lockMs: number
  /** Failed attempts per address: burst and refill. Default 10, one per 6 s. */
  readonly addressBurst: number
  readonly addressRefillMs: number
  /** False when the server listens beyond loopback: per-run demo accounts are refused. */
  readonly allowDemo: boolean
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  accessTtlMs: 10 * 60_000,
  refreshTtlMs: 12 * 3_600_000,
  grantTtlMs: 7 * 24 * 3_600_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
  addressBurst: 10,
  addressRefillMs: 6_000,
  allowDemo: true,
}

/** Who a socket is, once its access token checked out. */
export interface SessionIdentity {
  readonly principal: Principal
  readonly workstationId: string
  readonly sessionId: string
}

export type AccessCheck = { ok: true; identity: SessionIdentity } | { ok: false; reason: 'expired' | 'unknown' }

/** A live socket's session as it stands now: gone, or alive with its (possibly changed) principal. */
export type SessionState = { alive: false; reason: string } | { alive: true; principal: Principal }

/** Why a refresh of an ended session is refused, by how it ended. */
function endedFailure(reason: string | null): AuthFailure {
  if (reason === 'account_disabled') return new AuthFailure('account_disabled', 'this account is disabled')
  if (reason === 'signed_out' || reason === 'expired' || reason === null)
    return new AuthFailure('session_ended', 'this session has ended: sign in again')
  return new AuthFailure('session_revoked', `this session was ended by an administrator (${reason}): sign in again`)
}

function sameDigest(a: string | null, b: string): boolean {
  if (a === null || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Sign-in, refresh, sign-out, resume after an offline unlock, enrolment, and the
 * checks the sync hub makes (access tokens, seat grants, live sessions). Every
 * outcome that matters is an audit record. Secrets arrive, are hashed, and are
 * never logged or stored in clear.
 */
export class AuthService {
  private readonly throttle: AddressThrottle
  private readonly listeners = new Set<() => void>()

  constructor(
    readonly store: AuthStore,
    readonly policy: AuthPolicy = DEFAULT_AUTH_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.throttle = new AddressThrottle(policy.addressBurst, policy.addressRefillMs, now)
  }

  /** Called after this process ended sessions or took rights away (the hub re-checks its sockets). */
  onRevocation(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private revoked(): void {
    for (const l of this.listeners) l()
  }

  private gate(address: string): void {
    const wait = this.throttle.retryAfter(address)
    if (wait > 0) throw new AuthFailure('rate_limited', `too many failed attempts from ${address}`, wait)
  }

  private async workstation(
    t: AuthRecords,
    id: string,
    secret: string,
    address: string,
    kind: string,
  ): Promise<WorkstationRow> {
    const row = await t.workstation(id)
    if (!row || row.revokedAt !== null || !sameDigest(row.secretHash, digest(secret))) {
      this.throttle.fail(address)
      await t.audit(
        { kind: `${kind}_refused`, workstationId: id, address, detail: { reason: 'workstation' } },
        this.now(),
      )
      throw new AuthFailure('workstation_refused', 'this workstation is not enrolled (or was revoked): enrol it again')
    }
    return row
  }

  /** The account may sign in at all (not disabled, not a demo account on a public bind). */
  private usable(account: AccountRow): AuthFailure | null {
    if (account.demo === 1 && !this.policy.allowDemo)
      return new AuthFailure('demo_refused', 'demo accounts work only while the server listens on loopback')
    if (account.disabled === 1) return new AuthFailure('account_disabled', 'this account is disabled')
    return null
  }

  /** A new session (and a renewed seat grant) for `account` on `workstationId`. */
  private async issue(
    t: AuthRecords,
    account: AccountRow,
    workstationId: string,
    method: 'password' | 'resume',
  ): Promise<{ reply: SessionReply; sessionId: string }> {
    const at = this.now()
    const sessionId = `ses-${randomUUID()}`
    const accessToken = randomSecret()
    const refreshToken = randomSecret()
    const seatGrant = randomSecret()
    const accessExpiresAt = at + this.policy.accessTtlMs
    const refreshExpiresAt = at + this.policy.refreshTtlMs
    const seatGrantExpiresAt = at + this.policy.grantTtlMs
    await t.addSession({
      id: sessionId,
      accountId: account.id,
      workstationId,
      accessHash: digest(accessToken),
      accessExpiresAt,
      refreshHash: digest(refreshToken),
      refreshExpiresAt,
      method,
      createdAt: at,
      refreshedAt: at,
    })
    await this.renewGrant(t, account.id, workstationId, seatGrant, at)
    await t.updateAccount(account.id, { failedAttempts: 0, lockedUntil: null, lastSignInAt: at })
    await t.updateWorkstation(workstationId, { lastSeenAt: at })
    return {
      sessionId,
      reply: {
        principal: principalOf(account),
        accessToken,
        accessExpiresAt,
        refreshToken,
        refreshExpiresAt,
        seatGrant,
        seatGrantExpiresAt,
        serverTime: at,
      },
    }
  }

  private async renewGrant(t: AuthRecords, accountId: string, workstationId: string, token: string, at: number) {
    await t.putGrant({
      accountId,
      workstationId,
      tokenHash: digest(token),
      issuedAt: at,
      expiresAt: at + this.policy.grantTtlMs,
    })
  }

  async enrol(req: EnrolRequest, address: string): Promise<EnrolReply> {
    this.gate(address)
    const secret = randomSecret()
    const result = await this.store.tx(async (t) => {
      const at = this.now()
      const row = await t.workstationByCode(digest(normaliseCode(req.code)))
      if (!row || row.revokedAt !== null || (row.enrolCodeExpiresAt ?? 0) < at) {
        await t.audit({ kind: 'enrol_refused', address }, at)
        return null
      }
      await t.updateWorkstation(row.id, {
        secretHash: digest(secret),
        enrolCodeHash: null,
        enrolCodeExpiresAt: null,
        enrolledAt: at,
        lastSeenAt: at,
      })
      await t.audit({ kind: 'workstation_enrolled', workstationId: row.id, address }, at)
      return row
    })
    if (!result) {
      this.throttle.fail(address)
      throw new AuthFailure('invalid_code', 'this enrolment code is unknown, used or expired')
    }
    return { workstationId: result.id, name: result.name, workstationSecret: secret }
  }

  async signIn(req: SignInRequest, address: string): Promise<SessionReply> {
    this.gate(address)
    const username = req.username.trim()
    // Reads first, outside any transaction: the password check takes ~0.1 s and must not hold the store.
    await this.workstation(this.store, req.workstationId, req.workstationSecret, address, 'sign_in')
    const account = await this.store.account(username)
    const audit = (kind: string, detail: Record<string, unknown>, accountId: string | null = account?.id ?? null) =>
      this.store.audit({ kind, accountId, workstationId: req.workstationId, address, detail }, this.now())
    if (!account) {
      await verifyNothing(req.password)
      this.throttle.fail(address)
      await audit('sign_in_failed', { reason: 'unknown_account', username: username.slice(0, 64) })
      throw new AuthFailure('invalid_credentials', 'wrong user name or password')
    }
    const at = this.now()
    if (account.lockedUntil !== null && account.lockedUntil > at) {
      await audit('sign_in_refused', { reason: 'locked' })
      throw new AuthFailure(
        'locked',
        'too many failed attempts: this account is locked for a while',
        Math.ceil((account.lockedUntil - at) / 1000),
      )
    }
    if (!(await verifyPassword(req.password, account.passwordHash))) {
      this.throttle.fail(address)
      const failures = await this.store.countFailure(account.id)
      if (failures >= this.policy.maxFailures) {
        const until = this.now() + this.policy.lockMs
        await this.store.updateAccount(account.id, { lockedUntil: until, failedAttempts: 0 })
        await audit('sign_in_failed', { reason: 'wrong_password', failures })
        await audit('account_locked', { until, failures })
        throw new AuthFailure(
          'locked',
          'too many failed attempts: this account is locked for a while',
          Math.ceil(this.policy.lockMs / 1000),
        )
      }
      await audit('sign_in_failed', { reason: 'wrong_password', failures })
      throw new AuthFailure('invalid_credentials', 'wrong user name or password')
    }
    const unusable = this.usable(account)
    if (unusable) {
      await audit('sign_in_refused', { reason: unusable.code })
      throw unusable
    }
    return this.store.tx(async (t) => {
      const issued = await this.issue(t, account, req.workstationId, 'password')
      await t.audit(
        {
          kind: 'sign_in',
          accountId: account.id,
          workstationId: req.workstationId,
          sessionId: issued.sessionId,
          address,
          detail: { method: 'password' },
        },
        this.now(),
      )
      return issued.reply
    })
  }

  /** New tokens for a live session, from the workstation it was issued to (rotates the refresh token). */
  async refresh(req: RefreshRequest, address: string): Promise<SessionReply> {
    this.gate(address)
    await this.workstation(this.store, req.workstationId, req.workstationSecret, address, 'refresh')
    const outcome = await this.store.tx(async (t): Promise<SessionReply | AuthFailure> => {
      const at = this.now()
      const session = await t.sessionByRefresh(digest(req.refreshToken))
      const refuse = async (reason: string, f: AuthFailure, end?: SessionRow) => {
        if (end) await t.endSessions({ sessionId: end.id }, reason, at)
        await t.audit(
          {
            kind: 'refresh_refused',
            accountId: session?.accountId ?? null,
            workstationId: req.workstationId,
            sessionId: session?.id ?? null,
            address,
            detail: { reason },
          },
          at,
        )
        return f
      }
      if (!session) return refuse('session_ended', endedFailure(null))
      if (session.endedAt !== null) return refuse(session.endReason ?? 'ended', endedFailure(session.endReason))
      if (session.workstationId !== req.workstationId) {
        // A refresh token presented by another workstation was copied: end the session it belongs to.
        return refuse('wrong_workstation', endedFailure('wrong_workstation'), session)
      }
      if (session.refreshExpiresAt <= at)
        return refuse('expired', new AuthFailure('session_ended', 'this session expired: sign in again'), session)
      const account = await t.account(session.accountId)
      const unusable = account
        ? this.usable(account)
        : new AuthFailure('account_disabled', 'this account no longer exists')
      if (!account || unusable)
        return refuse(
          unusable?.code ?? 'account_disabled',
          unusable ?? new AuthFailure('account_disabled', 'gone'),
          session,
        )
      const accessToken = randomSecret()
      const refreshToken = randomSecret()
      const seatGrant = randomSecret()
      const values = {
        accessHash: digest(accessToken),
        accessExpiresAt: at + this.policy.accessTtlMs,
        refreshHash: digest(refreshToken),
        refreshExpiresAt: at + this.policy.refreshTtlMs,
        refreshedAt: at,
      }
      await t.updateSession(session.id, values)
      await this.renewGrant(t, account.id, req.workstationId, seatGrant, at)
      await t.updateWorkstation(req.workstationId, { lastSeenAt: at })
      return {
        principal: principalOf(account),
        accessToken,
        accessExpiresAt: values.accessExpiresAt,
        refreshToken,
        refreshExpiresAt: values.refreshExpiresAt,
        seatGrant,
        seatGrantExpiresAt: at + this.policy.grantTtlMs,
        serverTime: at,
      }
    })
    if (outcome instanceof AuthFailure) {
      this.revoked()
      throw outcome
    }
    return outcome
  }

  async signOut(req: SignOutRequest, address: string): Promise<void> {
    this.gate(address)
    await this.workstation(this.store, req.workstationId, req.workstationSecret, address, 'sign_out')
    const ended = await this.store.tx(async (t) => {
      const at = this.now()
      const session = await t.sessionByRefresh(digest(req.refreshToken))
      if (!session || session.workstationId !== req.workstationId || session.endedAt !== null) return false
      await t.endSessions({ sessionId: session.id }, 'signed_out', at)
      await t.audit(
        {
          kind: 'sign_out',
          accountId: session.accountId,
          workstationId: session.workstationId,
          sessionId: session.id,
          address,
        },
        at,
      )
      return true
    })
    if (ended) this.revoked()
  }

  /**
   * After an offline unlock: the seat grant the workstation holds for the account, from that
   * workstation, opens a new session (the person proved the password to the workstation's
   * verifier; the grant proves they signed in on this seat before and were not revoked since).
   */
  async resume(req: ResumeRequest, address: string): Promise<SessionReply> {
    this.gate(address)
    await this.workstation(this.store, req.workstationId, req.workstationSecret, address, 'resume')
    const grant = await this.store.grantByToken(digest(req.seatGrant))
    const at = this.now()
    const audit = (kind: string, detail: Record<string, unknown>) =>
      this.store.audit({ kind, accountId: req.accountId, workstationId: req.workstationId, address, detail }, at)
    if (
      !grant ||
      grant.accountId !== req.accountId ||
      grant.workstationId !== req.workstationId ||
      grant.expiresAt <= at
    ) {
      this.throttle.fail(address)
      await audit('resume_refused', { reason: grant ? 'grant_mismatch_or_expired' : 'unknown_grant' })
      throw new AuthFailure('session_revoked', 'this seat grant is no longer valid: sign in again')
    }
    const account = await this.store.account(req.accountId)
    const unusable = account
      ? this.usable(account)
      : new AuthFailure('account_disabled', 'this account no longer exists')
    if (!account || unusable) {
      await audit('resume_refused', { reason: unusable?.code ?? 'account_disabled' })
      throw unusable ?? new AuthFailure('account_disabled', 'gone')
    }
    return this.store.tx(async (t) => {
      const issued = await this.issue(t, account, req.workstationId, 'resume')
      await t.audit(
        {
          kind: 'sign_in',
          accountId: account.id,
          workstationId: req.workstationId,
          sessionId: issued.sessionId,
          address,
          detail: { method: 'resume', unlockedAt: req.unlockedAt },
        },
        this.now(),
      )
      return issued.reply
    })
  }

  /** The sync socket's handshake: an access token → who, on which workstation, in which session. */
  async checkAccess(token: string): Promise<AccessCheck> {
    const session = await this.store.sessionByAccess(digest(token))
    if (!session || session.endedAt !== null) return { ok: false, reason: 'unknown' }
    const at = this.now()
    if (session.accessExpiresAt <= at) return { ok: false, reason: 'expired' }
    const state = (await this.sessionStates([session.id])).get(session.id)
    if (!state?.alive) return { ok: false, reason: 'unknown' }
    return {
      ok: true,
      identity: { principal: state.principal, workstationId: session.workstationId, sessionId: session.id },
    }
  }

  /**
   * Live sessions as they stand: ended, idle past the refresh window, account disabled (or a demo
   * account on a public bind) or workstation revoked → gone; otherwise the account's principal now.
   */
  async sessionStates(ids: readonly string[]): Promise<Map<string, SessionState>> {
    const out = new Map<string, SessionState>()
    const rows = await this.store.sessionsById(ids)
    const at = this.now()
    const accounts = new Map<string, AccountRow | undefined>()
    const stations = new Map<string, WorkstationRow | undefined>()
    for (const s of rows) {
      if (!accounts.has(s.accountId)) accounts.set(s.accountId, await this.store.account(s.accountId))
      if (!stations.has(s.workstationId)) stations.set(s.workstationId, await this.store.workstation(s.workstationId))
      const account = accounts.get(s.accountId)
      const station = stations.get(s.workstationId)
      let reason: string | null = null
      if (s.endedAt !== null) reason = s.endReason ?? 'ended'
      else if (s.refreshExpiresAt <= at) reason = 'expired'
      else if (!account) reason = 'account_removed'
      else if (this.usable(account)) reason = this.usable(account)?.code ?? 'account_disabled'
      else if (!station || station.revokedAt !== null) reason = 'workstation_revoked'
      out.set(
        s.id,
        reason === null && account
          ? { alive: true, principal: principalOf(account) }
          : { alive: false, reason: reason ?? 'gone' },
      )
    }
    for (const id of ids) if (!out.has(id)) out.set(id, { alive: false, reason: 'unknown' })
    return out
  }

  /**
   * The author a seat grant names, for a command from `workstationId`: valid only from the
   * workstation it was issued to, before it expires, for an account still allowed to sign in.
   */
  async authorOf(
    grantToken: string,
    workstationId: string | null,
    context: { sessionId: string | null },
  ): Promise<Principal | null> {
    const at = this.now()
    const grant = await this.store.grantByToken(digest(grantToken))
    const account = grant ? await this.store.account(grant.accountId) : undefined
    const station = workstationId ? await this.store.workstation(workstationId) : undefined
    const ok =
      grant !== undefined &&
      workstationId !== null &&
      grant.workstationId === workstationId &&
      grant.expiresAt > at &&
      account !== undefined &&
      this.usable(account) === null &&
      station !== undefined &&
      station.revokedAt === null
    if (!ok || !account) {
      await this.store.audit({
        kind: 'author_refused',
        accountId: grant?.accountId ?? null,
        workstationId,
        sessionId: context.sessionId,
        detail: {
          reason: !grant
            ? 'unknown_grant'
            : grant.workstationId !== workstationId
              ? 'other_workstation'
              : 'expired_or_revoked',
        },
      })
      return null
    }
    return principalOf(account)
  }
}
