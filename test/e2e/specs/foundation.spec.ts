import { expect, test } from '../fixtures/app-fixture'
import { AppPage } from '../pages/app-page'

// A small district history keeps start-up quick; the status bar only needs a live link.
test.use({ extraArgs: ['--history', '200'] })

test('the app opens in Chinese and shows the core, its database and the server link through the contract', async ({
  workstation,
}) => {
  const app = new AppPage(workstation)
  await app.open()
  await expect(app.nav('console')).toHaveText(/事件台/)
  // A real round trip: the status bar names the store's file, WAL mode and applied migrations.
  await expect(app.database).toContainText('WAL')
  await expect(app.database).toContainText(/迁移 v[1-9]/)
  await expect(app.database).toHaveAttribute('title', new RegExp(`${workstation.dataDir}.*workstation\\.sqlite`))
  // The embedded central server is reached and the demo operator is signed in.
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(app.page.getByTestId('status-operator')).toContainText('值班员')
  await app.go('settings')
  await expect(app.page.getByTestId('app-info')).toContainText(workstation.dataDir)
  await expect(app.page.getByTestId('app-info')).toContainText('内置中心服务')
  await app.screenshot('foundation-zh')
})

test('switching to English changes the whole frame and is remembered by the core', async ({ workstation }) => {
  const app = new AppPage(workstation)
  await app.open()
  await app.setLanguage('en')
  await expect(app.nav('console')).toHaveText(/Console/)
  await expect(app.database).toContainText(/migration v[1-9]/)
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(app.page.getByTestId('status-operator')).toContainText('Operator')
  await app.screenshot('foundation-en')
  // The locale lives in the core's store, so a fresh window opens in English.
  await app.page.reload()
  await expect(app.nav('dispatch')).toHaveText(/Dispatch/)
})
