import { demoPassword } from '@infra/crypto'
import { DEMO_PRINCIPALS, type DemoCredential, type DemoIdentity } from '@shared/protocol'
import type { AccountRole, AuthAdmin } from './admin'
import type { AuthStore } from './auth-store'

/**
 * The quick start's accounts, one per desk of the demo cast, with fresh random
 * passwords on every run: an account that already exists as a demo account gets
 * a new password (its old sessions and seat grants end), one that exists as a
 * real account is left alone. Only ever called on a loopback bind.
 */
export async function createDemoAccounts(store: AuthStore, admin: AuthAdmin): Promise<DemoCredential[]> {
  const out: DemoCredential[] = []
  for (const [identity, principal] of Object.entries(DEMO_PRINCIPALS) as [
    DemoIdentity,
    (typeof DEMO_PRINCIPALS)[DemoIdentity],
  ][]) {
    const password = demoPassword()
    const existing = await store.account(principal.actorId)
    if (existing && existing.demo !== 1) continue
    if (existing) {
      await admin.resetPassword(principal.actorId, password)
      // The cast is defined in code: keep a stored demo account in step with it.
      await store.updateAccount(principal.actorId, {
        name: principal.name,
        role: principal.role,
        towns: JSON.stringify(principal.towns),
        unit: principal.unit ? JSON.stringify(principal.unit) : null,
        disabled: 0,
      })
    } else {
      await admin.addUser({
        id: principal.actorId,
        name: principal.name,
        role: principal.role as AccountRole,
        towns: principal.towns,
        ...(principal.unit ? { unit: principal.unit } : {}),
        password,
        demo: true,
      })
    }
    out.push({ identity, username: principal.actorId, password, principal })
  }
  return out
}

/** The lines the quick start prints once: who to sign in as. */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string[] {
  const lines = ['Demo sign-in for this run (new passwords every start; loopback only):']
  for (const c of credentials) {
    const towns = c.principal.towns === '*' ? 'all towns' : c.principal.towns.join(',')
    lines.push(
      `  ${c.identity.padEnd(16)} user ${c.username.padEnd(22)} password ${c.password}   (${c.principal.role}, ${towns})`,
    )
  }
  return lines
}
