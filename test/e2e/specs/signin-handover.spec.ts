import { DEMO_TOKENS } from '@shared/protocol'
import { expect, test } from '../fixtures/ops-fixture'
import { connectSyncClient } from '../fixtures/sync-client'
import { ConsolePage } from '../pages/console-page'
import { DispatchPage } from '../pages/dispatch-page'
import { SignInPage } from '../pages/signin-page'

// The spec drives the sign-in screen itself.
test.use({ signInAs: null })

test('the sign-in screen comes first, in Chinese or English, and refuses a wrong password', async ({
  workstation,
  central,
}) => {
  const signin = new SignInPage(workstation.page)
  await workstation.goto('console')
  await signin.expectShown()
  await expect(signin.screen).toContainText('值班登录')
  await expect(workstation.page.getByTestId('incident-table')).toHaveCount(0)
  await expect(workstation.page.getByTestId('signin-workstation')).toContainText(/ws-[0-9a-f]{8}/)
  await workstation.page.screenshot({ path: '/work/shots/t10/signin-zh.png' })

  await workstation.page.getByTestId('signin-language').selectOption('en')
  await expect(signin.screen).toContainText('Duty sign-in')
  await signin.attempt({ username: central.credentials('operator').username, password: 'not the password' })
  await expect(signin.error).toHaveText('Wrong user name or password.')
  await workstation.page.screenshot({ path: '/work/shots/t10/signin-en-error.png' })
  await workstation.page.getByTestId('signin-language').selectOption('zh-CN')

  await signin.signIn(central.credentials('operator'))
  await expect(workstation.page.getByTestId('session-who')).toContainText('市指挥中心值班员')
  await expect(workstation.page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', {
    timeout: 30_000,
  })
})

test('shift handover: a Henglan successor never sees Xiaolan, and the predecessor’s queued dispatch goes out under their name', async ({
  workstation,
  central,
}) => {
  const henglan = await central.report({ title: '横栏：出租屋楼道堆物', category: 'rental_housing', priority: 'high' })
  const xiaolan = await central.report({
    title: '小榄：燃气软管老化',
    category: 'gas_safety',
    priority: 'urgent',
    townId: 'xiaolan',
  })
  const headBefore = central.server.headSeq()
  const signin = new SignInPage(workstation.page)
  const board = new DispatchPage(workstation)
  await workstation.goto('dispatch')
  await signin.signIn(central.credentials('operator'))
  await board.openBoard()
  await expect(board.queued(xiaolan.id)).toBeVisible()
  await expect(board.queued(henglan.id)).toBeVisible()

  // The link drops; the city-wide operator dispatches the Xiaolan case, then hands over.
  await central.stop()
  await expect(board.connection).toHaveAttribute('data-state', 'offline', { timeout: 30_000 })
  await board.drag(xiaolan.id, 'department:gas')
  await expect(board.page.getByTestId('status-pending')).toContainText('1')
  await board.signOut()
  await expect(signin.queued).toContainText('1 条待发送的操作')
  await workstation.page.screenshot({ path: '/work/shots/t10/handover-signed-out.png' })

  // The server is back; the Henglan operator signs in on the same seat.
  await central.restart()
  await signin.signIn(central.credentials('henglanOperator'))
  const consolePage = new ConsolePage(workstation)
  await consolePage.openConsole()
  await expect(consolePage.row(henglan.id)).toBeVisible()
  await expect(consolePage.row(xiaolan.id)).toHaveCount(0)
  await expect(workstation.page.getByTestId('session-who')).toContainText('横栏')
  // Nothing of Xiaolan anywhere on the board either, and the predecessor's dispatch is delivered.
  await board.openBoard()
  await expect(board.page.locator(`[data-id="${xiaolan.id}"]`)).toHaveCount(0)
  await expect(board.page.getByTestId('status-pending')).toContainText('0', { timeout: 30_000 })
  await workstation.page.screenshot({ path: '/work/shots/t10/handover-henglan.png' })

  const peer = await connectSyncClient(central.url, headBefore, central.server.serverId)
  const dispatched = await peer.waitForEvent((e) => e.incidentId === xiaolan.id && e.type === 'dispatch')
  expect(dispatched.actorId).toBe(DEMO_TOKENS.operator.principal.actorId)
  expect(dispatched.workstationId).toMatch(/^ws-[0-9a-f]{8}$/)
  expect(central.server.incident(xiaolan.id)).toMatchObject({ status: 'dispatched', assigneeId: 'gas' })
  peer.close()
})
