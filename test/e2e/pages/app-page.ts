import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'
import type { Workstation } from '../fixtures/app-fixture'

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../screenshots')

/** The application frame as a user sees it: navigation, language, status bar. */
export class AppPage {
  readonly page: Page
  readonly statusBar: Locator
  readonly connection: Locator
  /** Shown once the core's status reached the window (the store's details are in Settings). */
  readonly coreStatus: Locator

  constructor(readonly workstation: Workstation) {
    this.page = workstation.page
    this.statusBar = this.page.getByTestId('status-bar')
    this.connection = this.page.getByTestId('status-connection')
    this.coreStatus = this.page.getByTestId('status-pending')
  }

  async open(route = 'console'): Promise<void> {
    await this.workstation.goto(route)
    await expect(this.coreStatus).toBeVisible()
  }

  /** The offline banner of the frame (shown on every screen while the link is down). */
  get offlineBanner(): Locator {
    return this.page.getByTestId('offline-banner')
  }

  /** The local store's details in Settings. */
  get store(): Locator {
    return this.page.getByTestId('settings-store')
  }

  nav(route: string): Locator {
    return this.page.getByTestId(`nav-${route}`)
  }

  async go(route: string): Promise<void> {
    await this.nav(route).click()
    await expect(this.page.getByTestId(`view-${route}`)).toBeVisible()
  }

  /** Shift handover: sign out from the title bar (confirmed); the sign-in screen follows. */
  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click()
    await this.page.getByTestId('signout-confirm').click()
    await expect(this.page.getByTestId('signin-screen')).toBeVisible()
  }

  async setLanguage(locale: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(locale)
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  }
}
