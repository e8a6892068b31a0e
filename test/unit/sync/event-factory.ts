import { applyEvent, decide, type Command, type Incident, type IncidentEvent, type Principal } from '@shared/domain'

const SYSTEM: Principal = { actorId: 'sys', name: 'system', role: 'system', towns: '*' }
const OPERATOR: Principal = { actorId: 'op-1', name: 'Operator', role: 'operator', towns: '*' }
const DEPT: Principal = {
  actorId: 'dept-1',
  name: 'Dept',
  role: 'department',
  towns: '*',
  unit: { kind: 'department', id: 'fire' },
}

/**
 * A realistic, valid event stream built with the shared domain (the same
 * decide/applyEvent the server uses): reports, then each case walks its lifecycle.
 */
export class EventFactory {
  seq = 0
  private codes = 0
  readonly incidents = new Map<string, Incident>()
  private t: number

  constructor(start = Date.UTC(2026, 5, 1)) {
    this.t = start
  }

  private emit(current: Incident | null, command: Command, who: Principal): IncidentEvent {
    this.t += 1000
    const d = decide(current, command, who, {
      now: this.t,
      nextCode: () => `ZS-${String(++this.codes).padStart(6, '0')}`,
      assigneeExists: () => true,
      lookup: (id) => this.incidents.get(id) ?? null,
      reference: null,
    })
    if (!d.ok) throw new Error(`factory: ${d.code} ${d.message}`)
    const event = {
      seq: ++this.seq,
      incidentId: command.incidentId,
      type: d.decision.type,
      payload: d.decision.payload,
      actorId: who.actorId,
      role: who.role,
      workstationId: null,
      serverTime: this.t,
      issuedAt: command.issuedAt,
      commandId: command.commandId,
      version: d.decision.version,
      prevHash: '',
      hash: '',
    } as IncidentEvent
    this.incidents.set(command.incidentId, applyEvent(current, event))
    return event
  }

  report(
    id: string,
    extra: Partial<{ category: string; lat: number; lng: number; componentId: string | null; mediaUrl: string }> = {},
  ): IncidentEvent {
    return this.emit(
      null,
      {
        commandId: crypto.randomUUID(),
        type: 'report',
        incidentId: id,
        expectedVersion: null,
        issuedAt: this.t,
        payload: {
          title: `Hazard ${id}`,
          description: 'found on patrol',
          category: (extra.category ?? 'fire_safety') as 'fire_safety',
          priority: 'normal',
          source: 'patrol',
          townId: 'town-1',
          gridId: 'grid-1',
          componentId: extra.componentId ?? null,
          lat: extra.lat ?? 22.5,
          lng: extra.lng ?? 113.4,
          address: `No. ${id} Road`,
          ...(extra.mediaUrl ? { mediaUrl: extra.mediaUrl } : {}),
        },
      },
      SYSTEM,
    )
  }

  /** The operator merges `id` into `into` as a duplicate. */
  merge(id: string, into: string): IncidentEvent {
    const cur = this.incidents.get(id)
    if (!cur) throw new Error(`factory: no case ${id}`)
    return this.emit(
      cur,
      {
        commandId: crypto.randomUUID(),
        type: 'merge',
        incidentId: id,
        expectedVersion: cur.version,
        issuedAt: this.t,
        payload: { duplicateOf: into },
      },
      OPERATOR,
    )
  }

  /** The next lifecycle step for a case (or a comment once it is finished). */
  step(id: string): IncidentEvent {
    const cur = this.incidents.get(id)
    if (!cur) return this.report(id)
    const base = { commandId: crypto.randomUUID(), incidentId: id, expectedVersion: cur.version, issuedAt: this.t }
    switch (cur.status) {
      case 'reported':
        return this.emit(cur, { ...base, type: 'accept', payload: {} }, OPERATOR)
      case 'accepted':
        return this.emit(
          cur,
          { ...base, type: 'dispatch', payload: { assignee: { kind: 'department', id: 'fire' } } },
          OPERATOR,
        )
      case 'dispatched':
        return this.emit(cur, { ...base, type: 'acknowledge', payload: {} }, DEPT)
      case 'in_progress':
        return this.emit(cur, { ...base, type: 'resolve', payload: { feedback: 'fixed' } }, DEPT)
      case 'resolved':
        return this.emit(cur, { ...base, type: 'verify', payload: {} }, OPERATOR)
      case 'verified':
        return this.emit(cur, { ...base, type: 'close', payload: {} }, OPERATOR)
      default:
        return this.emit(cur, { ...base, type: 'comment', payload: { text: 'noted' } }, OPERATOR)
    }
  }

  /** `n` events over `cases` incidents (new ones reported first, then steps round-robin). */
  stream(n: number, cases = Math.max(1, Math.floor(n / 7))): IncidentEvent[] {
    const out: IncidentEvent[] = []
    const ids = Array.from({ length: cases }, (_, i) => `inc-${this.seq}-${i}`)
    for (let i = 0; out.length < n; i++) out.push(this.step(ids[i % ids.length]!))
    return out
  }
}
