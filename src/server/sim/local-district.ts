import {
  applyEvent,
  decide,
  isOpen,
  referenceLookup,
  type Incident,
  type IncidentEvent,
  type ReferenceLookup,
  type RejectionCode,
} from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { Submission } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import type { SimTarget } from './simulator'

/**
 * The district's cases in memory, changed only by the domain's own decide and
 * applyEvent: what the server would store, without a store. History and
 * calibration runs fold their commands here; tests point the live simulator
 * at it.
 */
export class LocalDistrict implements SimTarget {
  private readonly cases = new Map<string, Incident>()
  private readonly assignees: ReadonlySet<string>
  private seq = 0
  private lastTime = 0
  /** Commands the domain refused, and the last refusal. */
  refused = 0
  private refusal: { code: RejectionCode; message: string } | null = null
  // One context for every decision (no closures per step); `now` is set per command.
  private readonly ctx: {
    now: number
    nextCode: () => string
    assigneeExists: (kind: string, id: string) => boolean
    lookup: (id: string) => Incident | null
    reference: ReferenceLookup
    freeDeadlines: boolean
  }

  constructor(
    ref: GeneratedReference,
    /** Keep finished cases (history, tests) or forget them (long calibration runs). */
    private readonly keepFinished = true,
  ) {
    this.assignees = new Set([
      ...ref.data.departments.map((d) => `department/${d.id}`),
      ...ref.data.teams.map((t) => `team/${t.id}`),
    ])
    this.ctx = {
      now: 0,
      nextCode: () => `L-${this.seq + 1}`,
      assigneeExists: (kind, id) => this.assignees.has(`${kind}/${id}`),
      lookup: (id) => this.cases.get(id) ?? null,
      // The same places and handlers the server checks, so what is folded here is what it would store.
      reference: referenceLookup(ref.data, ref.components),
      freeDeadlines: true,
    }
  }

  get(incidentId: string): Incident | null {
    return this.cases.get(incidentId) ?? null
  }

  all(): IterableIterator<Incident> {
    return this.cases.values()
  }

  /** Decides and folds one command at its time (`at`, or the latest time seen); null when refused. */
  apply(sub: Submission): Incident | null {
    const at = Math.max(this.lastTime, sub.at ?? this.lastTime)
    this.lastTime = at
    const current = this.cases.get(sub.command.incidentId) ?? null
    this.ctx.now = at
    const result = decide(current, sub.command, sub.principal, this.ctx)
    if (!result.ok) {
      this.refused++
      this.refusal = { code: result.code, message: result.message }
      return null
    }
    const { decision } = result
    const event = {
      type: decision.type,
      payload: decision.payload,
      version: decision.version,
      incidentId: sub.command.incidentId,
      seq: ++this.seq,
      actorId: sub.principal.actorId,
      serverTime: at,
    } as unknown as IncidentEvent
    const next = applyEvent(current, event)
    if (this.keepFinished || isOpen(next)) this.cases.set(next.id, next)
    else this.cases.delete(next.id)
    return next
  }

  submit(sub: Submission): Promise<CommandReply> {
    const before = this.cases.get(sub.command.incidentId) ?? null
    const next = this.apply(sub)
    return Promise.resolve(
      next
        ? { status: 'applied', seq: this.seq, version: next.version, incidentId: next.id }
        : {
            status: 'rejected',
            code: this.refusal?.code ?? 'invalid_transition',
            message: this.refusal?.message ?? 'refused',
            currentVersion: before?.version ?? null,
          },
    )
  }
}
