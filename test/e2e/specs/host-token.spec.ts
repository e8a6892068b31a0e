import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/app-fixture'
import { AppPage } from '../pages/app-page'
import { SignInPage } from '../pages/signin-page'

// The browser host started the way a district deploys it for other machines: a token for operators'
// browsers and a read-only one for the video-wall PCs (from the environment, never the command line).
// The spec signs in itself, once the page holds the operator's token.
test.use({
  extraArgs: ['--history', '200'],
  extraEnv: { GRID_HOST_TOKEN: 'op-secret-token-1234', GRID_WALL_TOKEN: 'wall-secret-token-1234' },
  signInAs: null,
})

/** What the host sends the page over its contract socket, to wait for an answer the page does not show. */
function hostFrames(page: Page) {
  const seen: string[] = []
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => seen.push(String(frame.payload))))
  return {
    mark: () => seen.length,
    /** Waits for a frame after `mark` that contains `text`. */
    arrived: (text: string, mark: number) =>
      expect.poll(() => seen.slice(mark).some((f) => f.includes(text))).toBe(true),
  }
}

test('the browser host serves the app only to its tokens, and the wall token changes nothing', async ({
  workstation,
  context,
}) => {
  const app = new AppPage(workstation)
  const page = workstation.page
  const host = hostFrames(page)
  const signin = new SignInPage(page)
  await workstation.goto('console')
  const origin = new URL(page.url()).origin

  // No token, or a wrong one (a new tab holds none of its own): the page says how to get in, and
  // neither the sign-in screen nor anything of the core comes up.
  const stranger = await context.newPage()
  const strangerApp = new AppPage({ ...workstation, page: stranger })
  await stranger.goto(`${origin}/#/console`)
  await expect(stranger.getByTestId('access-denied')).toBeVisible()
  await expect(new SignInPage(stranger).screen).toHaveCount(0)
  await expect(strangerApp.coreStatus).toHaveCount(0)
  await stranger.goto(`${origin}/?token=not-the-token#/console`)
  await expect(stranger.getByTestId('access-denied')).toBeVisible()
  await expect(strangerApp.coreStatus).toHaveCount(0)
  await stranger.close()

  // The operator's token may change settings, and the core keeps them.
  await page.goto(`${origin}/?token=op-secret-token-1234#/console`)
  await signin.signIn(workstation.credentials('operator'))
  await expect(app.coreStatus).toBeVisible()
  let mark = host.mark()
  await app.setLanguage('en')
  await host.arrived('"locale":"en"', mark) // the core's answer to settings.set
  await page.reload()
  await expect(app.nav('console')).toHaveText(/Console/) // read back from the core (the default is Chinese)
  await app.screenshot('host-token-operator')

  // The wall's token reads (the core's English comes back) but a change it makes is refused.
  await page.goto(`${origin}/?token=wall-secret-token-1234#/console`)
  await expect(app.nav('console')).toHaveText(/Console/)
  await expect(app.coreStatus).toBeVisible()
  mark = host.mark()
  await app.setLanguage('zh-CN')
  await expect(app.nav('console')).toHaveText(/事件台/) // the page switches at once…
  await host.arrived('forbidden', mark)
  await page.reload()
  await expect(app.nav('console')).toHaveText(/Console/) // …but the core kept English
})
