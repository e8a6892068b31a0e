import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as connect, type Socket } from 'socket.io-client'
import type { CityComponent, Command, Incident, IncidentEvent, ReferenceData } from '@shared/domain'
import {
  DEMO_TOKEN_LIST,
  DEMO_TOKENS,
  MSG,
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type ClientToServer,
  type CommandReply,
  type HelloReply,
  type ReplayPage,
  type Problem,
  type ServerToClient,
} from '@shared/protocol'
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/index'
import { storeFor } from '../../support/test-store'
import {
  DEFAULT_REFERENCE_SEED,
  generateReference,
  type GeneratedReference,
} from '../../../src/server/reference/generate'

export type ClientSocket = Socket<ServerToClient, ClientToServer>

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'gc-server-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A quiet server for tests: no history, no simulator, no escalation sweeps. Its log is on the
 * store the suite runs on (test/support/test-store.ts): SQLite, or PostgreSQL in the postgres project.
 */
export async function quietServer(dataDir: string, extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const store = await storeFor(dataDir)
  return startServer({
    dataDir,
    ...(store ? { store } : {}),
    port: 0,
    historyIncidents: 0,
    simulator: false,
    escalateEveryMs: null,
    tokens: DEMO_TOKEN_LIST,
    ...extra,
  })
}

export async function client(
  url: string,
  token: string = DEMO_TOKENS.operator.token,
  workstationId = 'ws-test',
): Promise<ClientSocket> {
  const socket: ClientSocket = connect(`${url}${SYNC_NAMESPACE}`, {
    auth: { token, workstationId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (err) => reject(err))
  })
  return socket
}

export function send(socket: ClientSocket, command: Command): Promise<CommandReply> {
  return socket.emitWithAck(MSG.command, command)
}

let n = 0
let district: GeneratedReference | null = null
/** The district the server generates (computed once, on first use). */
export function districtReference(): ReferenceData {
  district ??= generateReference(DEFAULT_REFERENCE_SEED)
  return district.data
}

/** The district's city components (QR-coded), as the server generates them. */
export function districtComponents(): readonly CityComponent[] {
  district ??= generateReference(DEFAULT_REFERENCE_SEED)
  return district.components
}

export type Place = Pick<Extract<Command, { type: 'report' }>['payload'], 'townId' | 'gridId' | 'lat' | 'lng'>

const places = new Map<string, Place>()
/** The centre of a leaf grid of `townId` in the district the server generates: a place a report may name. */
export function placeIn(townId: string, nth = 0): Place {
  const key = `${townId}/${nth}`
  const known = places.get(key)
  if (known) return { ...known }
  const grid = districtReference().grids.filter((g) => g.townId === townId && g.level !== 'medium')[nth]
  if (!grid) throw new Error(`no leaf grid ${nth} in ${townId}`)
  const place = { townId: grid.townId, gridId: grid.id, lat: grid.lat, lng: grid.lng }
  places.set(key, place)
  return { ...place }
}

/** Henglan is the demo tokens' town. */
export const henglanPlace = (): Place => placeIn('henglan')

export function report(
  overrides: Partial<Extract<Command, { type: 'report' }>['payload']> = {},
  incidentId: string = randomUUID(),
): Command {
  n++
  return {
    commandId: randomUUID(),
    type: 'report',
    incidentId,
    expectedVersion: null,
    issuedAt: Date.now(),
    payload: {
      title: `测试事件 ${n}`,
      description: '楼道堆放杂物',
      category: 'fire_safety',
      priority: 'normal',
      source: 'patrol',
      ...henglanPlace(),
      componentId: null,
      address: '横栏镇横东村',
      ...overrides,
    },
  }
}

export function action<T extends Command['type']>(
  type: T,
  incidentId: string,
  expectedVersion: number | null,
  payload: Extract<Command, { type: T }>['payload'],
): Command {
  return { commandId: randomUUID(), type, incidentId, expectedVersion, payload, issuedAt: Date.now() } as Command
}

export interface SyncResult {
  readonly reply: HelloReply
  readonly events: IncidentEvent[]
  readonly snapshot: Incident[]
  readonly snapshotSeq: number | null
  readonly replayPages: number
  readonly lastPage: ReplayPage | null
}

/**
 * Says hello and collects everything up to the moment the server reports the
 * client is current (last replay page, or the snapshot's last page when no
 * replay follows), acking every page like a real client.
 */
export async function sync(socket: ClientSocket, cursor: number, serverId: string | null): Promise<SyncResult> {
  const events: IncidentEvent[] = []
  const snapshot: Incident[] = []
  let snapshotSeq: number | null = null
  let replayPages = 0
  let lastPage: ReplayPage | null = null
  let finish: () => void = () => undefined
  const done = new Promise<void>((resolve) => (finish = resolve))
  let head = 0
  socket.off(MSG.replay).off(MSG.snapshot)
  socket.on(MSG.replay, (page, ack) => {
    replayPages++
    lastPage = page
    events.push(...page.events)
    ack()
    if (page.done) finish()
  })
  socket.on(MSG.snapshot, (page, ack) => {
    snapshot.push(...page.incidents)
    snapshotSeq = page.seq
    ack()
    if (page.done && page.seq >= head) finish()
  })
  const reply = (await socket.emitWithAck(MSG.hello, { protocol: PROTOCOL_VERSION, cursor, serverId })) as
    HelloReply | Problem
  if (!('serverId' in reply)) throw new Error(`hello refused: ${reply.code} ${reply.message}`)
  head = reply.headSeq
  if (reply.mode === 'live') finish()
  if (reply.mode === 'reset' && snapshotSeq !== null && snapshotSeq >= head) finish()
  await done
  return { reply, events, snapshot, snapshotSeq, replayPages, lastPage }
}
