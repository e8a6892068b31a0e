import type { Incident } from '@shared/domain'
import { expect, test } from '../fixtures/ops-fixture'
import type { CentralServer } from '../fixtures/central-server'
import { ApprovalsPage } from '../pages/desk-pages'

test.use({ signInAs: 'supervisor' })

const fire = { kind: 'department', id: 'fire' } as const
const onServer = (central: CentralServer, id: string): Incident | null => central.server.incident(id)

/** A case dispatched to fire by the operator, about which fire then asks the supervisor something. */
async function withRequest(
  central: CentralServer,
  title: string,
  request: { type: 'send_back' | 'request_extension'; payload: Record<string, unknown> },
): Promise<Incident> {
  const c = await central.report({ title, category: 'fire_safety', priority: 'high' })
  const sent = [
    await central.submit(
      { type: 'dispatch', incidentId: c.id, expectedVersion: 1, payload: { assignee: fire } },
      'operator',
    ),
    await central.submit(
      { type: request.type, incidentId: c.id, expectedVersion: 2, payload: request.payload } as never,
      'department',
    ),
  ]
  for (const r of sent) expect(r.status).toBe('applied')
  return c
}

test('the supervisor approves a send-back, re-dispatching it in one step to the suggested unit, and decides an extension', async ({
  workstation,
  central,
}) => {
  const wrong = await withRequest(central, '市政供水管爆裂（错派消防）', {
    type: 'send_back',
    payload: { reason: '属供水管网，非消防职责', suggested: { kind: 'department', id: 'water' } },
  })
  const asked = Date.now() + 3 * 86_400_000
  const slow = await withRequest(central, '商场消防设施整改', {
    type: 'request_extension',
    payload: { reason: '需等待消防设备到货', deadline: asked },
  })
  const desk = new ApprovalsPage(workstation)
  await desk.openDesk()
  // The supervisor's home is the approvals desk, with the command room's screens beside it.
  await expect(desk.nav('console')).toBeVisible()

  await desk.select(wrong.id)
  await expect(desk.page.getByTestId('decision-request-reason')).toHaveText('属供水管网，非消防职责')
  await expect(desk.page.getByTestId('decision-unit')).toHaveValue('department:water')
  await desk.page.screenshot({ path: '/work/shots/t14/supervisor-desk.png' })
  // A decision needs a reason: nothing is sent without one.
  await desk.page.getByTestId('decision-approve').click()
  await expect(desk.page.getByTestId('decision-problem')).toHaveText('请填写审批意见')
  await desk.decide(true, '同意，改派水务')
  await expect.poll(() => onServer(central, wrong.id)?.assigneeId, { timeout: 30_000 }).toBe('water')
  const moved = onServer(central, wrong.id)
  expect(moved?.status).toBe('dispatched')
  expect(moved?.pendingRequest).toBeUndefined()
  expect(moved?.sentBackFrom?.[0]).toMatchObject({ kind: 'department', id: 'fire' })
  await expect(desk.request(wrong.id)).toHaveCount(0)

  await desk.select(slow.id)
  await desk.decide(true, '同意延期')
  await expect.poll(() => onServer(central, slow.id)?.deadline, { timeout: 30_000 }).toBe(asked)
  expect(onServer(central, slow.id)?.extensions).toHaveLength(1)
  await expect(desk.request(slow.id)).toHaveCount(0)
})

test('a refused request leaves the case with its unit; the risk list shows overdue and escalated cases', async ({
  workstation,
  central,
}) => {
  const kept = await withRequest(central, '消防栓漏水', {
    type: 'send_back',
    payload: { reason: '应由水务处理' },
  })
  const late = await central.report({ title: '楼道堆放易燃物（超期）', category: 'fire_safety', priority: 'high' })
  expect(
    (
      await central.submit(
        {
          type: 'dispatch',
          incidentId: late.id,
          expectedVersion: 1,
          payload: { assignee: fire, deadline: Date.now() + 3_000 },
        },
        // A supervisor may set any future deadline; an operator's is held to the category's range.
        'supervisor',
      )
    ).status,
  ).toBe('applied')
  expect(
    (
      await central.submit(
        { type: 'escalate', incidentId: late.id, expectedVersion: 2, payload: { reason: '督办' } },
        'operator',
      )
    ).status,
  ).toBe('applied')

  const desk = new ApprovalsPage(workstation)
  await desk.openDesk()
  await desk.select(kept.id)
  await desk.decide(false, '消防栓属消防设施，请继续办理')
  await expect.poll(() => onServer(central, kept.id)?.pendingRequest, { timeout: 30_000 }).toBeUndefined()
  expect(onServer(central, kept.id)).toMatchObject({ assigneeId: 'fire', status: 'dispatched' })
  await expect(desk.risk(late.id)).toContainText('督办 1 级', { timeout: 30_000 })
  // Its three seconds run out: overdue (the list re-reads the clock every 15 s).
  await expect(desk.risk(late.id)).toContainText('已超期', { timeout: 45_000 })
  await desk.page.screenshot({ path: '/work/shots/t14/supervisor-risks.png' })
})
