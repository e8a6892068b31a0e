import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const alias = { '@shared': r('./src/shared'), '@infra': r('./src/infra') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rolldownOptions: {
        input: {
          // The Electron shell, the browser host and the central server share one build.
          index: r('./src/main/electron/index.ts'),
          host: r('./src/main/host/cli.ts'),
          server: r('./src/server/cli.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload must be one CommonJS file with nothing to require but electron.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: r('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react()],
    build: { target: 'chrome130', chunkSizeWarningLimit: 4000 },
  },
})
