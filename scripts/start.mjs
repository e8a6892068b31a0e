import { spawn } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'
import { ensureBuild, root } from './ensure-build.mjs'
import { runHost } from './host.mjs'

/** `npm start`: the Electron app, or the browser host where Electron's binary is not installed. */
const args = process.argv.slice(2)
const bin = electronBinary()
if (!bin) {
  console.log('Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): starting the browser host instead.')
  runHost(args)
} else {
  ensureBuild()
  const child = spawn(bin, [root, ...args], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}
