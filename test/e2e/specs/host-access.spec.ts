import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { expect, test } from '../fixtures/ops-fixture'
import { AppPage, SCREENSHOT_DIR } from '../pages/app-page'

/**
 * The browser host's door: the token it minted for this run (read from what it
 * printed) opens the app and leaves the address bar at once; without it the
 * page says what to do; and a page on another local origin cannot reach the
 * host's socket even when it knows the token.
 */
test('the printed address opens the app, and the token leaves the address bar but survives a reload', async ({
  workstation,
}) => {
  const app = new AppPage(workstation)
  await app.open('console')
  await expect(app.connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  expect(app.page.url()).not.toContain('token')
  expect(new URL(app.page.url()).hash).toBe('#/console')
  await app.page.reload()
  await expect(app.coreStatus).toBeVisible()
  expect(app.page.url()).not.toContain('token')
})

test('without the token the page says how to get in', async ({ workstation, context }) => {
  const app = new AppPage(workstation)
  await app.open('console')
  const origin = new URL(app.page.url()).origin
  // A new tab holds no token of its own: as if someone opened the bare address.
  const stranger = await context.newPage()
  await stranger.goto(`${origin}/#/console`)
  const denied = stranger.getByTestId('access-denied')
  await expect(denied).toBeVisible()
  await expect(denied).toContainText('无法进入工作站')
  await expect(denied).toContainText('访问令牌')
  await stranger.screenshot({ path: path.join(SCREENSHOT_DIR, 'host-access-denied.png') })
  await stranger.goto(`${origin}/?token=not-the-token-of-this-run#/console`)
  await expect(stranger.getByTestId('access-denied')).toBeVisible()
})

test('a page on another local origin cannot open the host’s socket, even with the token', async ({
  workstation,
  context,
}) => {
  const app = new AppPage(workstation)
  await app.open('console')
  const host = new URL(app.page.url())
  const token = await app.page.evaluate(() => sessionStorage.getItem('grid-token'))
  expect(token).toBeTruthy()
  // The attacker's page, on a port of its own on the same machine.
  const evil: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>')
  })
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve))
  try {
    const page = await context.newPage()
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`)
    const outcome = await page.evaluate(
      ({ hostPort, secret }) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${hostPort}/contract/?EIO=4&transport=websocket`)
          ws.onopen = () => {
            // Even opened, the socket.io handshake with the stolen token would follow; it must not get here.
            ws.send(`40${JSON.stringify({ token: secret })}`)
            resolve('open')
          }
          ws.onerror = () => resolve('refused')
        }),
      { hostPort: host.port, secret: token },
    )
    expect(outcome).toBe('refused')
  } finally {
    await new Promise<void>((resolve) => evil.close(() => resolve()))
  }
})
