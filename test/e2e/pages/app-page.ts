import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../screenshots')

/** The application frame as a user sees it: navigation, language, status bar. */
export class AppPage {
  readonly statusBar: Locator
  readonly connection: Locator
  readonly database: Locator

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar')
    this.connection = page.getByTestId('status-connection')
    this.database = page.getByTestId('status-database')
  }

  async open(baseUrl: string, route = 'console'): Promise<void> {
    await this.page.goto(`${baseUrl}/#/${route}`)
    await expect(this.database).toBeVisible()
  }

  nav(route: string): Locator {
    return this.page.getByTestId(`nav-${route}`)
  }

  async go(route: string): Promise<void> {
    await this.nav(route).click()
    await expect(this.page.getByTestId(`view-${route}`)).toBeVisible()
  }

  async setLanguage(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(locale)
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  }
}
