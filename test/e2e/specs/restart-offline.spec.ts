import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openWorkstation } from '../fixtures/app-fixture'
import { expect, test } from '../fixtures/ops-fixture'
import { DispatchPage } from '../pages/dispatch-page'

/**
 * A seat restarted in the middle of an outage: the status bar still says since when it is offline
 * (not since the restart), names the action it found queued, and delivers it once the server is back.
 */
test('a seat restarted during an outage keeps "offline since" and says which actions it restored', async ({
  gridHost,
  page,
  central,
  extraArgs,
  extraEnv,
  accounts,
}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'grid-e2e-'))
  const first = await openWorkstation(gridHost, page, dataDir, { extraArgs, extraEnv, signInAs: 'operator', accounts })
  let second: Awaited<ReturnType<typeof openWorkstation>> | null = null
  try {
    const c = await central.report({ title: '重启恢复：消防通道堵塞', category: 'fire_safety', priority: 'urgent' })
    const board = new DispatchPage(first.workstation)
    await board.openBoard()
    await expect(board.queued(c.id)).toBeVisible()

    await central.stop()
    await expect(board.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })
    await expect(board.connection).toContainText(/离线（?自 \d{2}:\d{2}/)
    const since = await board.connection.getAttribute('data-offline-since')
    expect(Number(since)).toBeGreaterThan(0)
    await board.drag(c.id, 'department:fire')
    await expect(board.page.getByTestId('status-pending')).toContainText('1')
    await expect(board.page.getByTestId('status-restored')).toHaveCount(0)

    // The seat restarts while the server is still down (its session is kept: no sign-in needed).
    await first.close()
    second = await openWorkstation(gridHost, page, dataDir, { extraArgs, extraEnv, signInAs: null, accounts })
    const again = new DispatchPage(second.workstation)
    await again.openBoard()
    await expect(again.connection).not.toHaveAttribute('data-state', 'online')
    // The same instant as before the restart, shown while it retries too.
    await expect(again.connection).toHaveAttribute('data-offline-since', String(since))
    await expect(again.connection).toContainText(/离线（?自 \d{2}:\d{2}/)
    const restored = again.page.getByTestId('status-restored')
    await expect(restored).toContainText('重启后恢复 1 项待发操作')
    await expect(restored).toHaveAttribute('title', new RegExp(`派遣 · ${c.code}`))
    // The restored dispatch is shown where it will land, still pending.
    await expect(again.cardIn('department:fire', c.id)).toHaveAttribute('data-pending', 'true')
    await again.screenshot('restart-offline')

    await central.restart()
    await expect(again.cardIn('department:fire', c.id)).toHaveAttribute('data-pending', 'false', { timeout: 60_000 })
    await expect(again.page.getByTestId('status-pending')).toContainText('0')
    await expect(again.connection).toHaveAttribute('data-state', 'online')
    expect(central.server.incident(c.id)).toMatchObject({ status: 'dispatched', assigneeId: 'fire', version: 2 })
  } finally {
    await second?.close()
    await first.close().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
