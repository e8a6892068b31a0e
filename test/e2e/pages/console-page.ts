import { expect, type Locator } from '@playwright/test'
import type { Workstation } from '../fixtures/app-fixture'
import { AppPage } from './app-page'

/** The console: incident table, views, detail panel and conflicts panel. */
export class ConsolePage extends AppPage {
  readonly table: Locator
  readonly quickFilter: Locator
  readonly detail: Locator
  readonly conflicts: Locator
  readonly rowStats: Locator

  constructor(workstation: Workstation) {
    super(workstation)
    const page = workstation.page
    this.table = page.getByTestId('incident-table')
    this.quickFilter = page.getByTestId('quick-filter')
    this.detail = page.getByTestId('detail-panel')
    this.conflicts = page.getByTestId('conflicts-panel')
    this.rowStats = page.getByTestId('row-stats')
  }

  async openConsole(): Promise<void> {
    await this.open('console')
    await expect(this.table.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 })
  }

  /** A row as the centre container renders it. */
  row(id: string): Locator {
    return this.table.locator(`.ag-row[row-id="${id}"]`)
  }

  /** Types into the quick filter and waits until the table asked the core with it (rows then follow). */
  async filter(text: string): Promise<void> {
    await this.quickFilter.fill(text)
    await expect(this.table).toHaveAttribute('data-quick', text)
  }

  /** Opens a case's detail and waits until it has loaded (its shortcuts only work from then on). */
  async select(id: string): Promise<void> {
    await this.row(id).locator('[col-id="title"]').click()
    await expect(this.page.locator(`[data-testid="detail-panel"][data-incident-id="${id}"]`)).toBeVisible()
  }

  view(id: string): Locator {
    return this.page.getByTestId(`view-tab-${id}`)
  }

  action(type: string): Locator {
    return this.detail.getByTestId(`action-${type}`)
  }

  async openConflicts(): Promise<void> {
    await this.page.getByTestId('toggle-conflicts').click()
    await expect(this.conflicts).toBeVisible()
  }

  conflict(incidentId: string): Locator {
    return this.conflicts.locator(`[data-testid="conflict-item"][data-incident="${incidentId}"]`)
  }
}
