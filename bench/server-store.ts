import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { io as connect, type Socket } from 'socket.io-client'
import type { Command, IncidentEvent } from '@shared/domain'
import {
  DEMO_TOKEN_LIST,
  DEMO_TOKENS,
  MSG,
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type ClientToServer,
  type HelloReply,
  type Problem,
  type ServerToClient,
} from '@shared/protocol'
import { startServer, type RunningServer } from '../src/server/index'
import { generateReference } from '../src/server/reference/generate'
import { startCluster } from '../test/support/postgres'
import type { BenchRow } from './bench-row'
import { percentile, round } from './sync-bench-util'

/**
 * The central server's store (issue 18): commands/s and replay events/s on SQLite, on
 * PostgreSQL with one node and with three nodes sharing it; commit → client notification p99
 * at 1,000 events/s with 500 clients spread over three nodes; and, as the baseline, a raw
 * PostgreSQL insert loop (the same 13-column rows, 1,000 a transaction, nothing else).
 */
const COMMANDS = 20_000
const IN_FLIGHT = 2_000
const CLIENTS = 500
const RATE = 1_000
const SECONDS = 6

type Client = Socket<ServerToClient, ClientToServer>

const place = (() => {
  const grid = generateReference().data.grids.find((g) => g.townId === 'henglan' && g.level !== 'medium')!
  return { townId: grid.townId, gridId: grid.id, lat: grid.lat, lng: grid.lng }
})()

function reportCommand(): Command {
  return {
    commandId: randomUUID(),
    type: 'report',
    incidentId: randomUUID(),
    expectedVersion: null,
    issuedAt: Date.now(),
    payload: {
      title: '楼道堆放杂物',
      description: '压测事件',
      category: 'fire_safety',
      priority: 'normal',
      source: 'patrol',
      ...place,
      componentId: null,
      address: '横栏镇横东村',
    },
  } as Command
}

async function nodes(n: number, store: string | null): Promise<{ servers: RunningServer[]; close(): Promise<void> }> {
  const dirs = Array.from({ length: n }, () => mkdtempSync(join(tmpdir(), 'gc-bench-store-')))
  const servers: RunningServer[] = []
  for (const dataDir of dirs)
    servers.push(
      await startServer({
        dataDir,
        ...(store ? { store } : {}),
        port: 0,
        historyIncidents: 0,
        simulator: false,
        escalateEveryMs: null,
        tokens: DEMO_TOKEN_LIST,
      }),
    )
  return {
    servers,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()))
      for (const d of dirs) rmSync(d, { recursive: true, force: true })
    },
  }
}

/** Commands/s through the command path (decide, chain, one transaction a batch), spread over the nodes. */
async function commandRate(servers: readonly RunningServer[]): Promise<number> {
  let sent = 0
  const t0 = performance.now()
  const worker = async (s: RunningServer): Promise<void> => {
    while (sent < COMMANDS) {
      const n = Math.min(IN_FLIGHT / servers.length, COMMANDS - sent)
      sent += n
      const replies = await Promise.all(
        Array.from({ length: n }, () => s.submit(reportCommand(), DEMO_TOKENS.operator.principal)),
      )
      if (replies.some((r) => r.status !== 'applied')) throw new Error('a bench command was not applied')
    }
  }
  await Promise.all(servers.map(worker))
  return COMMANDS / ((performance.now() - t0) / 1000)
}

async function socketTo(url: string): Promise<Client> {
  const socket: Client = connect(`${url}${SYNC_NAMESPACE}`, {
    auth: { token: DEMO_TOKENS.supervisor.token, workstationId: 'ws-bench' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  return socket
}

/** Events/s a client replays from cursor 0 (pages acked as a workstation does). */
async function replayRate(server: RunningServer): Promise<number> {
  const socket = await socketTo(server.url)
  let events = 0
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    socket.on(MSG.replay, (page, ack) => {
      events += page.events.length
      ack()
      if (page.done) resolve()
    })
    socket
      .emitWithAck(MSG.hello, { protocol: PROTOCOL_VERSION, cursor: 0, serverId: server.serverId })
      .then((reply: HelloReply | Problem) => {
        if (!('serverId' in reply)) reject(new Error(reply.message))
      }, reject)
  })
  const rate = events / ((performance.now() - t0) / 1000)
  socket.close()
  return rate
}

/** The same rows inserted raw: 13 columns, 1,000 a multi-row INSERT, one transaction each. */
async function rawInsertRate(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  await c.query(`CREATE TABLE raw_events (seq bigint PRIMARY KEY, incident_id text NOT NULL, type text NOT NULL,
    payload text NOT NULL, actor_id text NOT NULL, role text NOT NULL, workstation_id text, server_time bigint NOT NULL,
    issued_at bigint, command_id text, version integer NOT NULL, prev_hash text NOT NULL, hash text NOT NULL)`)
  await c.query('CREATE INDEX raw_events_incident_idx ON raw_events (incident_id, seq)')
  const payload = JSON.stringify(reportCommand().payload)
  const t0 = performance.now()
  for (let base = 0; base < COMMANDS; base += 1000) {
    const values: unknown[] = []
    const tuples: string[] = []
    for (let i = 0; i < 1000; i++) {
      const seq = base + i + 1
      const at = values.length
      tuples.push(`(${Array.from({ length: 13 }, (_, k) => `$${at + k + 1}`).join(',')})`)
      values.push(seq, randomUUID(), 'report', payload, 'op', 'operator', null, Date.now(), Date.now(), randomUUID(), 1)
      values.push('0'.repeat(64), 'f'.repeat(64))
    }
    await c.query('BEGIN')
    await c.query(`INSERT INTO raw_events VALUES ${tuples.join(',')}`, values)
    await c.query('COMMIT')
  }
  const rate = COMMANDS / ((performance.now() - t0) / 1000)
  await c.end()
  return rate
}

/** Decision → client delivery (ms) at RATE events/s with CLIENTS clients over the nodes. */
async function notificationLatency(servers: readonly RunningServer[]): Promise<number[]> {
  const clients: Client[] = []
  const delays: number[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const server = servers[i % servers.length]!
    const socket = await socketTo(server.url)
    await socket.emitWithAck(MSG.hello, {
      protocol: PROTOCOL_VERSION,
      cursor: server.headSeq(),
      serverId: server.serverId,
    })
    socket.on(MSG.events, (batch: { events: readonly IncidentEvent[] }) => {
      const now = Date.now()
      for (const e of batch.events) delays.push(now - e.serverTime)
    })
    clients.push(socket)
  }
  const tick = 20
  const perTick = (RATE * tick) / 1000
  const end = Date.now() + SECONDS * 1000
  let i = 0
  while (Date.now() < end) {
    const t = Date.now()
    for (let k = 0; k < perTick; k++)
      void servers[i++ % servers.length]!.submit(reportCommand(), DEMO_TOKENS.operator.principal)
    await new Promise((r) => setTimeout(r, Math.max(0, tick - (Date.now() - t))))
  }
  await new Promise((r) => setTimeout(r, 2000))
  for (const c of clients) c.close()
  return delays.sort((a, b) => a - b)
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const cluster = await startCluster()
  try {
    const raw = await rawInsertRate(await cluster.database())
    const baseline = `raw PostgreSQL insert loop: ${Math.round(raw).toLocaleString('en-US')} rows/s`

    const sqlite = await nodes(1, null)
    const sqliteRate = await commandRate(sqlite.servers)
    const sqliteReplay = await replayRate(sqlite.servers[0]!)
    await sqlite.close()

    const one = await nodes(1, await cluster.database())
    const oneRate = await commandRate(one.servers)
    const oneReplay = await replayRate(one.servers[0]!)
    await one.close()

    const three = await nodes(3, await cluster.database())
    const threeRate = await commandRate(three.servers)
    const threeReplay = await replayRate(three.servers[1]!)
    const delays = await notificationLatency(three.servers)
    await three.close()

    rows.push(
      { name: 'server commands/s, SQLite', value: round(sqliteRate), unit: 'commands/s', baseline },
      {
        name: 'server commands/s, PostgreSQL, 1 node',
        value: round(oneRate),
        unit: 'commands/s',
        baseline,
        target: '≥ 50% of the raw insert loop',
        pass: oneRate >= raw / 2,
      },
      { name: 'server commands/s, PostgreSQL, 3 nodes', value: round(threeRate), unit: 'commands/s', baseline },
      { name: 'replay events/s, SQLite', value: round(sqliteReplay), unit: 'events/s' },
      { name: 'replay events/s, PostgreSQL, 1 node', value: round(oneReplay), unit: 'events/s' },
      {
        name: 'replay events/s, PostgreSQL, 3 nodes (another node than the writer)',
        value: round(threeReplay),
        unit: 'events/s',
      },
      {
        name: `commit → client p99, ${RATE} events/s, ${CLIENTS} clients over 3 nodes`,
        value: percentile(delays, 99),
        unit: 'ms',
        baseline: `p50 ${percentile(delays, 50)} ms, ${delays.length.toLocaleString('en-US')} deliveries`,
        target: '≤ 100 ms',
        pass: percentile(delays, 99) <= 100,
      },
    )
  } finally {
    await cluster.stop()
  }
  return rows
}
