import { expect, test } from '@playwright/test'
import { startHost, type HostProcess } from '../fixtures/host-process'
import { AppPage } from '../pages/app-page'

let host: HostProcess

test.beforeEach(async () => {
  host = await startHost()
})
test.afterEach(async () => {
  await host.stop()
})

test('the app opens in Chinese and shows the core and its database through the contract', async ({ page }) => {
  const app = new AppPage(page)
  await app.open(host.url)
  await expect(page.getByTestId('nav-console')).toHaveText(/事件台/)
  // A real round trip: the status bar names the store's file, WAL mode and applied migrations.
  await expect(app.database).toContainText('WAL')
  await expect(app.database).toContainText(/迁移 v[1-9]/)
  await expect(app.database).toHaveAttribute('title', new RegExp(`${host.dataDir}.*workstation\\.sqlite`))
  await expect(app.connection).toHaveAttribute('data-state', /online|connecting|offline|catching_up/)
  await app.go('settings')
  await expect(page.getByTestId('app-info')).toContainText(host.dataDir)
  await app.screenshot('foundation-zh')
})

test('switching to English changes the whole frame and is remembered by the core', async ({ page }) => {
  const app = new AppPage(page)
  await app.open(host.url)
  await app.setLanguage('en')
  await expect(page.getByTestId('nav-console')).toHaveText(/Console/)
  await expect(app.database).toContainText(/migration v[1-9]/)
  await app.screenshot('foundation-en')
  // The locale lives in the core's store, so a fresh window opens in English.
  await page.reload()
  await expect(page.getByTestId('nav-dispatch')).toHaveText(/Dispatch/)
})
