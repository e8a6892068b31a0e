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
import { commandKey, type CommandRecord, type LogHead, type ServerLog, type TurnWriter } from '../store/server-log'
import { canonicalJson, eventHash } from '../log/hash'
import type { EventRow } from '../log/rows'
import { incidentCode } from './incident-codes'

export interface Submission {
  readonly command: Command
  readonly principal: Principal
  readonly workstationId: string | null
  /** Server time to record instead of the clock: only the history seeder uses it (in order). */
  readonly at?: number
  /** From the simulator: its deadlines follow compressed district time (DecideContext.freeDeadlines). */
  readonly simulated?: boolean
}

interface Pending {
  readonly sub: Submission
  readonly resolve: (reply: CommandReply) => void
}

/** Commands decided and written per transaction. */
const MAX_BATCH = 1000
/** Events read per page when catching up with other nodes' commits. */
const FOLLOW_PAGE = 2000

function parseCounter(code: string): number {
  const n = Number(code.slice(code.lastIndexOf('-') + 1))
  return Number.isFinite(n) ? n : 0
}

export type CommitListener = (events: readonly IncidentEvent[]) => void

/**
 * This node's writer. Commands queue here; each turn takes what has queued,
 * decides every command against the in-memory projection, appends the events
 * with their hash chain, and writes events, incidents and command replies in
 * one transaction. Replies go out and listeners hear the events only after the
 * commit, so nothing acknowledged or broadcast can be lost by a crash.
 *
 * Several nodes may share one store (PostgreSQL): a turn holds the store's
 * writer lock, first applies whatever other nodes committed since this node's
 * head (so it decides on the latest state, and the chain continues from the
 * store's head), and `follow` pulls other nodes' commits between turns. Either
 * way listeners hear every event exactly once, in seq order, with no gaps.
 */
export class CommandProcessor {
  private readonly queue: Pending[] = []
  private running: Promise<void> | null = null
  /** Turns and follows run one at a time: both move the head. */
  private exclusive: Promise<unknown> = Promise.resolve()
  private closed = false
  private headState: LogHead
  private lastTime = 0
  private readonly listeners: CommitListener[] = []
  /** Case code → incident id (codes are what citizens and Open311 quote). */
  private readonly codes = new Map<string, string>()

  constructor(
    private readonly log: ServerLog,
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
    await this.exclusive
  }

  /**
   * Applies what other nodes committed after this node's head, in seq order, and tells the
   * listeners. Called when the store says a range was committed; reading by seq from the store
   * (not trusting the notice's order) is what keeps the stream gap-free.
   */
  follow(): Promise<void> {
    return this.serially(async () => {
      for (;;) {
        const events = await this.log.readAfter(this.headState.seq, FOLLOW_PAGE)
        if (this.adopt(events) < FOLLOW_PAGE) return
      }
    })
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work)
    this.exclusive = run.catch(() => undefined)
    return run
  }

  /** Applies committed events that continue this node's head; returns how many it applied. */
  private adopt(events: readonly IncidentEvent[]): number {
    const applied: IncidentEvent[] = []
    for (const e of events) {
      if (e.seq <= this.headState.seq) continue
      // A gap means the range is not all visible yet: stop, the next read resumes here.
      if (e.seq !== this.headState.seq + 1) break
      const next = applyEvent(this.incidents.get(e.incidentId) ?? null, e)
      this.incidents.set(next.id, next)
      this.codes.set(next.code, next.id)
      this.codeCounter = Math.max(this.codeCounter, parseCounter(next.code))
      this.lastTime = Math.max(this.lastTime, e.serverTime)
      this.headState = { seq: e.seq, hash: e.hash }
      applied.push(e)
    }
    if (applied.length > 0) for (const l of this.listeners) l(applied)
    return applied.length
  }

  /** Brings this node up to the store's head inside a turn (the writer lock is held: nothing moves it). */
  private async catchUp(w: TurnWriter): Promise<void> {
    while (this.headState.seq < w.head.seq) {
      const events = await w.readAfter(this.headState.seq, FOLLOW_PAGE)
      if (this.adopt(events.filter((e) => e.seq <= w.head.seq)) === 0)
        throw new Error(`the log does not continue from seq ${this.headState.seq} to the store's head ${w.head.seq}`)
    }
    if (this.headState.seq !== w.head.seq || this.headState.hash !== w.head.hash)
      throw new Error(`this node's head ${this.headState.seq} is not the store's (${w.head.seq})`)
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH)
        await this.serially(() => this.turn(batch))
      }
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
    const replies: CommandReply[] = []
    const events: IncidentEvent[] = []
    // This turn's new states: the projection itself changes only once they are written, so whoever
    // reads it meanwhile (a reset snapshot, the simulator, the hub) sees the committed head's state.
    const staged = new Map<string, Incident>()
    const duplicates = new Set<number>()
    let startCounter = this.codeCounter
    let decidedHead: LogHead = this.headState
    try {
      await this.log.writeTurn(async (w) => {
        await this.catchUp(w)
        startCounter = this.codeCounter
        const known = await w.findCommands(
          batch.map((p) => ({ actorId: p.sub.principal.actorId, commandId: p.sub.command.commandId })),
        )
        const rows: EventRow[] = []
        const decided = new Map<string, CommandRecord>()
        const view = (id: string): Incident | null => staged.get(id) ?? this.incidents.get(id) ?? null
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
            freeDeadlines: sub.simulated === true,
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
        decidedHead = { seq, hash }
        await w.write(rows, [...staged.values()], [...decided.values()])
      })
    } catch (err) {
      // Nothing of this turn was written (and the projection never changed): tell every sender to retry.
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
    this.headState = decidedHead
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
