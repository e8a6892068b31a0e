import path from 'node:path'
import { SqliteDatabase } from '@infra/sqlite'
import { DEMO_TOKENS } from '@shared/protocol'
import { expect, test } from '../fixtures/ops-fixture'
import { connectSyncClient } from '../fixtures/sync-client'
import { DispatchPage } from '../pages/dispatch-page'

/** Cases of a town waiting in the queue, by the central server's own store (the seeded history may leave some). */
async function awaitingDispatch(dataDir: string, townId: string): Promise<number> {
  const db = await SqliteDatabase.open(path.join(dataDir, 'central.sqlite'), { readonly: true })
  try {
    const row = await db.get(
      "SELECT count(*) AS n FROM incidents WHERE town_id = ? AND status IN ('reported', 'accepted')",
      [townId],
    )
    return Number(row?.n ?? 0)
  } finally {
    await db.close()
  }
}

test('dragging a case onto a department dispatches it: the card moves, pending clears, another client sees it', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const incident = await central.report({ title: '楼道堆放易燃杂物', category: 'fire_safety', priority: 'high' })
  const peer = await connectSyncClient(central.url, central.server.headSeq(), central.server.serverId)

  await board.openBoard()
  await expect(board.queued(incident.id)).toBeVisible()
  const before = Number(await board.column('department:fire').getByTestId('column-open').locator('b').textContent())

  await board.drag(incident.id, 'department:fire', '请带检测设备')
  // The card leaves the queue at once and sits in the fire column…
  await expect(board.queued(incident.id)).toHaveCount(0)
  const card = board.cardIn('department:fire', incident.id)
  await expect(card).toBeVisible()
  // …and stops being pending once the server acknowledges it.
  await expect(card).toHaveAttribute('data-pending', 'false', { timeout: 20_000 })
  await expect(board.column('department:fire').getByTestId('column-open').locator('b')).toHaveText(String(before + 1))

  const seen = await peer.waitForEvent((e) => e.incidentId === incident.id && e.type === 'dispatch')
  expect(seen.payload).toMatchObject({ assignee: { kind: 'department', id: 'fire' }, note: '请带检测设备' })
  expect(seen.actorId).toBe(DEMO_TOKENS.operator.principal.actorId)
  expect(central.server.incident(incident.id)).toMatchObject({ status: 'dispatched', assigneeId: 'fire' })
  peer.close()

  // For the record: a fuller queue, and one town's joint teams beside the departments.
  const waiting = await awaitingDispatch(central.dataDir, 'henglan')
  for (const [title, category, priority] of [
    ['出租屋消防通道堵塞', 'rental_housing', 'urgent'],
    ['液化气钢瓶违规存放', 'gas_safety', 'high'],
    ['路灯不亮', 'city_components', 'normal'],
    ['河涌漂浮垃圾', 'water_pollution', 'low'],
  ] as const)
    await central.report({ title, category, priority })
  await board.page.getByTestId('board-town').selectOption('henglan')
  await expect(board.queue.getByTestId('incident-card')).toHaveCount(waiting + 4)
  await expect(board.page.locator('[data-testid="board-column"][data-target^="team:"]').first()).toBeVisible()
  await board.screenshot('dispatch-board')
})

test("another operator's dispatch moves the card live", async ({ workstation, central }) => {
  const board = new DispatchPage(workstation)
  const incident = await central.report({ title: '燃气管道异味', category: 'gas_safety', priority: 'urgent' })
  await board.openBoard()
  await expect(board.queued(incident.id)).toBeVisible()
  const reply = await central.submit({
    type: 'dispatch',
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload: { assignee: { kind: 'department', id: 'gas' } },
  })
  expect(reply.status).toBe('applied')
  await expect(board.queued(incident.id)).toHaveCount(0)
  await expect(board.cardIn('department:gas', incident.id)).toBeVisible()
  await expect(board.cardIn('department:gas', incident.id)).toHaveAttribute('data-pending', 'false')
})
