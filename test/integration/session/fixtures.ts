import type { Principal } from '@shared/domain'
import { DEMO_TOKEN_LIST } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import type { SecretVault } from '../../../src/main/core/session/secrets'
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/index'
import { ensureAccount, TEST_PASSWORD } from '../../support/auth-http'
import { CLIENT_MIGRATIONS, SERVER_MIGRATIONS, until } from '../sync/fixtures/harness'

export { TEST_PASSWORD, ensureAccount }

/** A central server for session tests: accounts, quick revocation polling, service tokens for test traffic. */
export function startAuthServer(dataDir: string, extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({
    dataDir,
    port: 0,
    historyIncidents: 0,
    escalateEveryMs: null,
    heartbeatMs: 1000,
    migrationsFolder: SERVER_MIGRATIONS,
    tokens: DEMO_TOKEN_LIST,
    revocationPollMs: 200,
    ...extra,
  })
}

/**
 * A workstation core pointed at `server` with no service token: it enrols with a one-time code
 * (as `--enrol-code-file` would give it) and waits for someone to sign in.
 */
export function startSessionCore(
  dataDir: string,
  server: { url: string; admin: RunningServer['admin'] },
  options: { ca?: string | null; vault?: SecretVault; url?: string; enrol?: boolean } = {},
): Promise<Core> {
  return createCore({
    dataDir,
    migrationsFolder: CLIENT_MIGRATIONS,
    host: 'browser',
    version: 'test',
    server: { url: options.url ?? server.url, ca: options.ca ?? null },
    embeddedServer: false,
    enrolCode: async () => (options.enrol === false ? null : (await server.admin.issueEnrolment('test desk')).code),
    ...(options.vault ? { vault: options.vault } : {}),
  })
}

/** Signs `principal` in through the contract, as the sign-in screen does. */
export async function signInThrough(core: Core, principal: Principal, password = TEST_PASSWORD): Promise<void> {
  const r = await core.registry.call(
    'session.signIn',
    { username: principal.actorId, password },
    { origin: 'ipc', readOnly: false },
  )
  if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`sign-in failed: ${JSON.stringify(r)}`)
}

export function call(core: Core, name: string, args: unknown = {}) {
  return core.registry.call(name, args, { origin: 'ipc', readOnly: false })
}

export async function online(core: Core, server: RunningServer): Promise<void> {
  await until(
    () => core.status.get().connection === 'online' && core.status.get().cursor === server.headSeq(),
    'online and current',
  )
}
