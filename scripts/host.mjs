import { spawn } from 'node:child_process'
import path from 'node:path'
import { ensureBuild, root } from './ensure-build.mjs'

/** `npm run host`: the workstation core in plain Node, the UI in any browser. */
export function runHost(args) {
  ensureBuild()
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'host.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (import.meta.url === `file://${process.argv[1]}`) runHost(process.argv.slice(2))
