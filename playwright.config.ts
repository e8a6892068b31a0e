import { defineConfig } from '@playwright/test'
import { electronBinary } from './scripts/electron-binary.mjs'
import { findChromium } from './scripts/test-deps/find.mjs'
import { hostSystem } from './scripts/test-deps/system.mjs'
import type { GridOptions } from './test/e2e/fixtures/app-fixture'

/**
 * E2E against the real app. The `chromium` project drives the browser host in
 * Debian's Chromium; the `electron` project runs the same specs in Electron
 * where its binary is installed (it cannot be downloaded on CI machines here).
 */
// The Chromium that `npm test`'s first stage found or installed (CHROMIUM_PATH first).
const chromiumPath = findChromium(hostSystem()).path ?? '/usr/bin/chromium'

export default defineConfig<GridOptions>({
  testDir: './test/e2e/specs',
  outputDir: './test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1600, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        gridHost: 'browser',
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
    ...(electronBinary() ? [{ name: 'electron', use: { gridHost: 'electron' as const } }] : []),
  ],
})
