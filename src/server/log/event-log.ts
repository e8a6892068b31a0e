import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import type { SqliteDatabase, SqlExecutor } from '@infra/sqlite'
import { drizzleOver } from '@infra/sqlite'
import type { Incident, IncidentEvent } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { ServerDb } from '../db/open'
import * as schema from '../db/schema'
import { GENESIS_HASH } from './hash'
import { HEAD_KEY } from './tail'
import { EVENT_JSON, eventFromRow, incidentFromRow, incidentToRow, layoutFromRow, type EventRow } from './rows'
import { verifyChain, type VerifyResult } from './verify'
import {
  commandKey,
  type CommandKey,
  type CommandRecord,
  type LogHead,
  type ServerLog,
  type TurnWriter,
} from '../store/server-log'

export { commandKey, type CommandKey, type CommandRecord, type LogHead } from '../store/server-log'

/** Rows per multi-row INSERT: well under SQLite's bound-parameter limit. */
const CHUNK = 500

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Storage of the append-only log and its projection. Writes happen only in
 * `writeBatch`, one transaction per batch of decided commands; reads go
 * through the same queued connection and so always see committed data.
 */
export class EventLog implements ServerLog {
  readonly kind = 'sqlite'

  constructor(
    readonly db: SqliteDatabase,
    private readonly orm: ServerDb,
  ) {}

  async getMeta(key: string): Promise<string | null> {
    const row = await this.orm.select().from(schema.meta).where(eq(schema.meta.key, key)).get()
    return row?.value ?? null
  }

  async setMeta(key: string, value: string, exec?: SqlExecutor): Promise<void> {
    const orm = exec ? drizzleOver(exec, schema) : this.orm
    await orm.insert(schema.meta).values({ key, value }).onConflictDoUpdate({ target: schema.meta.key, set: { value } })
  }

  /** The store's identity; created on first open. A new store (or a wiped one) gets a new id. */
  async serverId(): Promise<string> {
    const existing = await this.getMeta('serverId')
    if (existing) return existing
    const id = `srv-${randomUUID()}`
    await this.setMeta('serverId', id)
    return id
  }

  async head(): Promise<LogHead> {
    const row = await this.orm
      .select({ seq: schema.events.seq, hash: schema.events.hash })
      .from(schema.events)
      .orderBy(desc(schema.events.seq))
      .limit(1)
      .get()
    if (row) return row
    // Everything pruned (or nothing yet): the anchor is the head.
    const oldest = await this.oldestSeq()
    return { seq: oldest - 1, hash: (await this.getMeta('anchorHash')) ?? GENESIS_HASH }
  }

  /** Oldest seq still kept (1 when nothing was pruned). */
  async oldestSeq(): Promise<number> {
    return Number((await this.getMeta('oldestSeq')) ?? '1')
  }

  /** Events after `cursor`, at most `limit`, none past `upTo` (each read as its JSON: see EVENT_JSON). */
  async readAfter(cursor: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): Promise<IncidentEvent[]> {
    const rows = await this.db.all(
      `SELECT ${EVENT_JSON} AS e FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
      [cursor, upTo, limit],
    )
    return rows.map((r) => JSON.parse(String(r.e)) as IncidentEvent)
  }

  /**
   * How many events each actor logged per action type since `since` (server time), among the newest
   * `window` events: there is no index on time, so seq bounds the scan.
   */
  async activitySince(since: number, window = 50_000): Promise<{ actorId: string; type: string; n: number }[]> {
    const rows = await this.db.all(
      `SELECT actor_id, type, count(*) AS n FROM (SELECT actor_id, type, server_time FROM events ORDER BY seq DESC LIMIT ?)
       WHERE server_time >= ? GROUP BY actor_id, type`,
      [window, since],
    )
    return rows.map((r) => ({ actorId: String(r.actor_id), type: String(r.type), n: Number(r.n) }))
  }

  async eventsOf(incidentId: string): Promise<IncidentEvent[]> {
    const rows = await this.orm
      .select()
      .from(schema.events)
      .where(eq(schema.events.incidentId, incidentId))
      .orderBy(asc(schema.events.seq))
      .all()
    return rows.map(eventFromRow)
  }

  async loadIncidents(): Promise<Incident[]> {
    const rows = await this.orm.select({ data: schema.incidents.data }).from(schema.incidents).all()
    return rows.map(incidentFromRow)
  }

  /** The replies already decided for these (actor, command id) pairs, keyed by `commandKey`. */
  async findCommands(keys: readonly CommandKey[]): Promise<Map<string, CommandReply>> {
    const found = new Map<string, CommandReply>()
    // One lookup per actor, on the (actor_id, command_id) key: a batch has few actors.
    const byActor = new Map<string, string[]>()
    for (const k of keys) {
      const ids = byActor.get(k.actorId)
      if (ids) ids.push(k.commandId)
      else byActor.set(k.actorId, [k.commandId])
    }
    for (const [actorId, ids] of byActor) {
      for (const part of chunks(ids)) {
        const rows = await this.orm
          .select({ commandId: schema.commands.commandId, reply: schema.commands.reply })
          .from(schema.commands)
          .where(and(eq(schema.commands.actorId, actorId), inArray(schema.commands.commandId, part)))
          .all()
        for (const r of rows)
          found.set(commandKey({ actorId, commandId: r.commandId }), JSON.parse(r.reply) as CommandReply)
      }
    }
    return found
  }

  /** Appends events, upserts the incidents they changed and records command replies, in one transaction. */
  async writeBatch(
    rows: readonly EventRow[],
    changed: readonly Incident[],
    decided: readonly CommandRecord[],
  ): Promise<void> {
    // Stryker disable next-line ConditionalExpression: an empty batch would only be an empty transaction
    if (rows.length === 0 && decided.length === 0) return
    await this.db.transaction(async (tx) => {
      const orm = drizzleOver(tx, schema)
      for (const part of chunks(rows)) await orm.insert(schema.events).values(part)
      const last = rows[rows.length - 1]
      // The head record moves with the log in the same transaction: a log later cut short disagrees with it.
      if (last) await this.setMeta(HEAD_KEY, JSON.stringify({ seq: last.seq, hash: last.hash }), tx)
      for (const part of chunks(changed.map(incidentToRow))) {
        await orm
          .insert(schema.incidents)
          .values(part)
          .onConflictDoUpdate({
            target: schema.incidents.id,
            set: {
              status: sql`excluded.status`,
              updatedAt: sql`excluded.updated_at`,
              lastSeq: sql`excluded.last_seq`,
              data: sql`excluded.data`,
            },
          })
      }
      for (const part of chunks(decided)) {
        await orm
          .insert(schema.commands)
          .values(
            part.map((d) => ({
              commandId: d.commandId,
              actorId: d.actorId,
              seq: d.reply.status === 'applied' ? d.reply.seq : null,
              reply: JSON.stringify(d.reply),
              decidedAt: d.decidedAt,
            })),
          )
          .onConflictDoNothing()
      }
    })
  }

  /**
   * One process owns a SQLite store, so a turn needs no lock: the head is this store's, the
   * lookups are ordinary reads, and the write is writeBatch's one transaction.
   */
  async writeTurn<T>(turn: (w: TurnWriter) => Promise<T>): Promise<T> {
    const head = await this.head()
    return turn({
      head,
      readAfter: (cursor, limit) => this.readAfter(cursor, limit),
      findCommands: (keys) => this.findCommands(keys),
      write: (rows, changed, decided) => this.writeBatch(rows, changed, decided),
    })
  }

  async rowsBetween(from: number, to: number, limit: number): Promise<EventRow[]> {
    return this.orm
      .select()
      .from(schema.events)
      .where(and(gte(schema.events.seq, from), lte(schema.events.seq, to)))
      .orderBy(asc(schema.events.seq))
      .limit(limit)
      .all()
  }

  verify(): Promise<VerifyResult> {
    return this.db.snapshot((tx) => verifyChain(tx))
  }

  /**
   * Drops events before `beforeSeq` (retention). The hash of the last dropped
   * event is kept as the anchor so the remaining chain still verifies.
   */
  async pruneBefore(beforeSeq: number): Promise<void> {
    const oldest = await this.oldestSeq()
    if (beforeSeq <= oldest) return
    const last = await this.orm
      .select({ hash: schema.events.hash })
      .from(schema.events)
      .where(eq(schema.events.seq, beforeSeq - 1))
      .get()
    if (!last) throw new Error(`cannot prune before ${beforeSeq}: event ${beforeSeq - 1} is not in the log`)
    await this.db.transaction(async (tx) => {
      const orm = drizzleOver(tx, schema)
      await orm.delete(schema.events).where(lt(schema.events.seq, beforeSeq))
      await this.setMeta('oldestSeq', String(beforeSeq), tx)
      await this.setMeta('anchorHash', last.hash, tx)
    })
  }

  async getLayout(actorId: string): Promise<{ layout: unknown; updatedAt: number } | null> {
    const row = await this.orm.select().from(schema.layouts).where(eq(schema.layouts.actorId, actorId)).get()
    return row ? layoutFromRow(row) : null
  }

  async saveLayout(actorId: string, layoutJson: string, updatedAt: number): Promise<void> {
    await this.orm
      .insert(schema.layouts)
      .values({ actorId, layout: layoutJson, updatedAt })
      .onConflictDoUpdate({ target: schema.layouts.actorId, set: { layout: layoutJson, updatedAt } })
  }
}
