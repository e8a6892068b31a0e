import { describe, expect, it } from 'vitest'
import type { Command, Principal } from '@shared/domain'
import type { OutboxEntry } from '../../../src/main/core/sync/outbox'
import { overlayIncident } from '../../../src/main/core/sync/overlay'
import { EventFactory } from './event-factory'

const OP: Principal = { actorId: 'op-1', name: 'Op', role: 'operator', towns: '*' }
const ctx = { now: Date.now(), assigneeExists: () => true, lookup: () => null, reference: null, workstationId: 'ws-1' }

function entry(command: Omit<Command, 'commandId' | 'issuedAt'>, ackedSeq: number | null = null): OutboxEntry {
  return {
    seq: 1,
    command: { ...command, commandId: crypto.randomUUID(), issuedAt: Date.UTC(2026, 5, 2) } as Command,
    principal: OP,
    attempts: 0,
    lastError: null,
    nextAttemptAt: 0,
    ackedSeq,
  }
}

describe('overlayIncident', () => {
  it('folds queued commands the way the server will', () => {
    const f = new EventFactory()
    f.report('a')
    const base = f.incidents.get('a')!
    const o = overlayIncident(
      base,
      [
        entry({ type: 'accept', incidentId: 'a', expectedVersion: 1, payload: {} }),
        entry({
          type: 'dispatch',
          incidentId: 'a',
          expectedVersion: 2,
          payload: { assignee: { kind: 'team', id: 't1' } },
        }),
      ],
      ctx,
    )
    expect(o.pending).toEqual(['accept', 'dispatch'])
    expect(o.incident?.status).toBe('dispatched')
    expect(o.incident?.version).toBe(3)
    expect(o.incident?.assigneeId).toBe('t1')
    expect(o.incident?.deadline).toBeGreaterThan(Date.UTC(2026, 5, 2))
  })

  it('shows a locally reported case before the server has it', () => {
    const o = overlayIncident(
      null,
      [
        entry({
          type: 'report',
          incidentId: 'new-1',
          expectedVersion: null,
          payload: {
            title: 'Lamp out',
            description: '',
            category: 'city_components',
            priority: 'low',
            source: 'patrol',
            townId: 't',
            gridId: 'g',
            componentId: null,
            lat: 22.5,
            lng: 113.4,
            address: 'x',
          },
        }),
      ],
      ctx,
    )
    expect(o.incident?.status).toBe('reported')
    expect(o.pending).toEqual(['report'])
  })

  it('leaves the row alone for a command the domain refuses, and skips accepted ones already cached', () => {
    const f = new EventFactory()
    f.report('a')
    const base = f.incidents.get('a')!
    const refused = overlayIncident(
      base,
      [entry({ type: 'close', incidentId: 'a', expectedVersion: 1, payload: {} })],
      ctx,
    )
    expect(refused.incident).toEqual(base)
    expect(refused.pending).toEqual(['close'])
    const cached = overlayIncident(
      base,
      [entry({ type: 'accept', incidentId: 'a', expectedVersion: 0, payload: {} }, base.lastSeq)],
      ctx,
    )
    expect(cached.incident).toEqual(base)
    expect(cached.pending).toEqual([])
  })
})
