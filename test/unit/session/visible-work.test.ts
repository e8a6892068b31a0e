import { describe, expect, it } from 'vitest'
import type { Conflict } from '@shared/contract'
import type { Principal } from '@shared/domain'
import { covers, samePrincipal } from '../../../src/main/core/session/cache-scope'
import { visibleConflicts, visibleEntries } from '../../../src/main/core/session/visible-work'
import type { OutboxEntry } from '../../../src/main/core/sync/outbox'

const CITY: Principal = { actorId: 'op-city', name: '市', role: 'operator', towns: '*' }
const HENGLAN: Principal = { actorId: 'op-hl', name: '横栏', role: 'operator', towns: ['henglan'] }

function entry(type: string, incidentId: string, townId?: string): OutboxEntry {
  return {
    seq: 1,
    command: {
      commandId: `c-${incidentId}-${type}`,
      type,
      incidentId,
      expectedVersion: null,
      payload: townId ? { townId } : {},
      issuedAt: 0,
    },
    principal: CITY,
    attempts: 0,
    lastError: null,
    nextAttemptAt: 0,
    ackedSeq: null,
  } as unknown as OutboxEntry
}

describe('what a reader may see of a predecessor’s work', () => {
  it('compares town scopes: the whole city covers every town list, a list covers its own subsets only', () => {
    expect(covers('*', ['henglan'])).toBe(true)
    expect(covers(['henglan'], '*')).toBe(false)
    expect(covers(['henglan', 'xiaolan'], ['xiaolan'])).toBe(true)
    expect(covers(['henglan'], ['henglan', 'xiaolan'])).toBe(false)
  })

  it('tells the same principal by its fields, not by key order', () => {
    expect(samePrincipal(HENGLAN, { towns: ['henglan'], role: 'operator', name: '横栏', actorId: 'op-hl' })).toBe(true)
    expect(samePrincipal(HENGLAN, { ...HENGLAN, towns: ['henglan', 'xiaolan'] })).toBe(false)
    expect(samePrincipal(CITY, { ...CITY, role: 'supervisor' })).toBe(false)
    expect(samePrincipal(null, null)).toBe(true)
  })

  it('shows queued work on cached cases and new reports in the reader’s towns, and hides the rest', () => {
    const entries = [
      entry('comment', 'hl-1'),
      entry('comment', 'xl-1'),
      entry('report', 'xl-new', 'xiaolan'),
      entry('accept', 'xl-new'),
      entry('report', 'hl-new', 'henglan'),
      entry('accept', 'hl-new'),
    ]
    const cached = new Set(['hl-1'])
    expect(visibleEntries(entries, HENGLAN, cached).map((e) => e.command.incidentId)).toEqual([
      'hl-1',
      'hl-new',
      'hl-new',
    ])
    expect(visibleEntries(entries, CITY, cached)).toHaveLength(6)
    expect(visibleEntries(entries, null, cached)).toHaveLength(6)
  })

  it('shows conflicts about cached cases or reports in scope only', () => {
    const conflict = (incidentCode: string | null, type: string, townId?: string) =>
      ({ id: `${type}-${townId}`, incidentCode, type, payload: townId ? { townId } : {} }) as unknown as Conflict
    const list = [
      conflict('ZS-1', 'accept'),
      conflict(null, 'report', 'xiaolan'),
      conflict(null, 'report', 'henglan'),
      conflict(null, 'accept'),
    ]
    expect(visibleConflicts(list, HENGLAN).map((c) => c.id)).toEqual(['accept-undefined', 'report-henglan'])
    expect(visibleConflicts(list, CITY)).toHaveLength(4)
  })
})
