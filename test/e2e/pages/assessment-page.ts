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

  /** A custom range of whole days (YYYY-MM-DD, inclusive). */
  async pickRange(first: string, last: string): Promise<void> {
    await this.page.getByTestId('period-custom-kind').click()
    await this.page.getByTestId('period-first').fill(first)
    await this.page.getByTestId('period-last').fill(last)
    await expect(this.page.getByTestId('assessment-period')).toHaveAttribute('data-label', `${first}~${last}`, {
      timeout: 60_000,
    })
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

  /** The league as the screen shows it: rank ('' for 样本不足), name, id and the printed score, in order. */
  async screenRows(): Promise<{ rank: string; name: string; id: string; score: string }[]> {
    return this.rows().evaluateAll((rs) =>
      rs.map((r) => ({
        rank: r.getAttribute('data-rank') ?? '',
        id: r.getAttribute('data-id') ?? '',
        name: r.querySelector('[data-testid="assessment-name"]')?.textContent ?? '',
        score: r.querySelector('[data-testid="assessment-score"]')?.textContent ?? '',
      })),
    )
  }

  /** Exports the report on screen as XLSX (the browser downloads it); the saved file's path. */
  async exportXlsx(dir: string): Promise<string> {
    const download = this.page.waitForEvent('download')
    await this.page.getByTestId('export-xlsx').click()
    const file = await download
    const target = path.join(dir, file.suggestedFilename())
    await file.saveAs(target)
    return target
  }

  /** Opens the printable report (a new tab in the browser host) and waits until it is laid out. */
  async openPrintView(): Promise<Page> {
    const popup = this.page.waitForEvent('popup')
    await this.page.getByTestId('export-pdf').click()
    const print = await popup
    await expect(print.getByTestId('assessment-print')).toHaveAttribute('data-print-ready', 'true', {
      timeout: 120_000,
    })
    return print
  }

  frozenReports(): Locator {
    return this.page.getByTestId('frozen-report')
  }

  /** A supervisor closes the period (a correction needs a reason); waits for the new report to open. */
  async closePeriod(reason?: string): Promise<string> {
    await this.page.getByTestId('frozen-close-open').click()
    if (reason !== undefined) await this.page.getByTestId('frozen-reason').fill(reason)
    await this.page.getByTestId('frozen-close-submit').click()
    const banner = this.page.getByTestId('frozen-banner')
    await expect(banner).toBeVisible({ timeout: 120_000 })
    return (await banner.getAttribute('data-id')) ?? ''
  }

  report(id: string): Locator {
    return this.page.locator(`[data-testid="frozen-report"][data-id="${id}"]`)
  }

  async verify(id: string): Promise<Locator> {
    await this.report(id).getByTestId('frozen-verify').click()
    const check = this.report(id).getByTestId('frozen-check')
    await expect(check).toBeVisible({ timeout: 120_000 })
    return check
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(ASSESSMENT_SHOTS, `${name}.png`) })
  }
}
