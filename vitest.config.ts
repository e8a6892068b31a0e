import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: { alias: { '@shared': r('./src/shared'), '@infra': r('./src/infra') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the system to get somewhere; one second is too little on a loaded 2-core box.
    expect: { poll: { timeout: 20_000 } },
    // Integration tests start servers and child processes; two cores, so keep it modest.
    maxWorkers: 2,
  },
})
