/**
 * Central server throughput, beside a raw socket.io round trip measured in the
 * same run: commands/s through the whole command path (validation, dedup,
 * decide, hash chain, SQLite commit, ack) and replay events/s to a client
 * catching up with acked pages. `bench/run.ts` prints the rows.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import type { Command } from '@shared/domain'
import {
  DEMO_TOKEN_LIST,
  DEMO_TOKENS,
  MSG,
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type ClientToServer,
  type HelloReply,
  type ServerToClient,
} from '@shared/protocol'
import { startServer } from '../src/server/index'
import { DEFAULT_REFERENCE_SEED, generateReference } from '../src/server/reference/generate'

export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline?: string
  target?: string
}

const COMMANDS = 20_000
const WINDOW = 400

async function pipelined(total: number, window: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now()
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < total) await one(next++)
  }
  await Promise.all(Array.from({ length: window }, lane))
  return total / ((performance.now() - start) / 1000)
}

async function rawRoundTrip(total: number): Promise<number> {
  const http = createServer()
  const io = new Server(http)
  io.on('connection', (s) => s.on('echo', (x: unknown, ack: (x: unknown) => void) => ack(x)))
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  const port = (http.address() as AddressInfo).port
  const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true })
  await new Promise<void>((r) => socket.once('connect', () => r()))
  const payload = {
    commandId: randomUUID(),
    type: 'comment',
    incidentId: randomUUID(),
    expectedVersion: 1,
    payload: { text: 'x' },
    issuedAt: 0,
  }
  const rate = await pipelined(total, WINDOW, () => socket.emitWithAck('echo', payload))
  socket.close()
  await new Promise<void>((r) => io.close(() => r()))
  return rate
}

/** A real place of the generated district: the server refuses reports whose grid and point disagree. */
const GRID = (() => {
  const g = generateReference(DEFAULT_REFERENCE_SEED).data.grids.find(
    (x) => x.townId === 'henglan' && x.level !== 'medium',
  )
  if (!g) throw new Error('no leaf grid in henglan')
  return g
})()

function report(): Command {
  return {
    commandId: randomUUID(),
    type: 'report',
    incidentId: randomUUID(),
    expectedVersion: null,
    issuedAt: Date.now(),
    payload: {
      title: '消防通道被杂物堵塞',
      description: '横东村第1网格：消防通道被杂物堵塞',
      category: 'fire_safety',
      priority: 'normal',
      source: 'patrol',
      townId: GRID.townId,
      gridId: GRID.id,
      componentId: null,
      lat: GRID.lat,
      lng: GRID.lng,
      address: '横栏镇横东村',
    },
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gc-bench-'))
  const server = await startServer({
    dataDir: dir,
    port: 0,
    historyIncidents: 0,
    simulator: false,
    escalateEveryMs: null,
    tokens: DEMO_TOKEN_LIST,
  })
  try {
    const baseline = await rawRoundTrip(COMMANDS)
    const socket: Socket<ServerToClient, ClientToServer> = connect(`${server.url}${SYNC_NAMESPACE}`, {
      auth: { token: DEMO_TOKENS.operator.token, workstationId: 'bench' },
      transports: ['websocket'],
      forceNew: true,
    })
    await new Promise<void>((r) => socket.once('connect', () => r()))
    const commands = await pipelined(COMMANDS, WINDOW, () => socket.emitWithAck(MSG.command, report()))
    if (server.headSeq() !== COMMANDS) throw new Error(`only ${server.headSeq()} of ${COMMANDS} commands applied`)

    const start = performance.now()
    let received = 0
    const done = new Promise<void>((resolve) => {
      socket.on(MSG.replay, (page, ack) => {
        received += page.events.length
        ack()
        if (page.done) resolve()
      })
    })
    const hello = (await socket.emitWithAck(MSG.hello, {
      protocol: PROTOCOL_VERSION,
      cursor: 0,
      serverId: null,
    })) as HelloReply
    if (hello.mode !== 'replay') throw new Error(`expected replay, got ${hello.mode}`)
    await done
    const replay = received / ((performance.now() - start) / 1000)
    socket.close()
    const base = `raw socket.io ack round trip ${Math.round(baseline)} msgs/s (window ${WINDOW}, same run)`
    return [
      {
        name: 'server command throughput',
        value: Math.round(commands),
        unit: 'commands/s',
        baseline: base,
        target: '≥ 1,000 (simulator stress load)',
      },
      {
        name: 'server replay rate',
        value: Math.round(replay),
        unit: 'events/s',
        baseline: base,
        target: '10,000 missed events in seconds',
      },
      { name: 'raw socket.io round trip', value: Math.round(baseline), unit: 'msgs/s' },
    ]
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
