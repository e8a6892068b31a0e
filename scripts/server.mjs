#!/usr/bin/env node
// `npm run server -- [flags]`: runs the central server (src/server/cli.ts) under tsx.
// Flags: --port --host --data-dir --tls-cert --tls-key --trust-proxy --demo-accounts --tokens-file
//        --access-minutes --session-hours --offline-days --simulator on|off --volume --rate --time-scale
//        --seed --history --history-days --now --retain (`--help` lists them).
// `npm run server -- calibrate --days 365 [--volume 0.1]` prints the simulated year beside the source.
// `npm run server -- verify --data-dir X` verifies a store's hash chain;
// `users …`, `workstations …` and `audit` manage accounts and workstations.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
