import { z } from 'zod'
import {
  COMPONENT_KINDS,
  ROLES,
  type CityComponent,
  type Command,
  type Incident,
  type IncidentEvent,
  type Principal,
  type ReferenceData,
  type RejectionCode,
} from '../domain'
import {
  ASSESSMENT_MSG,
  type FrozenReport,
  type ReportCheck,
  type ReportCloseArgs,
  type ReportList,
  type ReportListArgs,
  type RuleSetActivateArgs,
  type RuleSetList,
  type RuleSetSaveArgs,
  type StoredRuleSet,
} from './assessment'

/**
 * The sync protocol between a workstation (or any client) and the central
 * server, over socket.io. docs/protocol.md describes it for other clients.
 * Names of socket events live here and nowhere else.
 */
export const PROTOCOL_VERSION = 1
export const SYNC_NAMESPACE = '/sync'

export const MSG = {
  /** client → server, ack: HelloReply. Starts (or restarts) a sync session. */
  hello: 'hello',
  /** server → client, ack: () => void. One page of missed events; the next page waits for the ack. */
  replay: 'replay',
  /** server → client, ack: () => void. One page of a reset snapshot (cursor too old or other server). */
  snapshot: 'snapshot',
  /** server → client. Live events after catch-up, in seq order. */
  events: 'events',
  /** server → client. Liveness and the head of the log. */
  heartbeat: 'heartbeat',
  /** client → server, ack: CommandReply. */
  command: 'command',
  /** client → server, ack: ReferenceData. */
  reference: 'reference',
  /** server → client. A problem with something the client sent that has no ack to carry it. */
  problem: 'problem',
  /** client → server, ack: ComponentPage | Problem. City components (QR-coded), paged. */
  components: 'components',
  /** client → server, ack: LayoutReply | Problem. The caller's saved screen layout. */
  layoutGet: 'layoutGet',
  /** client → server, ack: LayoutReply | Problem. Replaces the caller's saved screen layout. */
  layoutSave: 'layoutSave',
  /** server → client. Where joint teams and grid workers are (batched; not in the log, see §6). */
  positions: 'positions',
  /** client → server, ack: PositionSnapshot | Problem. Every unit's latest position and short trail. */
  positionsGet: 'positionsGet',
  /** client → server, ack: { accepted: true } | Problem. A field device reports where it is. */
  positionReport: 'positionReport',
  /** client → server, ack: PeopleReply | Problem. The command room's accounts and who is on shift (supervisor desk). */
  people: 'people',
  /** Rule sets and frozen assessment reports (docs/protocol.md §9). */
  ...ASSESSMENT_MSG,
} as const

/**
 * Handshake auth (socket.io `auth`): an access token from sign-in, or a service token. A
 * `workstationId` sent here is ignored: the workstation comes from the session's credential.
 */
export const handshakeAuthSchema = z.object({
  token: z.string().min(1).max(512),
  workstationId: z.string().min(1).max(64).optional(),
})

/** A command as sent: a seat grant names its author when that is not the socket's principal. */
export type CommandMessage = Command & { readonly seatGrant?: string }
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>

export const helloSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  /** Last seq the client applied (0 for none). */
  cursor: z.number().int().nonnegative(),
  /** The server id the cursor belongs to; a different server means reset. */
  serverId: z.string().max(64).nullable(),
})
export type Hello = z.infer<typeof helloSchema>

export interface HelloReply {
  readonly serverId: string
  readonly principal: Principal
  readonly serverTime: number
  /** Newest seq in the log. */
  readonly headSeq: number
  /** Oldest seq still kept; a cursor below oldestSeq − 1 gets a reset. */
  readonly oldestSeq: number
  /** What follows: replay pages, snapshot pages, or nothing (already current). */
  readonly mode: 'replay' | 'reset' | 'live'
  readonly referenceVersion: string
}

export interface ReplayPage {
  readonly events: readonly IncidentEvent[]
  readonly headSeq: number
  /** True on the last page; live `events` follow. */
  readonly done: boolean
  /**
   * Only for a town-scoped principal: the page covers every seq up to this one, and `events` are
   * those of them the principal may read (possibly none). Without it the events are contiguous.
   */
  readonly throughSeq?: number
}

export interface SnapshotPage {
  readonly incidents: readonly Incident[]
  /** The snapshot's position in the log: after the last page the cursor becomes this. */
  readonly seq: number
  /** Running count and total, for progress. */
  readonly sent: number
  readonly total: number
  readonly done: boolean
}

export interface LiveBatch {
  readonly events: readonly IncidentEvent[]
  /** Only for a town-scoped principal: the seqs fromSeq..throughSeq this batch covers (see ReplayPage). */
  readonly fromSeq?: number
  readonly throughSeq?: number
}

export interface Heartbeat {
  readonly headSeq: number
  readonly serverTime: number
}

/**
 * Codes a command can be refused with beyond the domain's: `payload_too_large`
 * (over LIMITS.commandBytes), `rate_limited` (too many in flight),
 * `unavailable` (transient: the store could not write or the server is
 * stopping; resend the same command later), and `author_refused` (the seat
 * grant naming another author is not valid for this workstation).
 */
export type CommandRejectionCode =
  RejectionCode | 'payload_too_large' | 'rate_limited' | 'unavailable' | 'author_refused'

/** Transient codes: the command was not decided; resending it (same commandId) is safe and expected. */
export const TRANSIENT_CODES: readonly CommandRejectionCode[] = ['rate_limited', 'unavailable']

export type CommandReply =
  | {
      readonly status: 'applied' | 'duplicate'
      readonly seq: number
      readonly version: number
      readonly incidentId: string
    }
  | {
      readonly status: 'rejected'
      readonly code: CommandRejectionCode
      readonly message: string
      readonly currentVersion: number | null
    }

export interface Problem {
  /** `session_ended`: the socket's session was signed out, revoked or expired; the socket closes next. */
  readonly code:
    | 'invalid_payload'
    | 'payload_too_large'
    | 'protocol_error'
    | 'unauthorized'
    | 'session_ended'
    | 'read_only'
    | 'rate_limited'
    | 'forbidden_role'
    /** The role may not do this (e.g. only a supervisor edits rule sets or closes periods). */
    | 'forbidden'
    | 'not_found'
    /** The request clashes with what is stored (a rule-set version label already used). */
    | 'conflict'
  readonly message: string
}

/** A command-room account (operator or supervisor) as `people` lists it; `onShift`: connected now. */
export const personOnRecordSchema = z.object({
  actorId: z.string().min(1).max(64),
  name: z.string().max(200),
  role: z.enum(ROLES),
  towns: z.union([z.literal('*'), z.array(z.string().min(1).max(64)).max(1000)]),
  onShift: z.boolean(),
  /** What they did in the last hour (WORKLOAD_KIND in src/shared/domain/workload.ts), from the server's log. */
  lastHour: z.object({
    accepted: z.number().int().nonnegative(),
    dispatched: z.number().int().nonnegative(),
    verified: z.number().int().nonnegative(),
  }),
})
export type PersonOnRecord = z.infer<typeof personOnRecordSchema>

/** The `people` answer, validated by the client (it crossed the network). */
export const peopleReplySchema = z.object({ people: z.array(personOnRecordSchema).max(10_000) })
export type PeopleReply = z.infer<typeof peopleReplySchema>

export const componentQuerySchema = z.object({
  townId: z.string().min(1).max(64).optional(),
  kind: z.enum(COMPONENT_KINDS).optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(5000).default(5000),
})
export type ComponentQuery = z.input<typeof componentQuerySchema>

export interface ComponentPage {
  readonly components: readonly CityComponent[]
  readonly offset: number
  readonly total: number
  readonly referenceVersion: string
}

/** A screen layout is an opaque JSON value, at most LIMITS.layoutBytes of JSON. */
export const layoutSaveSchema = z.object({ layout: z.json() })
export type LayoutSave = z.infer<typeof layoutSaveSchema>

export interface LayoutReply {
  readonly actorId: string
  /** null when the actor never saved one. */
  readonly layout: unknown
  readonly updatedAt: number | null
}

export const POSITION_UNIT_KINDS = ['team', 'worker'] as const
export type PositionUnitKind = (typeof POSITION_UNIT_KINDS)[number]

/** What a field device sends: its unit and where it is (the server stamps the time and town). */
export const positionReportSchema = z.object({
  unitKind: z.enum(POSITION_UNIT_KINDS),
  unitId: z.string().min(1).max(64),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
})
export type PositionReportArgs = z.infer<typeof positionReportSchema>

/** One position of a joint team (联勤搭档) or a grid worker, as the server relays it. */
export interface PositionReport {
  readonly unitKind: PositionUnitKind
  readonly unitId: string
  readonly townId: string
  readonly lng: number
  readonly lat: number
  /** Server time the position was taken. */
  readonly at: number
}

/** server → client: the reports received since the last batch (at most one per unit). */
export interface PositionBatch {
  readonly reports: readonly PositionReport[]
}

export interface PositionSnapshot {
  /** Every unit that reported, with its latest position and the ones before it, oldest first. */
  readonly units: readonly (PositionReport & { readonly trail: readonly (readonly [number, number, number])[] })[]
  readonly serverTime: number
}

/** What each side's socket carries (typed socket.io maps). */
export interface ServerToClient {
  [MSG.replay]: (page: ReplayPage, ack: () => void) => void
  [MSG.snapshot]: (page: SnapshotPage, ack: () => void) => void
  [MSG.events]: (batch: LiveBatch) => void
  [MSG.heartbeat]: (beat: Heartbeat) => void
  [MSG.problem]: (problem: Problem) => void
  [MSG.positions]: (batch: PositionBatch) => void
  [MSG.ruleSet]: (active: StoredRuleSet) => void
}

export interface ClientToServer {
  [MSG.hello]: (hello: Hello, ack: (reply: HelloReply | Problem) => void) => void
  [MSG.command]: (command: CommandMessage, ack: (reply: CommandReply) => void) => void
  [MSG.reference]: (args: Record<string, never>, ack: (data: ReferenceData) => void) => void
  [MSG.components]: (query: ComponentQuery, ack: (page: ComponentPage | Problem) => void) => void
  [MSG.layoutGet]: (args: Record<string, never>, ack: (reply: LayoutReply | Problem) => void) => void
  [MSG.layoutSave]: (args: LayoutSave, ack: (reply: LayoutReply | Problem) => void) => void
  [MSG.positionsGet]: (args: Record<string, never>, ack: (reply: PositionSnapshot | Problem) => void) => void
  [MSG.positionReport]: (args: PositionReportArgs, ack: (reply: { accepted: true } | Problem) => void) => void
  [MSG.people]: (args: Record<string, never>, ack: (reply: PeopleReply | Problem) => void) => void
  [MSG.ruleSetList]: (args: Record<string, never>, ack: (reply: RuleSetList | Problem) => void) => void
  [MSG.ruleSetGet]: (args: { revision?: number }, ack: (reply: StoredRuleSet | Problem) => void) => void
  [MSG.ruleSetSave]: (args: RuleSetSaveArgs, ack: (reply: StoredRuleSet | Problem) => void) => void
  [MSG.ruleSetActivate]: (args: RuleSetActivateArgs, ack: (reply: StoredRuleSet | Problem) => void) => void
  [MSG.reportClose]: (args: ReportCloseArgs, ack: (reply: FrozenReport | Problem) => void) => void
  [MSG.reportList]: (args: ReportListArgs, ack: (reply: ReportList | Problem) => void) => void
  [MSG.reportGet]: (args: { id: number }, ack: (reply: FrozenReport | Problem) => void) => void
  [MSG.reportVerify]: (args: { id: number }, ack: (reply: ReportCheck | Problem) => void) => void
}

export const LIMITS = {
  /** Events per replay page. */
  replayPage: 1000,
  /** Incidents per snapshot page. */
  snapshotPage: 2000,
  /** Largest command accepted, bytes of JSON. */
  commandBytes: 64 * 1024,
  /** Seconds between heartbeats. */
  heartbeatSeconds: 5,
  /** Largest socket message the server accepts at all; bigger ones close the connection (socket.io). */
  messageBytes: 1024 * 1024,
  /** Largest saved layout, bytes of JSON. */
  layoutBytes: 256 * 1024,
  /** Commands one connection may have in flight before `rate_limited`. */
  commandsInFlight: 500,
  /** Hellos one connection may send in a burst, and per minute after it, before `rate_limited`. */
  helloBurst: 10,
  hellosPerMinute: 30,
  /** Positions kept per unit (the latest and the ones before it: a short trail). */
  positionTrail: 8,
  /** Milliseconds between `positions` batches. */
  positionBatchMs: 2000,
  /** Seconds between a patrolling joint team's reports (the simulator's; a device may report as often). */
  teamReportSeconds: 15,
  /** Seconds between a patrolling grid worker's reports. */
  workerReportSeconds: 60,
} as const
