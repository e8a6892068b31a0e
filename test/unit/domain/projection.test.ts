import { describe, expect, it } from 'vitest'
import { applyEvent, assess, type Incident } from '@shared/domain'
import { event, HOUR } from './fixtures'

const report = {
  title: '电动车楼道充电',
  description: '',
  category: 'fire_safety' as const,
  priority: 'normal' as const,
  source: 'patrol' as const,
  townId: 'henglan',
  gridId: 'henglan-m01-s01',
  componentId: null,
  lat: 22.5,
  lng: 113.2,
  address: '',
  code: 'ZS-260101-000001',
}

describe('projection', () => {
  it('folds a whole lifecycle with suspension and rework, timing every step', () => {
    let i: Incident | null = null
    const steps = [
      event('report', 1, 0, report),
      event('accept', 2, 1 * HOUR, {}),
      event('dispatch', 3, 2 * HOUR, { assignee: { kind: 'department', id: 'fire' }, deadline: 50 * HOUR }),
      event('acknowledge', 4, 3 * HOUR, {}),
      event('suspend', 5, 4 * HOUR, { reason: '等待配件' }),
      event('resume', 6, 9 * HOUR, {}),
      event('resolve', 7, 10 * HOUR, { feedback: '已处置' }),
      event('return', 8, 11 * HOUR, { reason: '未整改到位', deadline: 59 * HOUR }),
      event('acknowledge', 9, 12 * HOUR, {}),
      event('resolve', 10, 20 * HOUR, { feedback: '已整改' }),
      event('verify', 11, 21 * HOUR, {}),
      event('escalate', 12, 21.5 * HOUR, { reason: '督办', level: 1 }),
      event('close', 13, 22 * HOUR, {}),
    ]
    const states: Incident[] = []
    for (const e of steps) {
      i = applyEvent(i, e)
      states.push(i)
    }
    expect(states.map((s) => s.status)).toEqual([
      'reported',
      'accepted',
      'dispatched',
      'in_progress',
      'in_progress',
      'in_progress',
      'resolved',
      'dispatched',
      'in_progress',
      'resolved',
      'verified',
      'verified',
      'closed',
    ])
    expect(states[4]).toMatchObject({ suspended: true, suspendedAt: 4 * HOUR })
    expect(states[5]).toMatchObject({ suspended: false, suspendedAt: null, suspendedMs: 5 * HOUR })
    expect(states[7]).toMatchObject({
      reworkCount: 1,
      deadline: 59 * HOUR,
      dispatchedAt: 11 * HOUR,
      resolvedAt: null,
      acknowledgedAt: null,
    })
    expect(i).toMatchObject({
      version: 13,
      closedAt: 22 * HOUR,
      escalationLevel: 1,
      assigneeId: 'fire',
      code: report.code,
      lastSeq: steps.at(-1)?.seq,
    })
    // The assessment facts survive the rework: taken in at 1 h, first dispatched at 2 h with 50 h.
    expect(i).toMatchObject({
      intakeAt: 1 * HOUR,
      firstDispatchedAt: 2 * HOUR,
      firstDeadline: 50 * HOUR,
      creditedSuspendedMs: 5 * HOUR,
      suspensionCredited: false,
    })
    // Closed at 22 h, original deadline 50 h (+5 h suspended before it): on time; handling
    // 22 − 2 − 5 = 15 h from the first dispatch (the rework does not restart the clock).
    expect(assess([i as Incident], 100 * HOUR)).toMatchObject({
      closed: 1,
      closedOnTime: 1,
      meanHandlingMs: 15 * HOUR,
      reworkCount: 1,
    })
  })

  it('refuses events that do not fit', () => {
    const created = applyEvent(null, event('report', 1, 0, report))
    expect(() => applyEvent(created, event('report', 1, 0, report))).toThrow(/already exists/)
    expect(() => applyEvent(created, event('accept', 3, 0, {}))).toThrow(/version 3/)
    expect(() => applyEvent(null, event('accept', 2, 0, {}))).toThrow(/unknown incident/)
  })

  it('keeps a reporter’s photo when there is one', () => {
    expect(applyEvent(null, event('report', 1, 0, { ...report, mediaUrl: 'https://x.org/a.jpg' })).mediaUrl).toBe(
      'https://x.org/a.jpg',
    )
    expect('mediaUrl' in applyEvent(null, event('report', 1, 0, report))).toBe(false)
  })

  it('carries every field it does not change through later events, the photo included', () => {
    const created = applyEvent(null, event('report', 1, 0, { ...report, mediaUrl: 'https://x.org/a.jpg' }))
    const later = applyEvent(created, event('comment', 2, 60_000, { text: '已联系业主' }))
    expect(Object.keys(later)).toEqual(Object.keys(created))
    expect(later).toEqual({ ...created, version: 2, updatedAt: later.updatedAt, lastSeq: later.lastSeq })
    expect(later.mediaUrl).toBe('https://x.org/a.jpg')
  })
})
