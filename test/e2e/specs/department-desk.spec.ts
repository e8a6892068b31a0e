import type { Incident } from '@shared/domain'
import { expect, test } from '../fixtures/ops-fixture'
import type { CentralServer } from '../fixtures/central-server'
import { DepartmentDeskPage } from '../pages/desk-pages'

test.use({ signInAs: 'department' })

const fire = { kind: 'department', id: 'fire' } as const

/** A Henglan case dispatched to a unit by the city operator, as the server holds it then. */
async function dispatchedTo(central: CentralServer, unit: { kind: 'department'; id: string }, title: string) {
  const c = await central.report({ title, category: 'fire_safety', priority: 'high' })
  const r = await central.submit(
    { type: 'dispatch', incidentId: c.id, expectedVersion: 1, payload: { assignee: unit } },
    'operator',
  )
  expect(r.status).toBe('applied')
  return c
}

const onServer = (central: CentralServer, id: string): Incident | null => central.server.incident(id)

test('the department desk shows only my unit’s cases; 签收 and 反馈 with a photo link reach the server', async ({
  workstation,
  central,
}) => {
  const mine = await dispatchedTo(central, fire, '消防通道被电动车堵塞')
  const theirs = await dispatchedTo(central, { kind: 'department', id: 'gas' }, '燃气软管老化')
  const desk = new DepartmentDeskPage(workstation)
  await desk.openDesk()
  await expect(desk.page.getByTestId('desk-unit')).toHaveText('消防救援')
  // The command room's screens are not this desk's.
  await expect(desk.nav('console')).toHaveCount(0)

  await desk.select(mine.id)
  await expect(desk.item(theirs.id)).toHaveCount(0)
  await expect(desk.item(mine.id)).toContainText('处置标准 24 小时')
  // The open load is the inbox: every open case with my unit (the district's history has some too).
  await expect(desk.figure('open')).toHaveText(String(await desk.inbox.locator('li').count()))

  await desk.act('acknowledge')
  await expect.poll(() => onServer(central, mine.id)?.status, { timeout: 30_000 }).toBe('in_progress')
  await expect(desk.page.getByTestId('desk-panel-status')).toHaveText('处置中')

  // A photo reference that is not a web link is refused here, with the field named; nothing is sent.
  await desk.act('resolve', { text: '已清理通道', attachments: 'file:///C:/photo.jpg' })
  await expect(desk.page.getByTestId('desk-form-problem')).toHaveText('附件须为 http(s) 链接，最多 9 个')
  await desk.page.getByTestId('desk-form-attachments').fill('https://img.example.cn/after.jpg')
  await desk.page.getByTestId('desk-form-submit').click()
  await expect.poll(() => onServer(central, mine.id)?.status, { timeout: 30_000 }).toBe('resolved')
  expect(onServer(central, mine.id)?.version).toBe(4) // report, dispatch, take-up, feedback: nothing else sent
  await desk.page.screenshot({ path: '/work/shots/t14/department-desk.png' })
})

test('offline, the department’s 退单 and 申请延期 wait in the outbox and reach the server once', async ({
  workstation,
  central,
}) => {
  const wrong = await dispatchedTo(central, fire, '路面积水（应为水务）')
  const slow = await dispatchedTo(central, fire, '商铺消防设施整改')
  const desk = new DepartmentDeskPage(workstation)
  await desk.openDesk()
  await expect(desk.item(wrong.id)).toBeVisible({ timeout: 45_000 })
  await expect(desk.item(slow.id)).toBeVisible({ timeout: 45_000 })

  await central.stop()
  await expect(desk.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })
  await desk.select(wrong.id)
  await desk.act('send_back', { text: '属供水管网，非消防职责', suggested: { kind: 'department', id: 'water' } })
  await expect(desk.item(wrong.id).getByTestId('desk-case-request')).toHaveText('退单审批中')
  await desk.select(slow.id)
  const later = new Date(Date.now() + 3 * 86_400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const asked = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T18:00`
  await desk.act('request_extension', { text: '需等待消防设备到货', deadline: asked })
  await expect(desk.item(slow.id)).toContainText('待同步')
  await desk.page.screenshot({ path: '/work/shots/t14/department-desk-offline.png' })

  await central.restart()
  await expect(desk.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect.poll(() => onServer(central, wrong.id)?.pendingRequest?.kind, { timeout: 30_000 }).toBe('send_back')
  // The deadline asked for is read in the district's time zone (+08:00), not the browser's.
  const askedMs = Date.parse(`${asked}:00+08:00`)
  await expect
    .poll(() => onServer(central, slow.id)?.pendingRequest?.proposedDeadline, { timeout: 30_000 })
    .toBe(askedMs)
  expect(onServer(central, wrong.id)?.pendingRequest?.suggested).toEqual({ kind: 'department', id: 'water' })
  // Each was applied once: report, dispatch, the request.
  expect(onServer(central, wrong.id)?.version).toBe(3)
  expect(onServer(central, slow.id)?.version).toBe(3)
})
