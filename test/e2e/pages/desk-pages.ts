import { expect, type Locator } from '@playwright/test'
import type { Assignee } from '@shared/domain'
import type { Workstation } from '../fixtures/app-fixture'
import { AppPage } from './app-page'

/** The department desk (部门工作台): my unit's inbox, a case's actions and forms, my unit's figures. */
export class DepartmentDeskPage extends AppPage {
  readonly desk: Locator
  readonly inbox: Locator
  readonly panel: Locator
  readonly form: Locator

  constructor(workstation: Workstation) {
    super(workstation)
    this.desk = this.page.getByTestId('department-desk')
    this.inbox = this.page.getByTestId('desk-inbox')
    this.panel = this.page.getByTestId('desk-panel')
    this.form = this.page.getByTestId('desk-form')
  }

  async openDesk(): Promise<void> {
    await this.open('desk')
    await expect(this.desk).toBeVisible({ timeout: 30_000 })
  }

  item(id: string): Locator {
    return this.page.getByTestId(`desk-case-${id}`)
  }

  figure(id: 'onTime' | 'rework' | 'open' | 'overdue'): Locator {
    return this.page.getByTestId(`desk-figure-${id}`)
  }

  /** Opens a case (waiting for it to arrive: a newly dispatched case comes with the next catch-up). */
  async select(id: string): Promise<void> {
    await expect(this.item(id)).toBeVisible({ timeout: 45_000 })
    await this.item(id).click()
    await expect(this.panel).toBeVisible()
  }

  /** One of 签收 / 反馈 / 申请延期 / 退单, with its form filled and submitted. */
  async act(
    action: 'acknowledge' | 'resolve' | 'request_extension' | 'send_back' | 'request_suspension',
    fill: { text?: string; attachments?: string; deadline?: string; suggested?: Assignee } = {},
  ): Promise<void> {
    await this.page.getByTestId(`desk-action-${action}`).click()
    await expect(this.form).toBeVisible()
    if (fill.text !== undefined) await this.page.getByTestId('desk-form-text').fill(fill.text)
    if (fill.attachments !== undefined) await this.page.getByTestId('desk-form-attachments').fill(fill.attachments)
    if (fill.deadline !== undefined) await this.page.getByTestId('desk-form-deadline').fill(fill.deadline)
    if (fill.suggested !== undefined)
      await this.page.getByTestId('desk-form-suggested').selectOption(`${fill.suggested.kind}:${fill.suggested.id}`)
    await this.page.getByTestId('desk-form-submit').click()
  }
}

/** Field verification (现场核查): the queue of fed-back cases in my grid and the verdict form. */
export class VerifyPage extends AppPage {
  readonly view: Locator

  constructor(workstation: Workstation) {
    super(workstation)
    this.view = this.page.getByTestId('verify-view')
  }

  async openQueue(): Promise<void> {
    await this.open('verify')
    await expect(this.view).toBeVisible({ timeout: 30_000 })
  }

  item(id: string): Locator {
    return this.page.getByTestId(`verify-case-${id}`)
  }

  async verdict(id: string, pass: boolean, reason: string, photos = ''): Promise<void> {
    await expect(this.item(id)).toBeVisible({ timeout: 30_000 })
    await this.item(id).click()
    await this.page.getByTestId('verify-reason').fill(reason)
    if (photos) await this.page.getByTestId('verify-photos').fill(photos)
    await this.page.getByTestId(pass ? 'verify-pass' : 'verify-fail').click()
  }
}

/** The supervisor's desk (审批督办): requests awaiting a decision, the decision form, the risk list. */
export class ApprovalsPage extends AppPage {
  readonly view: Locator
  readonly form: Locator

  constructor(workstation: Workstation) {
    super(workstation)
    this.view = this.page.getByTestId('approvals-view')
    this.form = this.page.getByTestId('decision-form')
  }

  async openDesk(): Promise<void> {
    await this.open('approvals')
    await expect(this.view).toBeVisible({ timeout: 30_000 })
  }

  request(id: string): Locator {
    return this.page.getByTestId(`approval-${id}`)
  }

  risk(id: string): Locator {
    return this.page.getByTestId(`risk-${id}`)
  }

  /** A unit's row in "who is late" (`department:fire`, `team:…`, or `command-room`). */
  lateUnit(key: string): Locator {
    return this.page.getByTestId(`late-${key}`)
  }

  /** A person's row in the operator workload panel. */
  workload(actorId: string): Locator {
    return this.page.getByTestId(`workload-${actorId}`)
  }

  async select(id: string): Promise<void> {
    await expect(this.request(id)).toBeVisible({ timeout: 30_000 })
    await this.request(id).click()
    await expect(this.form).toBeVisible()
  }

  async decide(approve: boolean, reason: string): Promise<void> {
    await this.page.getByTestId('decision-reason').fill(reason)
    await this.page.getByTestId(approve ? 'decision-approve' : 'decision-refuse').click()
  }
}
