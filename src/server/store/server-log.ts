import type { Incident, IncidentEvent } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { EventRow } from '../log/rows'
import type { VerifyResult } from '../log/verify'

export interface LogHead {
  readonly seq: number
  readonly hash: string
}

/** Command ids are the client's, so they are unique only per principal. */
export interface CommandKey {
  readonly actorId: string
  readonly commandId: string
}

export function commandKey(k: CommandKey): string {
  return `${k.actorId}\n${k.commandId}`
}

export interface CommandRecord {
  readonly commandId: string
  readonly actorId: string
  readonly reply: CommandReply
  readonly decidedAt: number
}

/**
 * One writer turn, exclusive against every other writer of the store (on PostgreSQL: every
 * node, by the lock on the log head). `head` is the store's committed head as the turn began;
 * another node may have moved it past what this node has applied, and the turn reads that range
 * before it decides anything.
 */
export interface TurnWriter {
  readonly head: LogHead
  readAfter(cursor: number, limit: number): Promise<IncidentEvent[]>
  findCommands(keys: readonly CommandKey[]): Promise<Map<string, CommandReply>>
  /** Appends events, upserts the incidents they changed and records command replies, with the turn. */
  write(rows: readonly EventRow[], changed: readonly Incident[], decided: readonly CommandRecord[]): Promise<void>
}

/**
 * The central server's log and its projection, whatever holds them: SQLite (one process, the
 * embedded default: src/server/log/event-log.ts) or PostgreSQL (any number of nodes:
 * src/server/pg/pg-log.ts).
 */
export interface ServerLog {
  readonly kind: 'sqlite' | 'postgres'
  /** The store's identity, created on first open: every node of one store shares it. */
  serverId(): Promise<string>
  head(): Promise<LogHead>
  /** Oldest seq still kept (1 when nothing was pruned). */
  oldestSeq(): Promise<number>
  /** Events after `cursor`, at most `limit`, none past `upTo`, in seq order. */
  readAfter(cursor: number, limit: number, upTo?: number): Promise<IncidentEvent[]>
  /** How many events each actor logged per action type since `since`, among the newest `window` events. */
  activitySince(since: number, window?: number): Promise<{ actorId: string; type: string; n: number }[]>
  loadIncidents(): Promise<Incident[]>
  /** The replies already decided for these (actor, command id) pairs, keyed by `commandKey`. */
  findCommands(keys: readonly CommandKey[]): Promise<Map<string, CommandReply>>
  /** Runs one writer turn (see TurnWriter); what `turn` wrote commits when it resolves. */
  writeTurn<T>(turn: (w: TurnWriter) => Promise<T>): Promise<T>
  /** Drops events before `beforeSeq` (retention), keeping the hash of the last dropped one as the anchor. */
  pruneBefore(beforeSeq: number): Promise<void>
  getLayout(actorId: string): Promise<{ layout: unknown; updatedAt: number } | null>
  saveLayout(actorId: string, layoutJson: string, updatedAt: number): Promise<void>
  /** The stored rows of events `from`..`to` (inclusive), at most `limit`: for replays that check the chain. */
  rowsBetween(from: number, to: number, limit: number): Promise<EventRow[]>
  /** Walks the chain and checks the projection (see log/verify.ts). */
  verify(): Promise<VerifyResult>
}
