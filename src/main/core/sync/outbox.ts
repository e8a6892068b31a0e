import { randomUUID } from 'node:crypto'
import type { SqlExecutor, SqliteDatabase } from '@infra/sqlite'
import type { Conflict, PendingCommand } from '@shared/contract'
import { ContractError } from '@shared/contract'
import { ACTION_TYPES, commandPayloadSchemas, type ActionType, type Command, type Principal } from '@shared/domain'
import { TRANSIENT_CODES, type CommandReply } from '@shared/protocol'
import { backoffMs } from './backoff'
import { parsePrincipal } from './sync-state'

/** One row of the outbox, parsed. */
export interface OutboxEntry {
  readonly seq: number
  readonly command: Command
  readonly principal: Principal | null
  readonly attempts: number
  readonly lastError: string | null
  readonly nextAttemptAt: number
  /** Accepted by the server at this seq, not yet in the cache (still overlaid). */
  readonly ackedSeq: number | null
}

export interface NewCommand {
  readonly type: ActionType
  readonly incidentId: string
  readonly expectedVersion: number | null
  readonly payload: Record<string, unknown>
}

/**
 * Rejections that say "later", not "no" (the protocol's TRANSIENT_CODES: rate_limited, unavailable):
 * the command stays at the head and is resent with backoff.
 */
const TRANSIENT_REJECTIONS: ReadonlySet<string> = new Set(TRANSIENT_CODES)

function isAction(type: string): type is ActionType {
  return (ACTION_TYPES as readonly string[]).includes(type)
}

function entryFromRow(r: Record<string, unknown>): OutboxEntry {
  const type = String(r.type)
  const principal = parsePrincipal(r.principal)
  return {
    seq: Number(r.seq),
    command: {
      commandId: String(r.command_id),
      type: (isAction(type) ? type : 'comment') as 'comment',
      incidentId: String(r.incident_id),
      expectedVersion: r.expected_version == null ? null : Number(r.expected_version),
      payload: JSON.parse(String(r.payload)) as Command['payload'] as { text: string },
      issuedAt: Number(r.issued_at),
    },
    principal,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    nextAttemptAt: Number(r.next_attempt_at),
    ackedSeq: r.acked_seq == null ? null : Number(r.acked_seq),
  }
}

function conflictFromRow(r: Record<string, unknown>): Conflict {
  return {
    id: String(r.id),
    commandId: String(r.command_id),
    type: String(r.type) as ActionType,
    incidentId: String(r.incident_id),
    incidentCode: (r.incident_code as string | null) ?? null,
    payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    code: String(r.code),
    message: String(r.message),
    currentVersion: r.current_version == null ? null : Number(r.current_version),
    issuedAt: Number(r.issued_at),
    rejectedAt: Number(r.rejected_at),
  }
}

async function audit(
  tx: SqlExecutor,
  action: string,
  commandId: string | null,
  incidentId: string | null,
  actorId: string | null,
  detail: unknown,
): Promise<void> {
  await tx.run(
    'INSERT INTO action_audit (at, action, command_id, incident_id, actor_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
    [Date.now(), action, commandId, incidentId, actorId, detail === undefined ? null : JSON.stringify(detail)],
  )
}

/**
 * The durable queue of operator actions. Every action is written here first (one
 * transaction with its audit record) and only then shown or sent; the sender
 * works through it in `seq` order. Rows leave it when the cache holds the
 * accepted event, or when a rejection turns them into a conflict.
 */
/** Queued commands (all, or those for some incidents), in issue order; any connection may read them. */
export async function outboxEntries(exec: SqlExecutor, incidentIds?: readonly string[]): Promise<OutboxEntry[]> {
  if (incidentIds && incidentIds.length === 0) return []
  const rows = incidentIds
    ? await exec.all(
        `SELECT * FROM outbox WHERE incident_id IN (${incidentIds.map(() => '?').join(',')}) ORDER BY seq`,
        incidentIds,
      )
    : await exec.all('SELECT * FROM outbox ORDER BY seq')
  return rows.map(entryFromRow)
}

export class Outbox {
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates and durably queues one action; returns its command id. */
  async submit(cmd: NewCommand, principal: Principal | null, note = 'submit'): Promise<Command> {
    const schema = commandPayloadSchemas[cmd.type]
    const parsed = schema.safeParse(cmd.payload)
    if (!parsed.success) {
      throw new ContractError(
        'invalid_args',
        `invalid ${cmd.type} payload`,
        parsed.error.issues.map((i) => ({ path: `payload.${i.path.join('.')}`, message: i.message })),
      )
    }
    // A report names no version (the case is new); other actions should, so the server can detect conflicts.
    if (cmd.type === 'report' && cmd.expectedVersion !== null)
      throw new ContractError('invalid_args', 'a report has no expected version')
    if (principal?.role === 'wall') throw new ContractError('forbidden', 'wall displays are read-only')
    const command = {
      commandId: randomUUID(),
      type: cmd.type,
      incidentId: cmd.incidentId,
      expectedVersion: cmd.expectedVersion,
      payload: parsed.data,
      issuedAt: this.now(),
    } as Command
    await this.sqlite.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO outbox (command_id, type, incident_id, expected_version, payload, issued_at, principal, attempts, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)`,
        [
          command.commandId,
          command.type,
          command.incidentId,
          command.expectedVersion,
          JSON.stringify(command.payload),
          command.issuedAt,
          principal ? JSON.stringify(principal) : null,
        ],
      )
      await audit(tx, note, command.commandId, command.incidentId, principal?.actorId ?? null, { type: command.type })
    })
    return command
  }

  /** The next command to send (oldest not yet accepted), if any. */
  async head(): Promise<OutboxEntry | null> {
    const row = await this.sqlite.get('SELECT * FROM outbox WHERE acked_seq IS NULL ORDER BY seq LIMIT 1')
    return row ? entryFromRow(row) : null
  }

  /** Entries still overlaid (pending and accepted-but-not-yet-cached), oldest first; optionally for some incidents. */
  entries(incidentIds?: readonly string[]): Promise<OutboxEntry[]> {
    return outboxEntries(this.sqlite, incidentIds)
  }

  async pending(): Promise<PendingCommand[]> {
    const rows = await this.sqlite.all('SELECT * FROM outbox WHERE acked_seq IS NULL ORDER BY seq')
    return rows.map(entryFromRow).map(toPending)
  }

  async pendingCount(): Promise<number> {
    return Number((await this.sqlite.get('SELECT count(*) AS n FROM outbox WHERE acked_seq IS NULL'))?.n ?? 0)
  }

  async conflictCount(): Promise<number> {
    return Number((await this.sqlite.get('SELECT count(*) AS n FROM conflicts WHERE dismissed_at IS NULL'))?.n ?? 0)
  }

  /**
   * Records the server's answer. Returns 'retry' for a transient refusal (the
   * command stays at the head, with backoff), otherwise 'done'.
   */
  async settle(entry: OutboxEntry, reply: CommandReply): Promise<'done' | 'retry' | 'conflict'> {
    const { command } = entry
    if (reply.status === 'applied' || reply.status === 'duplicate') {
      await this.sqlite.transaction(async (tx) => {
        const cursor = Number((await tx.get('SELECT cursor FROM sync_state WHERE id = 1'))?.cursor ?? 0)
        if (reply.seq <= cursor) await tx.run('DELETE FROM outbox WHERE command_id = ?', [command.commandId])
        else
          await tx.run('UPDATE outbox SET acked_seq = ?, last_error = NULL WHERE command_id = ?', [
            reply.seq,
            command.commandId,
          ])
        await audit(tx, reply.status, command.commandId, command.incidentId, entry.principal?.actorId ?? null, {
          seq: reply.seq,
        })
      })
      return 'done'
    }
    const rejection = reply as Extract<CommandReply, { status: 'rejected' }>
    if (TRANSIENT_REJECTIONS.has(rejection.code)) {
      await this.retryLater(entry, `${rejection.code}: ${rejection.message}`)
      return 'retry'
    }
    await this.sqlite.transaction(async (tx) => {
      await tx.run(
        `INSERT OR IGNORE INTO conflicts (id, command_id, type, incident_id, payload, code, message, current_version, issued_at, rejected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          command.commandId,
          command.commandId,
          command.type,
          command.incidentId,
          JSON.stringify(command.payload),
          rejection.code,
          rejection.message,
          rejection.currentVersion,
          command.issuedAt,
          this.now(),
        ],
      )
      await tx.run('DELETE FROM outbox WHERE command_id = ?', [command.commandId])
      await audit(tx, 'rejected', command.commandId, command.incidentId, entry.principal?.actorId ?? null, {
        code: rejection.code,
        message: rejection.message,
      })
    })
    return 'conflict'
  }

  /** A send that failed in transit (timeout, disconnect): count it and wait a little longer each time. */
  async retryLater(entry: OutboxEntry, error: string): Promise<number> {
    const attempts = entry.attempts + 1
    const at = this.now() + backoffMs(attempts)
    await this.sqlite.run('UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE command_id = ?', [
      attempts,
      error.slice(0, 500),
      at,
      entry.command.commandId,
    ])
    return at
  }

  /** Makes every waiting command due now (the link is new; attempts are kept for the record). */
  async resetBackoff(): Promise<void> {
    await this.sqlite.run('UPDATE outbox SET next_attempt_at = 0 WHERE acked_seq IS NULL AND next_attempt_at > 0')
  }

  async conflicts(): Promise<Conflict[]> {
    const rows = await this.sqlite.all(
      `SELECT c.*, i.code AS incident_code FROM conflicts c LEFT JOIN incidents i ON i.id = c.incident_id
       WHERE c.dismissed_at IS NULL ORDER BY c.rejected_at DESC, c.id`,
    )
    return rows.map(conflictFromRow)
  }

  async dismiss(id: string, actorId: string | null): Promise<boolean> {
    return this.sqlite.transaction(async (tx) => {
      const r = await tx.run('UPDATE conflicts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL', [
        this.now(),
        id,
      ])
      if (r.changes > 0) await audit(tx, 'dismiss', id, null, actorId, null)
      return r.changes > 0
    })
  }

  /** Re-issues a rejected action against the incident's current version (cache), as a new command. */
  async redo(id: string, principal: Principal | null): Promise<Command> {
    const row = await this.sqlite.get('SELECT * FROM conflicts WHERE id = ?', [id])
    if (!row) throw new ContractError('not_found', `no conflict ${id}`)
    const c = conflictFromRow(row)
    const inc = await this.sqlite.get('SELECT version FROM incidents WHERE id = ?', [c.incidentId])
    const expectedVersion = c.type === 'report' ? null : inc ? Number(inc.version) : c.currentVersion
    const command = await this.submit(
      { type: c.type, incidentId: c.incidentId, expectedVersion, payload: c.payload },
      principal,
      'redo',
    )
    await this.sqlite.run('UPDATE conflicts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL', [
      this.now(),
      id,
    ])
    return command
  }
}

export function toPending(e: OutboxEntry): PendingCommand {
  return {
    commandId: e.command.commandId,
    type: e.command.type,
    incidentId: e.command.incidentId,
    issuedAt: e.command.issuedAt,
    attempts: e.attempts,
    lastError: e.lastError,
  }
}
