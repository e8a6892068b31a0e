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

  /** The detail panel once it shows this case (loaded: its action keys work from then on). */
  detailOf(id: string): Locator {
    return this.page.locator(`[data-testid="detail-panel"][data-incident-id="${id}"]`)
  }

  /** The case of the table row the keyboard focus is in, or null (focus elsewhere, e.g. the page body). */
  async focusedRowId(): Promise<string | null> {
    return this.page.evaluate(
      () => document.activeElement?.closest('[data-testid="incident-table"] .ag-row')?.getAttribute('row-id') ?? null,
    )
  }

  /** The rows on screen that hold a case, in order: the first one's index and the ids. */
  async shownRows(): Promise<{ first: number; ids: string[] }> {
    // The pinned code column and the rest are two row elements each; the title cell is in the second.
    const rows = await this.table
      .locator('.ag-row[row-id]:has([col-id="title"])')
      .evaluateAll((els) =>
        els
          .map((e) => ({ index: Number(e.getAttribute('row-index')), id: e.getAttribute('row-id') ?? '' }))
          .sort((a, b) => a.index - b.index),
      )
    return { first: rows[0]?.index ?? -1, ids: rows.map((r) => r.id) }
  }

  /** Clicks a column header (the grid cycles ascending, descending, none) and waits for that sort to show. */
  async sortBy(colId: string, expected: 'ascending' | 'descending' | 'none'): Promise<void> {
    const header = this.table.locator(`.ag-header-cell[col-id="${colId}"]`)
    await header.locator('.ag-header-cell-label').click()
    await expect(header).toHaveAttribute('aria-sort', expected)
  }

  /** Scrolls the table (its element that scrolls vertically) so that the row at `index` is at the top. */
  async scrollTo(index: number): Promise<void> {
    const rowHeight = await this.table
      .locator('.ag-row')
      .first()
      .evaluate((e) => e.clientHeight)
    await this.table.evaluate((table, top) => {
      const scroller = [...table.querySelectorAll<HTMLElement>('*')]
        .filter((e) => e.scrollHeight > e.clientHeight + top / 2 && getComputedStyle(e).overflowY !== 'visible')
        .sort((a, b) => b.scrollHeight - a.scrollHeight)[0]
      if (!scroller) throw new Error('the table has nothing to scroll')
      scroller.scrollTop = top
    }, index * rowHeight)
  }

  /** What the table did so far: blocks fetched, looks after changes, rows patched in place, reloads of held blocks. */
  async counters(): Promise<{ blocks: number; looks: number; patched: number; reloads: number }> {
    return this.table.evaluate((el) => {
      const n = (k: string) => Number((el as HTMLElement).dataset[k] ?? 0)
      return { blocks: n('blocks'), looks: n('looks'), patched: n('patched'), reloads: n('reloads') }
    })
  }

  /** Opens a column's filter from its header; returns the filter's popup. */
  async openFilter(colId: string): Promise<Locator> {
    const header = this.table.locator(`.ag-header-cell[col-id="${colId}"]`)
    await header.hover()
    await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click()
    const popup = this.page.locator('.ag-popup .ag-menu, .ag-popup .ag-filter').first()
    await expect(popup).toBeVisible()
    return popup
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

  // ---- bulk actions on a multi-selection ----
  get bulk(): Locator {
    return this.page.getByTestId('bulk-panel')
  }

  /** Adds a row to the selection (Ctrl-click), or starts one (a plain click). */
  async pick(id: string, add = true): Promise<void> {
    await this.row(id)
      .locator('[col-id="title"]')
      .click(add ? { modifiers: ['Control'] } : {})
  }

  bulkResult(id: string): Locator {
    return this.bulk.locator(`[data-testid="bulk-result"][data-id="${id}"]`)
  }
}
