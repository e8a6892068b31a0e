import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'
import { DispatchPage } from '../pages/dispatch-page'

test('a dispatch that loses to another operator shows in the conflicts panel with its reason', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const incident = await central.report({ title: '冲突：商铺燃气泄漏', category: 'gas_safety', priority: 'urgent' })
  await board.openBoard()
  await expect(board.queued(incident.id)).toBeVisible()

  // Offline, this operator dispatches to the gas office…
  await central.stop()
  await expect(board.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })
  await board.drag(incident.id, 'department:gas')
  await expect(board.cardIn('department:gas', incident.id)).toHaveAttribute('data-pending', 'true')

  // …while, the moment the server is back, a supervisor elsewhere sends it to the police first.
  await central.restart()
  const reply = await central.submit({
    type: 'dispatch',
    incidentId: incident.id,
    expectedVersion: 1,
    payload: { assignee: { kind: 'department', id: 'police' } },
  })
  expect(reply.status).toBe('applied')

  // The losing command becomes a conflict; the card follows the server's truth.
  await expect(board.cardIn('department:police', incident.id)).toBeVisible({ timeout: 60_000 })
  await expect(board.page.getByTestId('status-conflicts')).toContainText('1')

  const console = new ConsolePage(workstation)
  await console.go('console')
  await console.openConflicts()
  const item = console.conflict(incident.id)
  await expect(item).toBeVisible()
  await expect(item.getByTestId('conflict-reason')).toHaveAttribute('data-code', 'stale_version')
  await expect(item.getByTestId('conflict-reason')).toContainText('事件已被他人更新')
  await expect(item).toContainText('已派遣')
  // Said to people: who changed the case and how, by name; a redo that can no longer apply is not offered.
  const who = item.getByTestId('conflict-changed-by')
  // The supervisor's event carries no display name here (only the account id): role and unit say who.
  await expect(who).toContainText(
    /^值班长（指挥中心）已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 将此事件派遣至「公安分局」，你的操作未生效。$/,
  )
  await expect(who).not.toContainText('sup-city-01')
  await expect(item.getByTestId('conflict-redo')).toHaveCount(0)
  await console.screenshot('console-conflicts')
  for (const size of [
    { width: 1366, height: 768 },
    { width: 2560, height: 1440 },
  ]) {
    await console.page.setViewportSize(size)
    await expect(who).toBeVisible()
    await console.screenshot(`t15p-conflict-${size.width}`)
  }

  await item.getByTestId('conflict-dismiss').click()
  await expect(item).toHaveCount(0)
  await expect(board.page.getByTestId('status-conflicts')).toContainText('0')
})
