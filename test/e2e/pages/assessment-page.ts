import { expect, type Locator, type Page } from '@playwright/test'
import path from 'node:path'

/** Screenshots of the assessment screen, looked at by hand (docs: issue 12). */
export const ASSESSMENT_SHOTS = process.env.GRID_SHOTS_DIR ?? '/work/shots/t12'

/** The assessment screen (考核): period, unit kind, league, a unit's card, drills to the console. */
export class AssessmentPage {
  readonly league: Locator
  readonly card: Locator

  constructor(readonly page: Page) {
    this.league = page.getByTestId('assessment-league')
    this.card = page.getByTestId('assessment-card')
  }

  async pickMonth(month: string): Promise<void> {
    await this.page.getByTestId('period-month-kind').click()
    await this.page.getByTestId('period-month').fill(month)
    await expect(this.page.getByTestId('assessment-period')).toHaveAttribute('data-label', month, { timeout: 60_000 })
  }

  async pickUnitKind(kind: string): Promise<void> {
    await this.page.getByTestId('assessment-unit-kind').selectOption(kind)
  }

  rows(): Locator {
    return this.page.getByTestId('assessment-row')
  }

  /** Opens units in league order until one has a line with cases behind it; returns that line. */
  async openUnitWithCases(): Promise<{ unit: string; line: string; cases: number }> {
    const ids = await this.rows().evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''))
    for (const id of ids) {
      await this.page.locator(`[data-testid="assessment-row"][data-id="${id}"]`).first().click()
      await expect(this.card).toHaveAttribute('data-id', id)
      const withCases = this.card.locator('[data-testid="card-line"]:not([data-cases="0"])')
      if ((await withCases.count()) === 0) continue
      const first = withCases.first()
      return {
        unit: id,
        line: (await first.getAttribute('data-line')) ?? '',
        cases: Number(await first.getAttribute('data-cases')),
      }
    }
    throw new Error('no unit has a line with cases behind it')
  }

  async drillLine(line: string): Promise<void> {
    await this.card.locator(`[data-testid="card-line"][data-line="${line}"] [data-testid="card-cases"]`).click()
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(ASSESSMENT_SHOTS, `${name}.png`) })
  }
}
