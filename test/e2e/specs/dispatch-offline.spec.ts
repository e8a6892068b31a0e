import { DEMO_TOKENS } from '@shared/protocol'
import { expect, test } from '../fixtures/ops-fixture'
import { connectSyncClient } from '../fixtures/sync-client'
import { DispatchPage } from '../pages/dispatch-page'

test('dispatches made offline stay pending, then reach the server exactly once when it returns', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const cases = [
    await central.report({ title: '离线派遣一：消防通道堵塞', category: 'fire_safety', priority: 'urgent' }),
    await central.report({ title: '离线派遣二：燃气软管老化', category: 'gas_safety', priority: 'high' }),
    await central.report({ title: '离线派遣三：垃圾满溢', category: 'environment_sanitation', priority: 'normal' }),
  ]
  const targets = ['department:fire', 'department:gas', 'department:sanitation']
  const headBefore = central.server.headSeq()
  const serverId = central.server.serverId

  await board.openBoard()
  for (const c of cases) await expect(board.queued(c.id)).toBeVisible()

  await central.stop()
  await expect(board.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })

  for (const [i, c] of cases.entries()) await board.drag(c.id, targets[i] ?? '')
  for (const [i, c] of cases.entries()) {
    const card = board.cardIn(targets[i] ?? '', c.id)
    await expect(card).toBeVisible()
    await expect(card).toHaveAttribute('data-pending', 'true')
  }
  await expect(board.page.getByTestId('status-pending')).toContainText('3')
  await expect(board.connection).toHaveAttribute('data-state', 'offline')
  await board.screenshot('dispatch-offline')

  await central.restart()
  for (const [i, c] of cases.entries()) {
    await expect(board.cardIn(targets[i] ?? '', c.id)).toHaveAttribute('data-pending', 'false', { timeout: 60_000 })
  }
  await expect(board.page.getByTestId('status-pending')).toContainText('0')
  await expect(board.connection).toHaveAttribute('data-state', 'online')

  // The server's log: exactly one dispatch by this operator for each case, nothing else.
  const peer = await connectSyncClient(central.url, headBefore, serverId)
  await peer.waitForEvent((e) => e.seq >= central.server.headSeq())
  const mine = peer.events.filter((e) => e.type === 'dispatch' && e.actorId === DEMO_TOKENS.operator.principal.actorId)
  expect(mine.map((e) => e.incidentId).sort()).toEqual(cases.map((c) => c.id).sort())
  for (const [i, c] of cases.entries()) {
    expect(central.server.incident(c.id)).toMatchObject({
      status: 'dispatched',
      assigneeId: targets[i]?.split(':')[1],
      version: 2,
    })
  }
  peer.close()
})
