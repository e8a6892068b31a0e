import {
  applyEvent,
  decide,
  type Command,
  type DecideContext,
  type Incident,
  type IncidentEvent,
  type Principal,
  type ReferenceLookup,
} from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import { commandKey, type CommandRecord, type EventLog, type LogHead } from '../log/event-log'
import { canonicalJson, eventHash } from '../log/hash'
import type { EventRow } from '../log/rows'
import { incidentCode } from './incident-codes'

export interface Submission {
  readonly command: Command
  readonly principal: Principal
  readonly workstationId: string | null
  /** Server time to record instead of the clock: only the history seeder uses it (in order). */
  readonly at?: number
}

interface Pending {
  readonly sub: Submission
  readonly resolve: (reply: CommandReply) => void
}

/** Commands decided and written per transaction. */
const MAX_BATCH = 1000

export type CommitListener = (events: readonly IncidentEvent[]) => void

/**
 * The single writer. Commands queue here; each turn takes what has queued,
 * decides every command against the in-memory projection, appends the events
 * with their hash chain, and writes events, incidents and command replies in
 * one transaction. Replies go out and listeners hear the events only after the
 * commit, so nothing acknowledged or broadcast can be lost by a crash.
 */
export class CommandProcessor {
  private readonly queue: Pending[] = []
  private running: Promise<void> | null = null
  private closed = false
  private headState: LogHead
  private lastTime = 0
  private readonly listeners: CommitListener[] = []
  /** Case code → incident id (codes are what citizens and Open311 quote). */
  private readonly codes = new Map<string, string>()

  constructor(
    private readonly log: EventLog,
    private readonly incidents: Map<string, Incident>,
    head: LogHead,
    private codeCounter: number,
    private readonly assigneeExists: DecideContext['assigneeExists'],
    private readonly reference: ReferenceLookup,
    private readonly clock: () => number = Date.now,
  ) {
    this.headState = head
    for (const i of incidents.values()) this.codes.set(i.code, i.id)
  }

  byCode(code: string): Incident | null {
    const id = this.codes.get(code)
    return id ? (this.incidents.get(id) ?? null) : null
  }

  /** Newest committed seq and hash. */
  get head(): LogHead {
    return this.headState
  }

  get(incidentId: string): Incident | null {
    return this.incidents.get(incidentId) ?? null
  }

  all(): IterableIterator<Incident> {
    return this.incidents.values()
  }

  get incidentCount(): number {
    return this.incidents.size
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  submit(sub: Submission): Promise<CommandReply> {
    if (this.closed) return Promise.resolve(unavailable('server is shutting down'))
    return new Promise((resolve) => {
      this.queue.push({ sub, resolve })
      if (!this.running) this.running = this.drain()
    })
  }

  submitMany(subs: readonly Submission[]): Promise<CommandReply[]> {
    return Promise.all(subs.map((s) => this.submit(s)))
  }

  /** Waits for queued commands to be written, then refuses new ones. */
  async close(): Promise<void> {
    this.closed = true
    while (this.running) await this.running
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.turn(this.queue.splice(0, MAX_BATCH))
    } finally {
      this.running = null
    }
  }

  private now(at: number | undefined): number {
    // The log's times never go backwards, whatever the wall clock does.
    this.lastTime = Math.max(this.lastTime, at ?? this.clock())
    return this.lastTime
  }

  private async turn(batch: Pending[]): Promise<void> {
    let known: Map<string, CommandReply>
    try {
      known = await this.log.findCommands(
        batch.map((p) => ({ actorId: p.sub.principal.actorId, commandId: p.sub.command.commandId })),
      )
    } catch (err) {
      for (const p of batch) p.resolve(unavailable(String(err)))
      return
    }
    const replies: CommandReply[] = []
    const rows: EventRow[] = []
    const events: IncidentEvent[] = []
    // This turn's new states: the projection itself changes only once they are written, so whoever
    // reads it meanwhile (a reset snapshot, the simulator, the hub) sees the committed head's state.
    const staged = new Map<string, Incident>()
    const view = (id: string): Incident | null => staged.get(id) ?? this.incidents.get(id) ?? null
    const decided = new Map<string, CommandRecord>()
    const startCounter = this.codeCounter
    const duplicates = new Set<number>()
    let { seq, hash } = this.headState

    for (const { sub } of batch) {
      const { command, principal } = sub
      // Deduplication is per principal: another's command id neither finds their reply nor is dropped.
      const key = commandKey({ actorId: principal.actorId, commandId: command.commandId })
      const prior = known.get(key) ?? decided.get(key)?.reply
      if (prior) {
        if (known.has(key)) duplicates.add(replies.length)
        replies.push(asDuplicate(prior))
        continue
      }
      const now = this.now(sub.at)
      const current = view(command.incidentId)
      const result = decide(current, command, principal, {
        now,
        nextCode: () => incidentCode(now, ++this.codeCounter),
        assigneeExists: this.assigneeExists,
        lookup: view,
        reference: this.reference,
      })
      let reply: CommandReply
      if (!result.ok) {
        reply = {
          status: 'rejected',
          code: result.code,
          message: result.message,
          currentVersion: result.currentVersion,
        }
      } else {
        const payloadJson = canonicalJson(result.decision.payload)
        const fields = {
          seq: seq + 1,
          incidentId: command.incidentId,
          type: result.decision.type,
          actorId: principal.actorId,
          role: principal.role,
          workstationId: sub.workstationId,
          serverTime: now,
          issuedAt: command.issuedAt,
          commandId: command.commandId,
          version: result.decision.version,
          prevHash: hash,
        }
        const eventHashValue = eventHash(fields, payloadJson)
        const event = { ...fields, payload: result.decision.payload, hash: eventHashValue } as IncidentEvent
        const next = applyEvent(current, event)
        staged.set(command.incidentId, next)
        seq = fields.seq
        hash = eventHashValue
        rows.push({ ...fields, payload: payloadJson, hash: eventHashValue })
        events.push(event)
        reply = { status: 'applied', seq, version: next.version, incidentId: next.id }
      }
      decided.set(key, {
        commandId: command.commandId,
        actorId: principal.actorId,
        reply,
        decidedAt: now,
      })
      replies.push(reply)
    }

    try {
      await this.log.writeBatch(rows, [...staged.values()], [...decided.values()])
    } catch (err) {
      // Nothing was written (and the projection never changed): tell every sender to retry.
      this.codeCounter = startCounter
      batch.forEach((p, i) => {
        const r = replies[i]
        p.resolve(r && duplicates.has(i) ? r : unavailable(`store write failed: ${String(err)}`))
      })
      return
    }
    for (const next of staged.values()) {
      this.incidents.set(next.id, next)
      this.codes.set(next.code, next.id)
    }
    this.headState = { seq, hash }
    // Stryker disable next-line StringLiteral: every command of a batch has its reply; the fallback is for the type checker
    batch.forEach((p, i) => p.resolve(replies[i] ?? unavailable('no reply')))
    if (events.length > 0) for (const l of this.listeners) l(events)
  }
}

function asDuplicate(prior: CommandReply): CommandReply {
  return prior.status === 'applied' ? { ...prior, status: 'duplicate' } : prior
}

function unavailable(message: string): CommandReply {
  return { status: 'rejected', code: 'unavailable', message, currentVersion: null }
}
