import { expect, test } from '../fixtures/ops-fixture'
import { DispatchPage } from '../pages/dispatch-page'

test('a case can be dispatched with the keyboard alone: focus, pick the column, Enter, note, Enter', async ({
  workstation,
  central,
}) => {
  const board = new DispatchPage(workstation)
  const incident = await central.report({
    title: '键盘派遣：出租屋消防设施缺失',
    category: 'rental_housing',
    priority: 'high',
  })
  await board.openBoard()
  const card = board.queued(incident.id)
  await expect(card).toBeVisible()

  await card.focus()
  // Digit 2 picks the second column; the arrows move on from there (→ then ←: back to 2).
  await board.page.keyboard.press('2')
  await board.page.keyboard.press('ArrowRight')
  await board.page.keyboard.press('ArrowLeft')
  const target = board.page.getByTestId('keyboard-target')
  const second = board.page.getByTestId('board-column').nth(1)
  const name = (await second.getAttribute('data-name')) ?? ''
  const key = (await second.getAttribute('data-target')) ?? ''
  await expect(target).toContainText(name)
  await expect(second).toHaveClass(/highlighted/)

  await board.page.keyboard.press('Enter')
  await expect(board.confirmDialog).toBeVisible()
  await expect(board.page.getByTestId('dispatch-note')).toBeFocused()
  await board.page.keyboard.type('键盘派遣')
  await board.page.keyboard.press('Enter')
  await expect(board.confirmDialog).toBeHidden()

  await expect(board.queued(incident.id)).toHaveCount(0)
  await expect(board.cardIn(key, incident.id)).toHaveAttribute('data-pending', 'false', { timeout: 20_000 })
  await expect
    .poll(() => central.server.incident(incident.id))
    .toMatchObject({ status: 'dispatched', assigneeKind: key.split(':')[0], assigneeId: key.split(':')[1] })
})
