import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'

/** Screenshots of the rule-set editor, looked at by hand. */
export const RULESET_SHOTS = process.env.GRID_SHOTS_DIR ?? '/work/shots/t12w'

/** The rule-set editor (评分细则): the history of revisions and the form of the one shown. */
export class RuleSetsPage {
  readonly root: Locator
  readonly active: Locator
  readonly notice: Locator
  readonly save: Locator
  readonly reason: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('rulesets')
    this.active = page.getByTestId('rulesets-active')
    this.notice = page.getByTestId('rulesets-notice')
    this.save = page.getByTestId('ruleset-save')
    this.reason = page.getByTestId('ruleset-reason')
  }

  field(path: string): Locator {
    return this.page.locator(`[data-testid="ruleset-form"] [data-path="${path}"]`)
  }

  issue(path: string): Locator {
    return this.page.locator(`[data-testid="ruleset-form"] [data-issue="${path}"]`)
  }

  async unitKind(kind: string): Promise<void> {
    await this.page.locator(`.ruleset-kinds [data-kind="${kind}"]`).click()
    await expect(this.page.getByTestId(`ruleset-unit-${kind}`)).toBeVisible()
  }

  /** Unticks "activate after saving" when asked, then saves with `reason`. */
  async saveWith(reason: string, activate: boolean): Promise<void> {
    const box = this.page.locator('.ruleset-check input[type="checkbox"]')
    if ((await box.isChecked()) !== activate) await box.click()
    await this.reason.fill(reason)
    await this.save.click()
  }

  async activate(revision: number, reason: string): Promise<void> {
    await this.page.getByTestId(`ruleset-activate-${revision}`).click()
    const form = this.page.getByTestId('rulesets-activate')
    await form.locator('input').fill(reason)
    await form.locator('button.primary').click()
  }

  historyRow(revision: number): Locator {
    return this.page.locator(`[data-testid="rulesets-history"] tr[data-revision="${revision}"]`)
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(RULESET_SHOTS, `${name}.png`) })
  }
}
