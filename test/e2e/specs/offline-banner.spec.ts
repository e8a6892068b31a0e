import { expect, test } from '../fixtures/ops-fixture'
import { DispatchPage } from '../pages/dispatch-page'

test('while the link is down a banner says since when and how much is queued, on every screen; it goes when the link is back', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const incident = await central.report({ title: '离线横幅：井盖缺失', category: 'gas_safety', priority: 'high' })
  await board.openBoard()
  await expect(board.queued(incident.id)).toBeVisible()
  await expect(board.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(board.offlineBanner).toHaveCount(0)

  await central.stop()
  await expect(board.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })
  await expect(board.offlineBanner).toBeVisible()
  await expect(board.offlineBanner).toContainText(/^⚠链路中断：自 \d{2}:\d{2} 起离线/)
  await expect(board.offlineBanner.getByTestId('offline-queued')).toContainText('暂无排队操作')

  // An action taken offline waits in the queue, and the banner counts it.
  await board.drag(incident.id, 'department:gas')
  await expect(board.offlineBanner.getByTestId('offline-queued')).toHaveText('1 项操作在本机排队，恢复后自动提交')

  for (const route of ['console', 'map', 'dashboard', 'dispatch']) {
    await board.go(route)
    await expect(board.offlineBanner).toBeVisible()
    await expect(board.offlineBanner).toHaveAttribute('data-queued', '1')
  }
  for (const size of [
    { width: 1366, height: 768 },
    { width: 2560, height: 1440 },
  ]) {
    await board.page.setViewportSize(size)
    await expect(board.offlineBanner).toBeVisible()
    await board.screenshot(`t15p-offline-board-${size.width}`)
  }

  await central.restart()
  await expect(board.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  await expect(board.offlineBanner).toHaveCount(0)
  await expect(board.cardIn('department:gas', incident.id)).toHaveAttribute('data-pending', 'false', {
    timeout: 60_000,
  })
})
