import type { Command, Incident } from '@shared/domain'
import { expect, test } from '../fixtures/ops-fixture'
import type { CentralServer } from '../fixtures/central-server'
import { ConsolePage } from '../pages/console-page'
import { ApprovalsPage, DepartmentDeskPage } from '../pages/desk-pages'
import { SignInPage } from '../pages/signin-page'

// Fire and the supervisor take turns at one seat; no simulator runs (ops-fixture's server).
test.use({ signInAs: null, viewport: { width: 1920, height: 1080 } })

const fire = { kind: 'department', id: 'fire' } as const
const onServer = (central: CentralServer, id: string): Incident | null => central.server.incident(id)

/** Steps as their owners would send them (the desks for these are covered elsewhere). */
async function steps(
  central: CentralServer,
  id: string,
  list: readonly [Command['type'], Record<string, unknown>, 'operator' | 'department' | 'field'][],
): Promise<void> {
  for (const [type, payload, who] of list) {
    const version = onServer(central, id)?.version ?? 0
    const r = await central.submit({ type, incidentId: id, expectedVersion: version, payload } as never, who)
    expect(r, `${type} by ${who}`).toMatchObject({ status: 'applied' })
  }
}

test('缓办 asked at the department desk and approved shows on the desk with the clock stopped; a reopen asked in the console and approved brings a closed case back to fire as rework', async ({
  workstation,
  central,
}) => {
  test.setTimeout(240_000)
  const parked = await central.report({
    title: '老旧小区消防管网改造（缓办）',
    category: 'fire_safety',
    priority: 'high',
  })
  const again = await central.report({ title: '楼道杂物堆放（重办）', category: 'fire_safety', priority: 'high' })
  await steps(central, parked.id, [['dispatch', { assignee: fire }, 'operator']])
  await steps(central, again.id, [
    ['dispatch', { assignee: fire }, 'operator'],
    ['acknowledge', {}, 'department'],
    ['resolve', { feedback: '已清理' }, 'department'],
    ['verify', {}, 'field'],
    ['close', {}, 'operator'],
  ])
  expect(onServer(central, again.id)?.status).toBe('closed')

  // Fire asks for 缓办 at its desk.
  const signin = new SignInPage(workstation.page)
  await workstation.goto('desk')
  await signin.signIn(central.credentials('department'))
  const desk = new DepartmentDeskPage(workstation)
  await desk.openDesk()
  await desk.select(parked.id)
  await desk.act('request_suspension', { text: '管网改造须待规划审批' })
  await expect(desk.item(parked.id).getByTestId('desk-case-request')).toHaveText('缓办审批中')
  await expect.poll(() => onServer(central, parked.id)?.pendingRequest?.kind, { timeout: 30_000 }).toBe('suspension')
  // The problem came back: the command room asks, in its console, to reopen the closed case.
  await signin.signOut()
  await signin.signIn(central.credentials('operator'))
  const console = new ConsolePage(workstation)
  await console.openConsole()
  await console.filter('楼道杂物堆放')
  await console.select(again.id)
  await console.detail.getByTestId('action-request_reopen').click()
  await console.detail.getByTestId('form-reason').fill('市民反映杂物又堆满楼道')
  await console.detail.getByTestId('form-submit').click()
  await expect.poll(() => onServer(central, again.id)?.pendingRequest?.kind, { timeout: 30_000 }).toBe('reopen')

  // The supervisor approves both.
  await signin.signOut()
  await signin.signIn(central.credentials('supervisor'))
  const approvals = new ApprovalsPage(workstation)
  await approvals.openDesk()
  await approvals.select(parked.id)
  await expect(approvals.form).toContainText('缓办申请')
  await approvals.decide(true, '同意缓办，规划批复后恢复')
  await expect.poll(() => onServer(central, parked.id)?.suspended, { timeout: 30_000 }).toBe(true)
  await approvals.select(again.id)
  await expect(approvals.form).toContainText('重办申请')
  await expect(approvals.page.getByTestId('decision-request-reason')).toHaveText('市民反映杂物又堆满楼道')
  await approvals.page.screenshot({ path: '/work/shots/t14b/supervisor-reopen.png' })
  await approvals.decide(true, '同意重办，原单位返工')
  await expect.poll(() => onServer(central, again.id)?.status, { timeout: 30_000 }).toBe('dispatched')
  expect(onServer(central, again.id)).toMatchObject({ assigneeId: 'fire', reworkCount: 1, closedAt: null })
  await expect(approvals.request(again.id)).toHaveCount(0)

  // Back at fire's desk: the suspended case says so, its clock stopped; the reopened one is rework.
  await signin.signOut()
  await signin.signIn(central.credentials('department'))
  await desk.openDesk()
  await expect(desk.item(parked.id).getByTestId('desk-case-suspended')).toHaveText('缓办中', { timeout: 45_000 })
  await expect(desk.item(parked.id).getByTestId('desk-case-left')).toHaveText('计时暂停')
  await expect(desk.item(again.id)).toContainText('返工 1 次', { timeout: 45_000 })
  await expect(desk.item(again.id)).toHaveAttribute('data-status', 'dispatched')
  await desk.select(again.id)
  await expect(desk.page.getByTestId('desk-action-acknowledge')).toBeVisible()
  await desk.page.screenshot({ path: '/work/shots/t14b/department-desk-suspended-rework.png' })
})
