import { expect, type Locator, type Page } from '@playwright/test'

export interface Credentials {
  readonly username: string
  readonly password: string
}

/** The sign-in screen, as a person at the desk uses it (and the enrolment form before it). */
export class SignInPage {
  readonly screen: Locator
  readonly username: Locator
  readonly password: Locator
  readonly submit: Locator
  readonly error: Locator
  readonly ended: Locator
  readonly queued: Locator
  readonly enrolCode: Locator

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('signin-screen')
    this.username = page.getByTestId('signin-username')
    this.password = page.getByTestId('signin-password')
    this.submit = page.getByTestId('signin-submit')
    this.error = page.getByTestId('signin-error')
    this.ended = page.getByTestId('signin-ended')
    this.queued = page.getByTestId('signin-queued')
    this.enrolCode = page.getByTestId('signin-enrol-code')
  }

  async expectShown(): Promise<void> {
    await expect(this.screen).toBeVisible({ timeout: 60_000 })
    await expect(this.screen).toHaveAttribute('data-phase', 'signed_out')
  }

  /** Types the credentials and submits; does not wait for the outcome. */
  async attempt(who: Credentials): Promise<void> {
    await this.expectShown()
    await this.username.fill(who.username)
    await this.password.fill(who.password)
    await this.submit.click()
  }

  /** Signs in and waits until the app shows who is on duty. */
  async signIn(who: Credentials): Promise<void> {
    await this.attempt(who)
    await expect(this.screen).toBeHidden({ timeout: 30_000 })
    await expect(this.page.getByTestId('session-who')).toBeVisible()
  }

  /** Shift handover from inside the app: sign out from the title bar (confirmed), back to this screen. */
  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click()
    await this.page.getByTestId('signout-confirm').click()
    await this.expectShown()
  }

  async enrol(code: string): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-phase', 'unenrolled', { timeout: 60_000 })
    await this.enrolCode.fill(code)
    await this.submit.click()
  }
}

/** This run's demo accounts as the quick start prints them once to its console. */
export function demoCredentialsIn(output: string): Map<string, Credentials> {
  const found = new Map<string, Credentials>()
  for (const m of output.matchAll(/^\s+(\w+)\s+user (\S+)\s+password (\S+)/gm)) {
    if (m[1] && m[2] && m[3]) found.set(m[1], { username: m[2], password: m[3] })
  }
  return found
}
