import { parseArgs } from 'node:util'
import type { Principal, TownScope } from '@shared/domain'
import { ACCOUNT_ROLES, AdminError, AuthAdmin, type AccountRole } from './auth/admin'
import { readNewPassword } from './cli-prompt'
import { openServerDb } from './db/open'
import { isPostgresUrl, openPgStore } from './pg/open'
import { sideStores } from './store/side-stores'
import { runRuleSets } from './cli-assessment'

export const ADMIN_USAGE = `  server users add <user> --name NAME --role ROLE [--towns '*'|id,id] [--unit department/<id>|team/<id>] [--password-file F]
  server users list
  server users disable <user> | enable <user> | unlock <user>
  server users reset-password <user> [--password-file F]
  server users set-role <user> <role> [--towns '*'|id,id] [--unit kind/id|none]
  server workstations enrol --name NAME       (prints a one-time enrolment code, valid 24 h)
  server workstations list
  server workstations revoke <workstation-id>
  server audit [--limit 50] [--kind sign_in,sign_in_failed,…]
      all of these take --data-dir (default .data/server), or --store postgres://… (or GRID_STORE_URL)
      for a cluster on PostgreSQL, and work while the server runs;
      roles: ${ACCOUNT_ROLES.join(', ')}; passwords come from --password-file (0600) or stdin, never from flags`

function towns(text: string | undefined): TownScope | undefined {
  if (text === undefined) return undefined
  if (text.trim() === '*') return '*'
  const list = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  if (list.length === 0) throw new AdminError('--towns needs "*" or a comma-separated list of town ids')
  return list
}

function unit(text: string | undefined): Principal['unit'] | null | undefined {
  if (text === undefined) return undefined
  if (text === 'none') return null
  const [kind, id] = text.split('/')
  if ((kind !== 'department' && kind !== 'team') || !id)
    throw new AdminError('--unit must be department/<id> or team/<id>')
  return { kind, id }
}

function role(text: string | undefined): AccountRole {
  if (!text || !(ACCOUNT_ROLES as readonly string[]).includes(text))
    throw new AdminError(`--role must be one of ${ACCOUNT_ROLES.join(', ')}`)
  return text as AccountRole
}

function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
}

/** `users …`, `workstations …`, `audit`: administration on the store, beside a running server or not. */
export async function runAdmin(area: string, argv: string[], dataDir: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      store: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      towns: { type: 'string' },
      unit: { type: 'string' },
      'password-file': { type: 'string' },
      limit: { type: 'string' },
      kind: { type: 'string' },
      password: { type: 'string' },
    },
  })
  if (values.password !== undefined)
    throw new AdminError('passwords are never given on the command line: use --password-file (0600) or stdin')
  // A cluster on PostgreSQL keeps its accounts and rule sets there (shared by every node).
  const storeUrl = values.store ?? process.env.GRID_STORE_URL ?? null
  if (storeUrl !== null && !isPostgresUrl(storeUrl))
    throw new AdminError(`--store must be a postgres://… URL (got "${storeUrl.split('@').pop() ?? ''}")`)
  const pg = storeUrl ? await openPgStore(storeUrl) : null
  const { db } = await openServerDb(dataDir).catch(async (err: unknown) => {
    await pg?.close()
    throw err
  })
  const side = sideStores(db, pg?.db ?? null)
  const admin = new AuthAdmin(side.auth, { actor: `cli:${process.env.USER ?? 'admin'}` })
  const [verb, target, extra] = positionals
  try {
    if (area === 'users') {
      switch (verb) {
        case 'add': {
          if (!target) throw new AdminError('users add needs a user name')
          const r = role(values.role)
          const account = await admin.addUser({
            id: target,
            name: values.name ?? target,
            role: r,
            towns: towns(values.towns) ?? '*',
            ...(unit(values.unit) ? { unit: unit(values.unit) ?? undefined } : {}),
            password: await readNewPassword(values['password-file']),
          })
          console.log(`added ${account.principal.actorId} (${account.principal.role})`)
          return 0
        }
        case 'list': {
          for (const a of await admin.listUsers()) {
            const p = a.principal
            const scope = p.towns === '*' ? '*' : p.towns.join(',')
            const flags = [
              a.disabled ? 'DISABLED' : '',
              a.demo ? 'demo' : '',
              a.lockedUntil && a.lockedUntil > Date.now() ? `locked until ${when(a.lockedUntil)}` : '',
            ]
              .filter(Boolean)
              .join(' ')
            console.log(
              `${p.actorId.padEnd(24)} ${p.role.padEnd(11)} ${scope.padEnd(12)} ${p.unit ? `${p.unit.kind}/${p.unit.id}`.padEnd(18) : ''.padEnd(18)} last sign-in ${when(a.lastSignInAt)} ${flags} ${p.name}`,
            )
          }
          return 0
        }
        case 'disable':
        case 'enable':
        case 'unlock': {
          if (!target) throw new AdminError(`users ${verb} needs a user name`)
          await admin[verb](target)
          console.log(
            `${verb}d ${target}${verb === 'disable' ? ': its sessions end, its sockets are cut within seconds' : ''}`,
          )
          return 0
        }
        case 'reset-password': {
          if (!target) throw new AdminError('users reset-password needs a user name')
          await admin.resetPassword(target, await readNewPassword(values['password-file']))
          console.log(`new password set for ${target}; its sessions ended`)
          return 0
        }
        case 'set-role': {
          if (!target) throw new AdminError('users set-role needs a user name and a role')
          const a = await admin.setRole(target, role(extra ?? values.role), towns(values.towns), unit(values.unit))
          console.log(
            `${target} is now ${a.principal.role} (${a.principal.towns === '*' ? 'all towns' : a.principal.towns.join(',')})`,
          )
          return 0
        }
      }
    } else if (area === 'workstations') {
      switch (verb) {
        case 'enrol': {
          const name = values.name ?? target
          if (!name) throw new AdminError('workstations enrol needs --name')
          const e = await admin.issueEnrolment(name)
          console.log(`workstation ${e.workstationId} (${name})`)
          console.log(
            `one-time enrolment code: ${e.code}   (valid until ${when(e.expiresAt)} UTC; enter it on the workstation's sign-in screen)`,
          )
          return 0
        }
        case 'list': {
          for (const w of await admin.listWorkstations())
            console.log(
              `${w.id.padEnd(14)} ${w.state.padEnd(19)} enrolled ${when(w.enrolledAt)}  last seen ${when(w.lastSeenAt)}  ${w.name}`,
            )
          return 0
        }
        case 'revoke': {
          if (!target) throw new AdminError('workstations revoke needs a workstation id')
          await admin.revokeWorkstation(target)
          console.log(`revoked ${target}: its sessions end, its sockets are cut within seconds`)
          return 0
        }
      }
    } else if (area === 'rulesets') {
      return await runRuleSets(side.assessment, verb, target)
    } else if (area === 'audit') {
      const kinds = values.kind
        ?.split(',')
        .map((k) => k.trim())
        .filter(Boolean)
      const records = await admin.audit(Number(values.limit ?? 50), kinds)
      for (const r of records.reverse())
        console.log(
          `${when(r.at)}  ${r.kind.padEnd(20)} ${(r.accountId ?? '—').padEnd(22)} ${(r.workstationId ?? '—').padEnd(12)} ${r.address ?? ''} ${r.detail ? JSON.stringify(r.detail) : ''}`,
        )
      return 0
    }
    console.error(ADMIN_USAGE)
    return 2
  } finally {
    await db.close()
    await pg?.close()
  }
}
