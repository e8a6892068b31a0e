import type { Incident } from '@shared/domain'
import { expect, test } from '../fixtures/ops-fixture'
import type { CentralServer } from '../fixtures/central-server'
import { VerifyPage } from '../pages/desk-pages'

test.use({ signInAs: 'field' })

const fire = { kind: 'department', id: 'fire' } as const
const onServer = (central: CentralServer, id: string): Incident | null => central.server.incident(id)

/** The department takes the case up and feeds back (as its desk would). */
async function fedBack(central: CentralServer, id: string, feedback: string): Promise<void> {
  const v = onServer(central, id)?.version ?? 0
  for (const [type, payload, version] of [
    ['acknowledge', {}, v],
    ['resolve', { feedback }, v + 1],
  ] as const) {
    const r = await central.submit({ type, incidentId: id, expectedVersion: version, payload } as never, 'department')
    expect(r.status).toBe('applied')
  }
}

test('the grid centre verifies on site: fails it once with a reason and a photo, the count shows, then passes it', async ({
  workstation,
  central,
}) => {
  const c = await central.report({ title: '楼道电动车充电（核查）', category: 'fire_safety', priority: 'high' })
  expect(
    (
      await central.submit(
        { type: 'dispatch', incidentId: c.id, expectedVersion: 1, payload: { assignee: fire } },
        'operator',
      )
    ).status,
  ).toBe('applied')
  await fedBack(central, c.id, '已劝离并张贴告示')

  const verify = new VerifyPage(workstation)
  await verify.openQueue()
  await expect(verify.page.getByTestId('nav-console')).toHaveCount(0)
  await expect(verify.item(c.id)).toContainText('核查不通过 0 次', { timeout: 30_000 })
  // Failing needs a reason: nothing is sent without one.
  await verify.verdict(c.id, false, '')
  await expect(verify.page.getByTestId('verify-problem')).toHaveText('核查不通过须填写原因')
  await verify.verdict(c.id, false, '现场仍有电动车充电', 'https://img.example.cn/recheck-1.jpg')
  await expect.poll(() => onServer(central, c.id)?.reworkCount, { timeout: 30_000 }).toBe(1)
  expect(onServer(central, c.id)?.status).toBe('dispatched')
  await expect(verify.item(c.id)).toHaveCount(0, { timeout: 30_000 })

  await fedBack(central, c.id, '已清理并加装充电桩')
  await expect(verify.item(c.id)).toContainText('核查不通过 1 次', { timeout: 30_000 })
  await verify.page.screenshot({ path: '/work/shots/t14/field-verify.png' })
  await verify.verdict(c.id, true, '复查合格')
  await expect.poll(() => onServer(central, c.id)?.status, { timeout: 30_000 }).toBe('verified')
  const closed = await central.submit(
    { type: 'close', incidentId: c.id, expectedVersion: onServer(central, c.id)!.version, payload: {} },
    'operator',
  )
  expect(closed.status).toBe('applied')
})
