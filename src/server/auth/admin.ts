import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { digest, hashPassword, humanCode, normaliseCode, passwordProblem, type KdfParams } from '@infra/crypto'
import type { Principal, Role, TownScope } from '@shared/domain'
import { principalOf, type AccountRow, type AuditRecord, type AuthStore } from './auth-store'

/** Roles a person (or a wall display) signs in with; `citizen` reports through Open311, `system` is the server. */
export const ACCOUNT_ROLES = [
  'operator',
  'supervisor',
  'wall',
  'field',
  'department',
] as const satisfies readonly Role[]
export type AccountRole = (typeof ACCOUNT_ROLES)[number]

const idSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i, 'use 2–64 letters, digits, dots, dashes or underscores')

export interface NewAccount {
  readonly id: string
  readonly name: string
  readonly role: AccountRole
  readonly towns: TownScope
  readonly unit?: Principal['unit']
  readonly password: string
  readonly demo?: boolean
}

export interface AccountSummary {
  readonly principal: Principal
  readonly disabled: boolean
  readonly demo: boolean
  readonly lockedUntil: number | null
  readonly lastSignInAt: number | null
}

export interface WorkstationSummary {
  readonly id: string
  readonly name: string
  readonly state: 'awaiting_enrolment' | 'enrolled' | 'revoked' | 'code_expired'
  readonly enrolledAt: number | null
  readonly lastSeenAt: number | null
}

export class AdminError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AdminError'
  }
}

function summary(row: AccountRow): AccountSummary {
  return {
    principal: principalOf(row),
    disabled: row.disabled === 1,
    demo: row.demo === 1,
    lockedUntil: row.lockedUntil,
    lastSignInAt: row.lastSignInAt,
  }
}

/** Lifetime of a one-time enrolment code. */
export const ENROL_CODE_TTL_MS = 24 * 3_600_000

/**
 * What an administrator does (the `users` and `workstations` commands of the
 * server CLI, the quick start's demo accounts, tests). Each change is one
 * transaction with its audit record; a change that takes rights away ends the
 * sessions it affects and bumps the revision a running server polls, so their
 * sockets are cut within seconds even when another process made the change.
 */
export class AuthAdmin {
  constructor(
    private readonly store: AuthStore,
    private readonly options: { kdf?: KdfParams; actor?: string; now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  private get actor(): string {
    return this.options.actor ?? 'admin'
  }

  private async must(id: string): Promise<AccountRow> {
    const row = await this.store.account(id)
    if (!row) throw new AdminError(`no account "${id}"`)
    return row
  }

  async addUser(input: NewAccount): Promise<AccountSummary> {
    const id = idSchema.safeParse(input.id)
    if (!id.success) throw new AdminError(`user name "${input.id}": ${id.error.issues[0]?.message}`)
    if (!(ACCOUNT_ROLES as readonly string[]).includes(input.role))
      throw new AdminError(`role must be one of ${ACCOUNT_ROLES.join(', ')}`)
    const name = input.name.trim()
    if (name.length < 1 || name.length > 100) throw new AdminError('a display name needs 1–100 characters')
    const problem = passwordProblem(input.password)
    if (problem) throw new AdminError(problem)
    if (input.role === 'department' && !input.unit)
      throw new AdminError('a department account needs --unit department/<id>')
    if (await this.store.account(id.data)) throw new AdminError(`account "${id.data}" already exists`)
    const hash = await hashPassword(input.password, this.options.kdf)
    const at = this.now()
    await this.store.tx(async (t) => {
      await t.addAccount({
        id: id.data,
        name,
        role: input.role,
        towns: JSON.stringify(input.towns),
        unit: input.unit ? JSON.stringify(input.unit) : null,
        passwordHash: hash,
        demo: input.demo ? 1 : 0,
        createdAt: at,
        updatedAt: at,
      })
      await t.audit(
        {
          kind: 'account_added',
          accountId: id.data,
          detail: { by: this.actor, role: input.role, towns: input.towns, demo: input.demo === true },
        },
        at,
      )
    })
    return summary(await this.must(id.data))
  }

  async listUsers(): Promise<AccountSummary[]> {
    return (await this.store.accounts()).map(summary)
  }

  async disable(id: string): Promise<void> {
    await this.must(id)
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateAccount(id, { disabled: 1, updatedAt: at })
      const ended = await t.endSessions({ accountId: id }, 'account_disabled', at)
      await t.dropGrants({ accountId: id })
      await t.audit(
        { kind: 'account_disabled', accountId: id, detail: { by: this.actor, sessionsEnded: ended.length } },
        at,
      )
      for (const sessionId of ended)
        await t.audit({ kind: 'session_revoked', accountId: id, sessionId, detail: { reason: 'account_disabled' } }, at)
      await t.bumpRevision()
    })
  }

  async enable(id: string): Promise<void> {
    await this.must(id)
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateAccount(id, { disabled: 0, updatedAt: at })
      await t.audit({ kind: 'account_enabled', accountId: id, detail: { by: this.actor } }, at)
    })
  }

  async unlock(id: string): Promise<void> {
    await this.must(id)
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateAccount(id, { lockedUntil: null, failedAttempts: 0, updatedAt: at })
      await t.audit({ kind: 'account_unlocked', accountId: id, detail: { by: this.actor } }, at)
    })
  }

  /** A new password ends the account's sessions and seat grants (a leaked one stops working everywhere). */
  async resetPassword(id: string, password: string): Promise<void> {
    await this.must(id)
    const problem = passwordProblem(password)
    if (problem) throw new AdminError(problem)
    const hash = await hashPassword(password, this.options.kdf)
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateAccount(id, { passwordHash: hash, failedAttempts: 0, lockedUntil: null, updatedAt: at })
      const ended = await t.endSessions({ accountId: id }, 'password_reset', at)
      await t.dropGrants({ accountId: id })
      await t.audit(
        { kind: 'password_reset', accountId: id, detail: { by: this.actor, sessionsEnded: ended.length } },
        at,
      )
      for (const sessionId of ended)
        await t.audit({ kind: 'session_revoked', accountId: id, sessionId, detail: { reason: 'password_reset' } }, at)
      await t.bumpRevision()
    })
  }

  /** A new role or scope applies at once: live sockets reconnect with it (their sessions stay). */
  async setRole(
    id: string,
    role: AccountRole,
    towns?: TownScope,
    unit?: Principal['unit'] | null,
  ): Promise<AccountSummary> {
    const row = await this.must(id)
    if (!(ACCOUNT_ROLES as readonly string[]).includes(role))
      throw new AdminError(`role must be one of ${ACCOUNT_ROLES.join(', ')}`)
    const nextUnit = unit === undefined ? row.unit : unit ? JSON.stringify(unit) : null
    if (role === 'department' && !nextUnit) throw new AdminError('a department account needs --unit department/<id>')
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateAccount(id, {
        role,
        towns: towns === undefined ? row.towns : JSON.stringify(towns),
        unit: nextUnit,
        updatedAt: at,
      })
      await t.audit(
        {
          kind: 'role_changed',
          accountId: id,
          detail: {
            by: this.actor,
            from: { role: row.role, towns: JSON.parse(row.towns) as unknown },
            to: { role, towns: towns ?? (JSON.parse(row.towns) as unknown) },
          },
        },
        at,
      )
      await t.bumpRevision()
    })
    return summary(await this.must(id))
  }

  /** A new workstation awaiting enrolment, and its one-time code (valid 24 h). */
  async issueEnrolment(name: string): Promise<{ workstationId: string; code: string; expiresAt: number }> {
    const label = name.trim()
    if (label.length < 1 || label.length > 100) throw new AdminError('a workstation name needs 1–100 characters')
    const workstationId = `ws-${randomBytes(4).toString('hex')}`
    const code = humanCode()
    const at = this.now()
    const expiresAt = at + ENROL_CODE_TTL_MS
    await this.store.tx(async (t) => {
      await t.addWorkstation({
        id: workstationId,
        name: label,
        enrolCodeHash: digest(normaliseCode(code)),
        enrolCodeExpiresAt: expiresAt,
        createdAt: at,
      })
      await t.audit({ kind: 'enrolment_issued', workstationId, detail: { by: this.actor, name: label, expiresAt } }, at)
    })
    return { workstationId, code, expiresAt }
  }

  async listWorkstations(): Promise<WorkstationSummary[]> {
    const at = this.now()
    return (await this.store.workstations()).map((w) => ({
      id: w.id,
      name: w.name,
      state:
        w.revokedAt !== null
          ? 'revoked'
          : w.secretHash
            ? 'enrolled'
            : (w.enrolCodeExpiresAt ?? 0) < at
              ? 'code_expired'
              : 'awaiting_enrolment',
      enrolledAt: w.enrolledAt,
      lastSeenAt: w.lastSeenAt,
    }))
  }

  /** A revoked workstation's sessions end, its grants go, and it can never sign anyone in again. */
  async revokeWorkstation(id: string): Promise<void> {
    if (!(await this.store.workstation(id))) throw new AdminError(`no workstation "${id}"`)
    await this.store.tx(async (t) => {
      const at = this.now()
      await t.updateWorkstation(id, { revokedAt: at, enrolCodeHash: null, enrolCodeExpiresAt: null })
      const ended = await t.endSessions({ workstationId: id }, 'workstation_revoked', at)
      await t.dropGrants({ workstationId: id })
      await t.audit(
        { kind: 'workstation_revoked', workstationId: id, detail: { by: this.actor, sessionsEnded: ended.length } },
        at,
      )
      for (const sessionId of ended)
        await t.audit(
          { kind: 'session_revoked', workstationId: id, sessionId, detail: { reason: 'workstation_revoked' } },
          at,
        )
      await t.bumpRevision()
    })
  }

  audit(limit = 50, kinds?: readonly string[]): Promise<AuditRecord[]> {
    return this.store.auditLog(limit, kinds)
  }
}
