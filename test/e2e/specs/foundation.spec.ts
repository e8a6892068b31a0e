import { expect, test } from '../fixtures/app-fixture'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { AppPage } from '../pages/app-page'
import { demoCredentialsIn } from '../pages/signin-page'

// A small district history keeps start-up quick; the status bar only needs a live link.
test.use({ extraArgs: ['--history', '200'] })

test('the app opens in Chinese and shows the core, its database and the server link through the contract', async ({
  workstation,
}) => {
  const app = new AppPage(workstation)
  // Nothing the page asks for is missing (the favicon once 404'd on every load).
  const missing: string[] = []
  app.page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`)
  })
  await app.open()
  await expect(app.nav('console')).toHaveText(/事件台/)
  // The status bar keeps to what the operator needs; the store's technical facts are not in it.
  await expect(app.statusBar).not.toContainText('WAL')
  // The embedded central server is reached and the demo operator is signed in.
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(app.page.getByTestId('status-operator')).toContainText('值班员')
  await app.go('settings')
  await expect(app.page.getByTestId('app-info')).toContainText(workstation.dataDir)
  await expect(app.page.getByTestId('app-info')).toContainText('内置中心服务')
  // A real round trip: Settings names the store's file, WAL mode and applied migrations, and the district zone.
  await expect(app.store.getByTestId('store-journal')).toHaveText('WAL')
  await expect(app.store.getByTestId('store-schema')).toHaveText(/^v[1-9]/)
  await expect(app.store.getByTestId('store-file')).toHaveText(
    new RegExp(`${workstation.dataDir}.*workstation\\.sqlite`),
  )
  await expect(app.store.getByTestId('store-time-zone')).toContainText('Asia/Shanghai（UTC+08:00）')
  await app.screenshot('foundation-zh')
  await app.page.reload()
  await expect(app.coreStatus).toBeVisible()
  expect(missing).toEqual([])
})

test('the quick start prints this run’s demo accounts once, and nothing else secret, anywhere it writes', async ({
  workstation,
}) => {
  const app = new AppPage(workstation)
  await app.open()
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  const output = workstation.output()
  // One account per desk of the demo cast, printed once.
  const demo = demoCredentialsIn(output)
  expect([...demo.keys()].sort()).toEqual(['department', 'field', 'henglanOperator', 'operator', 'supervisor', 'wall'])
  expect(output.match(/Demo sign-in for this run/g)).toHaveLength(1)
  // The workstation's own secrets (credential, refresh token, seat grant) are in its 0600 file only.
  const file = path.join(workstation.dataDir, 'secrets.json')
  expect(statSync(file).mode & 0o777).toBe(0o600)
  expect(statSync(workstation.dataDir).mode & 0o777).toBe(0o700)
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as {
    workstation: { workstationSecret: string }
    session: { refreshToken: string }
    seats: Record<string, { seatGrant: string }>
  }
  const hidden = [
    secrets.workstation.workstationSecret,
    secrets.session.refreshToken,
    ...Object.values(secrets.seats).map((s) => s.seatGrant),
  ]
  for (const secret of hidden) {
    expect(output).not.toContain(secret)
    expect(app.page.url()).not.toContain(secret)
  }
  expect(readFileSync(file, 'utf8')).not.toContain(workstation.credentials('operator').password)
})

test('switching to English changes the whole frame and is remembered by the core', async ({ workstation }) => {
  const app = new AppPage(workstation)
  await app.open()
  await app.setLanguage('en')
  await expect(app.nav('console')).toHaveText(/Console/)
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(app.page.getByTestId('status-operator')).toContainText('Operator')
  await app.screenshot('foundation-en')
  // The locale lives in the core's store, so a fresh window opens in English.
  await app.page.reload()
  await expect(app.nav('dispatch')).toHaveText(/Dispatch/)
})
