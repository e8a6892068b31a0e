import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'
import { SCREENSHOT_DIR } from './app-page'

/** The dashboard and map views (desk monitors) with their drill-down panel. */
export class SituationPage {
  readonly drillPanel: Locator
  readonly drillCount: Locator

  constructor(readonly page: Page) {
    this.drillPanel = page.getByTestId('drill-panel')
    this.drillCount = page.getByTestId('drill-count')
  }

  kpi(id: string): Locator {
    return this.page.getByTestId(`kpi-${id}`)
  }

  /** The number a KPI tile shows (counts only). */
  async kpiCount(id: string): Promise<number> {
    const text = (await this.page.getByTestId(`kpi-value-${id}`).textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  async drill(id: string): Promise<{ total: number; ids: string[] }> {
    await this.kpi(id).click()
    await expect(this.drillPanel).toBeVisible()
    await expect(this.drillCount).toBeVisible()
    const total = Number(await this.drillCount.getAttribute('data-total'))
    if (total > 0) await expect(this.page.getByTestId('drill-row').first()).toBeVisible()
    const ids = await this.page
      .getByTestId('drill-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''))
    return { total, ids }
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
  }
}
