import { describe, expect, it } from 'vitest'
import type { IncidentView } from '@shared/contract'
import type { Incident } from '@shared/domain'
import { extraRoutesFor, routesFor } from '../../../src/renderer/src/app/routes'
import { byDeadlineRisk, deadlineRisk } from '../../../src/renderer/src/lib/deadline-risk'
import { buildDeskPayload, EMPTY_DESK_FORM, toLocalInput } from '../../../src/renderer/src/views/department/desk-forms'
import { unitFigures } from '../../../src/renderer/src/views/department/unit-figures'
import { approvalsQueue, riskList } from '../../../src/renderer/src/views/approvals/risk-list'
import { awaitingVerification } from '../../../src/renderer/src/views/verify/verify-queue'
import { baseIncident } from '../../support/incident'

const HOUR = 3_600_000
const NOW = new Date(2026, 10, 20, 12, 0).getTime()
const view = (over: Partial<Incident>): IncidentView => ({ ...baseIncident(over), pending: [] })
const handling = (over: Partial<Incident>) =>
  view({ status: 'in_progress', assigneeKind: 'department', assigneeId: 'fire', dispatchedAt: NOW - 8 * HOUR, ...over })

describe('the screen set follows the role', () => {
  it('gives each role its own desk first, and the command room only to operators and supervisors', () => {
    expect(routesFor('department')).toEqual(['desk', 'settings'])
    expect(routesFor('field')[0]).toBe('verify')
    expect(routesFor('supervisor')[0]).toBe('approvals')
    expect(routesFor('operator')).not.toContain('desk')
    expect(routesFor('department')).not.toContain('console')
    // The rule-set editor is in the supervisor's navigation only; an operator opens it read-only by its link.
    expect(routesFor('supervisor')).toContain('rulesets')
    expect(routesFor('operator')).not.toContain('rulesets')
    expect(extraRoutesFor('operator')).toEqual(['rulesets'])
    expect(extraRoutesFor('department')).toEqual([])
  })
})

describe('deadline risk', () => {
  it('is relative to each case’s own time limit', () => {
    // 2 h left of a 4 h limit (50 %) vs 2 h left of a 40 h limit (5 %): the second is at risk.
    const short = handling({ dispatchedAt: NOW - 2 * HOUR, deadline: NOW + 2 * HOUR })
    const long = handling({ dispatchedAt: NOW - 38 * HOUR, deadline: NOW + 2 * HOUR })
    expect(deadlineRisk(short, NOW)).toMatchObject({ atRisk: false, share: 0.5 })
    expect(deadlineRisk(long, NOW)?.atRisk).toBe(true)
    const overdue = handling({ deadline: NOW - HOUR })
    const sorted = [short, long, overdue].sort((a, b) => byDeadlineRisk(a, b, NOW))
    expect(sorted.map((i) => i.deadline)).toEqual([overdue.deadline, long.deadline, short.deadline])
  })

  it('puts suspended and fed-back cases after the ones to work on', () => {
    const active = handling({ id: 'a', deadline: NOW + 6 * HOUR })
    const fedBack = handling({ id: 'b', status: 'resolved', deadline: NOW - HOUR })
    const paused = handling({ id: 'c', suspended: true, suspendedAt: NOW - HOUR, deadline: NOW - HOUR })
    expect([paused, fedBack, active].sort((a, b) => byDeadlineRisk(a, b, NOW)).map((i) => i.id)).toEqual([
      'a',
      'b',
      'c',
    ])
  })
})

describe('department desk forms', () => {
  it('feedback needs an account; attachments are http(s) links only', () => {
    expect(buildDeskPayload('resolve', EMPTY_DESK_FORM, NOW)).toEqual({ ok: false, problem: 'text' })
    expect(
      buildDeskPayload('resolve', { ...EMPTY_DESK_FORM, text: '已清理', attachments: 'file:///c/a.jpg' }, NOW),
    ).toEqual({ ok: false, problem: 'attachments' })
    expect(
      buildDeskPayload(
        'resolve',
        { ...EMPTY_DESK_FORM, text: ' 已清理 ', attachments: 'https://img.cn/1.jpg\n\n http://img.cn/2.jpg ' },
        NOW,
      ),
    ).toEqual({
      ok: true,
      payload: { feedback: '已清理', attachments: ['https://img.cn/1.jpg', 'http://img.cn/2.jpg'] },
    })
  })

  it('an extension asks for a future deadline with a reason; a send-back may suggest a unit', () => {
    const later = toLocalInput(NOW + 30 * HOUR)
    expect(buildDeskPayload('request_extension', { ...EMPTY_DESK_FORM, text: '等配件', deadline: later }, NOW)).toEqual(
      {
        ok: true,
        // The input's wall clock is the district's (+08:00): the instant is 30 h on, to the minute.
        payload: { reason: '等配件', deadline: NOW + 30 * HOUR },
      },
    )
    expect(
      buildDeskPayload('request_extension', { ...EMPTY_DESK_FORM, text: 'r', deadline: toLocalInput(NOW - HOUR) }, NOW),
    ).toEqual({ ok: false, problem: 'deadline' })
    expect(
      buildDeskPayload(
        'send_back',
        { ...EMPTY_DESK_FORM, text: '非本单位', suggested: { kind: 'department', id: 'water' } },
        NOW,
      ),
    ).toEqual({ ok: true, payload: { reason: '非本单位', suggested: { kind: 'department', id: 'water' } } })
    expect(buildDeskPayload('acknowledge', EMPTY_DESK_FORM, NOW)).toEqual({ ok: true, payload: {} })
  })
})

describe('department desk: 申请缓办', () => {
  it('asks with a reason, and nothing without one', () => {
    expect(buildDeskPayload('request_suspension', EMPTY_DESK_FORM, NOW)).toEqual({ ok: false, problem: 'text' })
    expect(buildDeskPayload('request_suspension', { ...EMPTY_DESK_FORM, text: ' 待规划审批 ' }, NOW)).toEqual({
      ok: true,
      payload: { reason: '待规划审批' },
    })
  })
})

describe("my unit's figures", () => {
  it('gives 按期处置率 and 返工率 of the handling steps due this month (assessment definitions), open load and overdue', () => {
    const cases = [
      // Closed on time and late this month; one reworked.
      handling({
        id: '1',
        status: 'closed',
        dispatchedAt: NOW - 50 * HOUR,
        deadline: NOW - 10 * HOUR,
        closedAt: NOW - 20 * HOUR,
        resolvedAt: NOW - 21 * HOUR,
      }),
      handling({
        id: '2',
        status: 'closed',
        dispatchedAt: NOW - 50 * HOUR,
        deadline: NOW - 30 * HOUR,
        closedAt: NOW - 20 * HOUR,
        resolvedAt: NOW - 21 * HOUR,
        reworkCount: 1,
      }),
      // Open: one overdue, one not.
      handling({ id: '3', deadline: NOW - HOUR }),
      handling({ id: '4', deadline: NOW + HOUR }),
      // Closed last month: not this period.
      handling({
        id: '5',
        status: 'closed',
        dispatchedAt: NOW - 40 * 24 * HOUR,
        deadline: NOW - 39 * 24 * HOUR,
        resolvedAt: NOW - 39 * 24 * HOUR - HOUR,
        closedAt: NOW - 38 * 24 * HOUR,
      }),
    ]
    const f = unitFigures(cases, { kind: 'department', id: 'fire' }, NOW)
    expect(f.openLoad).toBe(2)
    expect(f.overdue).toBe(1)
    expect(f.due).toBe(3) // two fed back + the overdue open one; the one due in an hour is not due yet
    expect(f.onTimeRate).toBeCloseTo(1 / 3) // fed back by the deadline: only the first
    expect(f.reworkRate).toBeCloseTo(1 / 3) // 返工率 = reworked ÷ judged (docs/assessment.md)
    // Another unit's figures are not these.
    expect(unitFigures(cases, { kind: 'department', id: 'water' }, NOW)).toMatchObject({ due: 0, onTimeRate: null })
  })
})

describe('supervisor desk lists', () => {
  it('queues pending requests oldest first', () => {
    const a = handling({
      id: 'a',
      pendingRequest: { kind: 'extension', reason: 'r', requestedBy: 'x', requestedAt: 5 },
    })
    const b = handling({
      id: 'b',
      pendingRequest: { kind: 'send_back', reason: 'r', requestedBy: 'x', requestedAt: 2 },
    })
    expect(approvalsQueue([a, handling({ id: 'c' }), b]).map((i) => i.id)).toEqual(['b', 'a'])
  })

  it('lists at-risk, escalated, repeatedly failing and unaccepted cases with their reasons', () => {
    const rows = [
      handling({ id: 'soon', dispatchedAt: NOW - 38 * HOUR, deadline: NOW + 2 * HOUR }),
      handling({ id: 'fine', dispatchedAt: NOW - 2 * HOUR, deadline: NOW + 2 * HOUR }),
      handling({ id: 'late', deadline: NOW - HOUR, escalationLevel: 2 }),
      view({ id: 'failing', status: 'resolved', reworkCount: 3 }),
      view({ id: 'waiting', status: 'reported', reportedAt: NOW - HOUR }),
      view({ id: 'fresh', status: 'reported', reportedAt: NOW - 60_000 }),
    ]
    const list = riskList(rows, NOW)
    expect(Object.fromEntries(list.map((e) => [e.incident.id, e.reasons]))).toEqual({
      soon: ['due_soon'],
      late: ['overdue', 'escalated'],
      failing: ['failing'],
      waiting: ['unaccepted'],
    })
    expect(list[0]?.incident.id).toBe('late')
  })
})

describe('verification queue', () => {
  it('holds fed-back cases of my grid, longest waiting first', () => {
    const rows = [
      view({ id: 'b', status: 'resolved', resolvedAt: 20, gridId: 'g1' }),
      view({ id: 'a', status: 'resolved', resolvedAt: 10, gridId: 'g1' }),
      view({ id: 'other', status: 'resolved', resolvedAt: 5, gridId: 'g2' }),
      view({ id: 'open', status: 'in_progress', gridId: 'g1' }),
    ]
    expect(awaitingVerification(rows, 'g1').map((i) => i.id)).toEqual(['a', 'b'])
    expect(awaitingVerification(rows, null).map((i) => i.id)).toEqual(['other', 'a', 'b'])
  })
})
