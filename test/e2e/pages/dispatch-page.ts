import { expect, type Locator } from '@playwright/test'
import type { Workstation } from '../fixtures/app-fixture'
import { AppPage } from './app-page'

/** The dispatch board: queue, department and team columns, the confirm dialog. */
export class DispatchPage extends AppPage {
  readonly queue: Locator
  readonly confirmDialog: Locator

  constructor(workstation: Workstation) {
    super(workstation)
    const page = workstation.page
    this.queue = page.getByTestId('board-queue')
    this.confirmDialog = page.getByTestId('dispatch-confirm')
  }

  async openBoard(): Promise<void> {
    await this.open('dispatch')
    await expect(this.page.getByTestId('board-column').first()).toBeVisible({ timeout: 30_000 })
  }

  queued(id: string): Locator {
    return this.queue.locator(`[data-testid="incident-card"][data-id="${id}"]`)
  }

  /** A column by target key, e.g. `department:fire` or `team:…`. */
  column(key: string): Locator {
    return this.page.locator(`[data-testid="board-column"][data-target="${key}"]`)
  }

  cardIn(key: string, id: string): Locator {
    return this.column(key).locator(`[data-testid="incident-card"][data-id="${id}"]`)
  }

  /** HTML5 drag and drop of a queue card onto a column, then the confirm dialog with an optional note. */
  async drag(id: string, key: string, note = ''): Promise<void> {
    await this.queued(id).dragTo(this.column(key))
    await expect(this.confirmDialog).toBeVisible()
    if (note) await this.page.getByTestId('dispatch-note').fill(note)
    await this.page.keyboard.press('Enter')
    await expect(this.confirmDialog).toBeHidden()
  }

  /** The target picker opened on a focused queue card with its key (P). */
  async openPicker(id: string): Promise<Locator> {
    await this.queued(id).focus()
    await this.page.keyboard.press('p')
    await expect(this.confirmDialog).toBeVisible()
    const picker = this.confirmDialog.getByTestId('board-picker')
    await expect(picker.getByTestId('target-input')).toBeFocused()
    return picker
  }
}
