import type { Incident } from '@shared/domain'
import { DEMO_PRINCIPALS } from '@shared/protocol'
import { expect, test } from '../fixtures/ops-fixture'
import type { CentralServer } from '../fixtures/central-server'
import type { Workstation } from '../fixtures/app-fixture'
import { ConsolePage } from '../pages/console-page'
import { ApprovalsPage, DepartmentDeskPage, VerifyPage } from '../pages/desk-pages'
import { DispatchPage } from '../pages/dispatch-page'
import { SignInPage, type Credentials } from '../pages/signin-page'

// People take turns at one seat (交班签退 then sign-in); no simulator runs (ops-fixture's server).
test.use({ signInAs: null, viewport: { width: 1920, height: 1080 } })

const onServer = (central: CentralServer, id: string): Incident | null => central.server.incident(id)

/** Hands the seat over: whoever is signed in signs out, `next` signs in. */
async function handOver(workstation: Workstation, next: Credentials, first = false): Promise<void> {
  const signin = new SignInPage(workstation.page)
  if (!first) await signin.signOut()
  await signin.signIn(next)
}

/** A joint team's desk account (role department, bound to the team), as an administrator would add it. */
async function teamAccount(central: CentralServer, teamId: string): Promise<Credentials> {
  const password = 'team-desk-password-0001'
  await central.server.admin.addUser({
    id: `desk-${teamId}`,
    name: '横栏联勤组',
    role: 'department',
    towns: ['henglan'],
    unit: { kind: 'team', id: teamId },
    password,
  })
  return { username: `desk-${teamId}`, password }
}

test('the whole loop by hand: the operator dispatches, fire takes up and feeds back, the grid fails it once, fire feeds back again, the grid verifies, the operator closes; an extension and a send-back go through the supervisor', async ({
  workstation,
  central,
}) => {
  test.setTimeout(480_000)
  const loop = await central.report({ title: '楼道电动车充电（全流程）', category: 'fire_safety', priority: 'high' })
  const slow = await central.report({ title: '商铺消防设施整改（延期）', category: 'fire_safety', priority: 'high' })
  const wrong = await central.report({
    title: '占道经营堵塞消防通道（退单）',
    category: 'fire_safety',
    priority: 'high',
  })
  const team = central.server.reference.teams.find((t) => t.townId === 'henglan')
  if (!team) throw new Error('no Henglan joint team')
  const teamDesk = await teamAccount(central, team.id)
  await workstation.goto('dispatch')

  // 1. The operator dispatches all three to fire from the board.
  await handOver(workstation, central.credentials('operator'), true)
  const board = new DispatchPage(workstation)
  await board.openBoard()
  for (const c of [loop, slow, wrong]) {
    await expect(board.queued(c.id)).toBeVisible({ timeout: 30_000 })
    await board.drag(c.id, 'department:fire')
  }
  for (const c of [loop, slow, wrong])
    await expect.poll(() => onServer(central, c.id)?.assigneeId, { timeout: 30_000 }).toBe('fire')

  // 2. Fire: 签收 and 反馈 the first; 申请延期 on the second; 退单 the third, suggesting the joint team.
  await handOver(workstation, central.credentials('department'))
  const desk = new DepartmentDeskPage(workstation)
  await desk.openDesk()
  await desk.select(loop.id)
  await desk.act('acknowledge')
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('in_progress')
  await desk.page.getByTestId('desk-action-resolve').click()
  await desk.page.getByTestId('desk-form-text').fill('已劝离并张贴告示')
  await desk.page.getByTestId('desk-form-attachments').fill('https://img.example.cn/loop-after.jpg')
  await desk.page.screenshot({ path: '/work/shots/t14b/department-desk.png' })
  await desk.page.getByTestId('desk-form-submit').click()
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('resolved')

  await desk.select(slow.id)
  const firstDeadline = onServer(central, slow.id)?.deadline ?? 0
  const later = new Date(firstDeadline + 3 * 86_400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const asked = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T18:00`
  await desk.act('request_extension', { text: '需等待消防设备到货', deadline: asked })
  await expect.poll(() => onServer(central, slow.id)?.pendingRequest?.kind, { timeout: 30_000 }).toBe('extension')
  const askedMs = Date.parse(`${asked}:00+08:00`)

  await desk.select(wrong.id)
  await desk.act('send_back', { text: '占道经营属联勤巡查处置', suggested: { kind: 'team', id: team.id } })
  await expect.poll(() => onServer(central, wrong.id)?.pendingRequest?.kind, { timeout: 30_000 }).toBe('send_back')

  // 3. The grid worker checks the fed-back case on site and fails it once (返工).
  await handOver(workstation, central.credentials('field'))
  const verify = new VerifyPage(workstation)
  await verify.openQueue()
  await expect(verify.item(loop.id)).toBeVisible({ timeout: 30_000 })
  await verify.verdict(loop.id, false, '电动车仍在楼道充电', 'https://img.example.cn/loop-still.jpg')
  await expect.poll(() => onServer(central, loop.id)?.reworkCount, { timeout: 30_000 }).toBe(1)
  expect(onServer(central, loop.id)?.status).toBe('dispatched')

  // Fire takes it up again and feeds back a second time.
  await handOver(workstation, central.credentials('department'))
  await desk.openDesk()
  await expect(desk.item(loop.id)).toContainText('返工 1 次', { timeout: 30_000 })
  await desk.select(loop.id)
  await desk.act('acknowledge')
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('in_progress')
  await desk.page.getByTestId('desk-action-resolve').click()
  await desk.page.getByTestId('desk-form-text').fill('已清走电动车并加装充电桩指引')
  await desk.page.getByTestId('desk-form-submit').click()
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('resolved')

  // The grid worker checks again: it passes.
  await handOver(workstation, central.credentials('field'))
  await verify.openQueue()
  await expect(verify.item(loop.id)).toBeVisible({ timeout: 30_000 })
  await verify.item(loop.id).click()
  await verify.page.screenshot({ path: '/work/shots/t14b/verify-desk.png' })
  await verify.verdict(loop.id, true, '现场复查合格', 'https://img.example.cn/loop-check.jpg')
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('verified')

  // 4. The supervisor approves the extension and the send-back (the suggested team preselected).
  await handOver(workstation, central.credentials('supervisor'))
  const approvals = new ApprovalsPage(workstation)
  await approvals.openDesk()
  // The operator's work of this hour is on the supervisor's desk under the account's name, though the
  // seat's cache was refilled from a snapshot at the handovers (the counts are the server's).
  const op = approvals.workload(DEMO_PRINCIPALS.operator.actorId)
  await expect(op).toContainText(DEMO_PRINCIPALS.operator.name, { timeout: 30_000 })
  await expect(op.getByTestId('workload-dispatched')).toHaveText('3')
  await expect(op).toContainText('已下岗')
  await approvals.select(slow.id)
  await expect(approvals.page.getByTestId('decision-request-reason')).toHaveText('需等待消防设备到货')
  await approvals.page.screenshot({ path: '/work/shots/t14b/supervisor-desk.png' })
  await approvals.decide(true, '同意延期')
  await expect.poll(() => onServer(central, slow.id)?.deadline, { timeout: 30_000 }).toBe(askedMs)
  await approvals.select(wrong.id)
  await expect(approvals.page.getByTestId('decision-unit')).toHaveValue(`team:${team.id}`)
  await approvals.page.screenshot({ path: '/work/shots/t14b/supervisor-send-back-team.png' })
  await approvals.decide(true, '同意，改派联勤')
  await expect.poll(() => onServer(central, wrong.id)?.assigneeId, { timeout: 30_000 }).toBe(team.id)
  await expect(approvals.request(wrong.id)).toHaveCount(0)

  // 5. Fire sees the new deadline; the sent-back case is no longer its work.
  await handOver(workstation, central.credentials('department'))
  await desk.openDesk()
  await desk.select(slow.id)
  // The desk shows the deadline in local time, as it was asked for.
  await expect(desk.panel.getByTestId('desk-panel-deadline')).toContainText(asked.replace('T', ' '))
  await expect(desk.panel).toContainText('已延期')
  await expect(desk.item(wrong.id)).toHaveCount(0)

  // 6. The joint team's desk has it.
  await handOver(workstation, teamDesk)
  await desk.openDesk()
  await expect(desk.page.getByTestId('desk-unit')).toHaveText(team.name)
  await desk.select(wrong.id)
  await expect(desk.panel.getByTestId('desk-panel-status')).toHaveText('已派遣')
  await desk.page.screenshot({ path: '/work/shots/t14b/team-desk.png' })

  // 7. The operator closes the verified case.
  await handOver(workstation, central.credentials('operator'))
  const console = new ConsolePage(workstation)
  await console.openConsole()
  await console.filter(loop.code)
  await console.select(loop.id)
  await console.action('close').click()
  await console.detail.getByTestId('form-submit').click()
  await expect.poll(() => onServer(central, loop.id)?.status, { timeout: 30_000 }).toBe('closed')
  expect(onServer(central, loop.id)?.reworkCount).toBe(1)
})
