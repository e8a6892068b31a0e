import { describe, expect, it } from 'vitest'
import {
  allowedActions,
  applyEvent,
  commandSchema,
  decide,
  isOverdue,
  referenceLookup,
  type Command,
  type DecideContext,
  type Incident,
  type IncidentEvent,
  type Principal,
} from '@shared/domain'
import { department, field, HOUR, incident, operator, supervisor } from './fixtures'

const NOW = 1_000 * HOUR
const ctx: DecideContext = {
  now: NOW,
  nextCode: () => 'ZS-1',
  assigneeExists: (kind, id) => (kind === 'department' && ['fire', 'water', 'urban'].includes(id)) || kind === 'team',
  lookup: () => null,
  reference: null,
}

/** The fire department's case, taken up, due in 10 h. */
const withFire = (over: Partial<Incident> = {}): Incident =>
  incident({
    status: 'in_progress',
    assigneeKind: 'department',
    assigneeId: 'fire',
    dispatchedAt: NOW - 2 * HOUR,
    acknowledgedAt: NOW - HOUR,
    deadline: NOW + 10 * HOUR,
    version: 4,
    ...over,
  })

const water: Principal = { ...department, actorId: 'dept-water', unit: { kind: 'department', id: 'water' } }

let n = 0
function cmd<T extends Command['type']>(type: T, payload: object, version: number | null = null): Command {
  n++
  return {
    commandId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    incidentId: 'i1',
    expectedVersion: version,
    payload,
    issuedAt: 0,
  } as Command
}

/** decide, then fold the event the server would append (as server and workstation both do). */
function step(current: Incident, command: Command, who: Principal, at = NOW): Incident {
  const r = decide(current, command, who, { ...ctx, now: at })
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
  const event = {
    seq: current.lastSeq + 1,
    incidentId: current.id,
    type: r.decision.type,
    payload: r.decision.payload,
    actorId: who.actorId,
    role: who.role,
    workstationId: null,
    serverTime: at,
    issuedAt: null,
    commandId: command.commandId,
    version: r.decision.version,
    prevHash: '',
    hash: '',
  } as IncidentEvent
  return applyEvent(current, event)
}

const refusal = (current: Incident, command: Command, who: Principal) => {
  const r = decide(current, command, who, ctx)
  return r.ok ? 'accepted' : r.code
}

describe('feedback (反馈) with attachments', () => {
  it('takes photo references as http(s) URLs only, and keeps them in the event', () => {
    const ok = decide(
      withFire(),
      cmd('resolve', { feedback: '已清理', attachments: ['https://img.example.cn/a.jpg'] }),
      department,
      ctx,
    )
    expect(ok).toMatchObject({ ok: true, decision: { payload: { attachments: ['https://img.example.cn/a.jpg'] } } })
    const bad = commandSchema.safeParse(cmd('resolve', { feedback: 'x', attachments: ['javascript:alert(1)'] }))
    expect(bad.success).toBe(false)
    const tooMany = commandSchema.safeParse(
      cmd('resolve', { feedback: 'x', attachments: Array.from({ length: 10 }, (_, i) => `https://e.cn/${i}.jpg`) }),
    )
    expect(tooMany.success).toBe(false)
  })
})

describe('extension request (申请延期) and decision', () => {
  it('records the request; an approval moves the deadline and is kept in the case', () => {
    const asked = NOW + 30 * HOUR
    const requested = step(withFire(), cmd('request_extension', { reason: '需调配吊车', deadline: asked }), department)
    expect(requested.pendingRequest).toEqual({
      kind: 'extension',
      reason: '需调配吊车',
      requestedBy: 'dept-fire',
      requestedAt: NOW,
      proposedDeadline: asked,
    })
    expect(requested.deadline).toBe(NOW + 10 * HOUR) // nothing moves until approved
    const approved = step(requested, cmd('decide_request', { approve: true, reason: '同意' }), supervisor, NOW + HOUR)
    expect(approved.deadline).toBe(asked)
    expect(approved.pendingRequest).toBeUndefined()
    expect(approved.extensions).toEqual([
      { from: NOW + 10 * HOUR, to: asked, approvedAt: NOW + HOUR, approvedBy: 'sup', reason: '同意' },
    ])
  })

  it('a refusal clears the request and leaves the deadline', () => {
    const requested = step(withFire(), cmd('request_extension', { reason: 'r', deadline: NOW + 30 * HOUR }), department)
    const refused = step(requested, cmd('decide_request', { approve: false, reason: '理由不足' }), supervisor)
    expect(refused.deadline).toBe(NOW + 10 * HOUR)
    expect(refused.pendingRequest).toBeUndefined()
    expect(refused.extensions).toBeUndefined()
  })

  it('refuses a deadline that is not later, a second request while one waits, and a decision with none', () => {
    expect(refusal(withFire(), cmd('request_extension', { reason: 'r', deadline: NOW + 5 * HOUR }), department)).toBe(
      'invalid_payload',
    )
    const requested = step(withFire(), cmd('request_extension', { reason: 'r', deadline: NOW + 30 * HOUR }), department)
    expect(refusal(requested, cmd('send_back', { reason: 'r' }), department)).toBe('request_pending')
    expect(refusal(withFire(), cmd('decide_request', { approve: true, reason: 'r' }), supervisor)).toBe(
      'no_pending_request',
    )
  })
})

describe('send-back (退单) and decision', () => {
  it('an approval re-dispatches in one step to the suggested unit and records the wrongly-chosen one', () => {
    const c = withFire()
    const asked = step(
      c,
      cmd('send_back', { reason: '属供水管网，非消防', suggested: { kind: 'department', id: 'water' } }),
      department,
    )
    expect(asked.pendingRequest).toMatchObject({ kind: 'send_back', suggested: { kind: 'department', id: 'water' } })
    const later = NOW + HOUR
    const moved = step(asked, cmd('decide_request', { approve: true, reason: '同意改派' }), supervisor, later)
    expect(moved).toMatchObject({
      status: 'dispatched',
      assigneeKind: 'department',
      assigneeId: 'water',
      dispatchedAt: later,
      acknowledgedAt: null,
    })
    expect(moved.deadline).toBeGreaterThan(later)
    expect(moved.sentBackFrom).toEqual([
      { kind: 'department', id: 'fire', dispatchedAt: c.dispatchedAt, sentBackAt: later, reason: '属供水管网，非消防' },
    ])
    expect(moved.formerAssignees).toEqual([{ kind: 'department', id: 'fire' }])
    // The fire department is done with it (it may still read it); water takes it up.
    expect(refusal(moved, cmd('acknowledge', {}), department)).toBe('not_assignee')
    expect(refusal(withFire(), cmd('comment', { text: '看看' }), water)).toBe('out_of_scope')
    expect(step(moved, cmd('acknowledge', {}), water).status).toBe('in_progress')
  })

  it('the supervisor may choose another unit than suggested, and must name one when none was', () => {
    const asked = step(withFire(), cmd('send_back', { reason: '非本单位职责' }), department)
    expect(refusal(asked, cmd('decide_request', { approve: true, reason: 'ok' }), supervisor)).toBe('invalid_payload')
    const moved = step(
      asked,
      cmd('decide_request', { approve: true, reason: 'ok', assignee: { kind: 'department', id: 'urban' } }),
      supervisor,
    )
    expect(moved.assigneeId).toBe('urban')
    expect(
      refusal(
        asked,
        cmd('decide_request', { approve: true, reason: 'ok', assignee: { kind: 'department', id: 'fire' } }),
        supervisor,
      ),
    ).toBe('invalid_payload')
  })

  it('a joint team (联勤) of the case’s town may be suggested and re-dispatched to; one of another town may not', () => {
    const teams = referenceLookup({
      version: 't',
      towns: [],
      grids: [],
      departments: [],
      workers: [],
      teams: [
        { id: 'team-hl', townId: 'henglan', name: '横栏联勤', officer: '警', gridWorkerId: 'w1' },
        { id: 'team-xl', townId: 'xiaolan', name: '小榄联勤', officer: '警', gridWorkerId: 'w2' },
      ],
    })
    const withTeams = { ...ctx, reference: teams }
    const c = withFire({ townId: 'henglan' })
    const far = decide(
      c,
      cmd('send_back', { reason: 'r', suggested: { kind: 'team', id: 'team-xl' } }),
      department,
      withTeams,
    )
    expect(far).toMatchObject({ ok: false, code: 'invalid_payload' })
    const asked = step(
      c,
      cmd('send_back', { reason: '需现场劝导', suggested: { kind: 'team', id: 'team-hl' } }),
      department,
    )
    const r = decide(asked, cmd('decide_request', { approve: true, reason: '同意改派联勤' }), supervisor, withTeams)
    if (!r.ok) throw new Error(r.code)
    expect(r.decision.payload).toMatchObject({ request: 'send_back', assignee: { kind: 'team', id: 'team-hl' } })
    const elsewhere = cmd('decide_request', { approve: true, reason: 'r', assignee: { kind: 'team', id: 'team-xl' } })
    expect(decide(asked, elsewhere, supervisor, withTeams)).toMatchObject({ ok: false, code: 'invalid_payload' })
    const moved = step(asked, cmd('decide_request', { approve: true, reason: '同意改派联勤' }), supervisor)
    expect(moved).toMatchObject({ status: 'dispatched', assigneeKind: 'team', assigneeId: 'team-hl' })
    expect(moved.sentBackFrom?.[0]).toMatchObject({ kind: 'department', id: 'fire' })
  })

  it('refused, the case stays with the unit', () => {
    const asked = step(
      withFire(),
      cmd('send_back', { reason: 'r', suggested: { kind: 'department', id: 'water' } }),
      department,
    )
    const kept = step(asked, cmd('decide_request', { approve: false, reason: '属消防职责' }), supervisor)
    expect(kept).toMatchObject({ assigneeId: 'fire', status: 'in_progress' })
    expect(kept.sentBackFrom).toBeUndefined()
  })

  it('refuses an unknown suggested unit', () => {
    expect(
      refusal(
        withFire(),
        cmd('send_back', { reason: 'r', suggested: { kind: 'department', id: 'nowhere' } }),
        department,
      ),
    ).toBe('unknown_assignee')
  })
})

describe('suspension (缓办) request and decision', () => {
  it('an approval suspends the case and records whether it was already overdue', () => {
    const onTime = step(withFire(), cmd('request_suspension', { reason: '等待产权方' }), department)
    const suspended = step(onTime, cmd('decide_request', { approve: true, reason: '同意' }), supervisor)
    expect(suspended).toMatchObject({ suspended: true, suspendedAt: NOW, overdueWhenSuspended: false })

    const late = withFire({ deadline: NOW - HOUR })
    expect(isOverdue(late, NOW)).toBe(true)
    const lateSuspended = step(
      step(late, cmd('request_suspension', { reason: 'r' }), department),
      cmd('decide_request', { approve: true, reason: 'ok' }),
      supervisor,
    )
    expect(lateSuspended.overdueWhenSuspended).toBe(true)
  })

  it("the supervisor's own suspension records it too", () => {
    const s = step(withFire({ deadline: NOW - HOUR }), cmd('suspend', { reason: '暂停' }), supervisor)
    expect(s.overdueWhenSuspended).toBe(true)
  })
})

describe('reopen request and decision', () => {
  it('an approved reopen sends a closed case back to its unit as rework', () => {
    const closed = withFire({
      status: 'closed',
      closedAt: NOW - HOUR,
      resolvedAt: NOW - 3 * HOUR,
      verifiedAt: NOW - 2 * HOUR,
    })
    const asked = step(closed, cmd('request_reopen', { reason: '群众再次投诉' }), operator)
    expect(asked.pendingRequest?.kind).toBe('reopen')
    const reopened = step(asked, cmd('decide_request', { approve: true, reason: '重办' }), supervisor)
    expect(reopened).toMatchObject({
      status: 'dispatched',
      assigneeId: 'fire',
      closedAt: null,
      resolvedAt: null,
      verifiedAt: null,
      reworkCount: closed.reworkCount + 1,
    })
  })
})

describe('who may make each', () => {
  it('a department only on its own unit’s cases; the supervisor alone decides', () => {
    const c = withFire()
    for (const [type, payload] of [
      ['request_extension', { reason: 'r', deadline: NOW + 30 * HOUR }],
      ['send_back', { reason: 'r' }],
      ['request_suspension', { reason: 'r' }],
    ] as const) {
      expect(refusal(c, cmd(type, payload), department)).toBe('accepted')
      expect(refusal(c, cmd(type, payload), water)).toBe('out_of_scope')
      expect(refusal(c, cmd(type, payload), operator)).toBe('forbidden_role')
    }
    const asked = step(c, cmd('send_back', { reason: 'r', suggested: { kind: 'department', id: 'water' } }), department)
    for (const who of [operator, department, field])
      expect(refusal(asked, cmd('decide_request', { approve: true, reason: 'r' }), who)).toBe('forbidden_role')
    expect(refusal(asked, cmd('decide_request', { approve: true, reason: 'r' }), supervisor)).toBe('accepted')
  })

  it('requests are for cases being handled; reopen for closed ones, asked by the command room or a grid worker', () => {
    expect(refusal(withFire({ status: 'resolved' }), cmd('send_back', { reason: 'r' }), department)).toBe(
      'invalid_transition',
    )
    expect(refusal(withFire(), cmd('request_reopen', { reason: 'r' }), operator)).toBe('invalid_transition')
    expect(refusal(withFire({ status: 'closed' }), cmd('request_reopen', { reason: 'r' }), department)).toBe(
      'forbidden_role',
    )
    expect(allowedActions('department', { status: 'in_progress', suspended: false })).toEqual(
      expect.arrayContaining(['resolve', 'request_extension', 'send_back', 'request_suspension']),
    )
    expect(allowedActions('supervisor', { status: 'closed', suspended: false, pendingRequest: {} })).toContain(
      'decide_request',
    )
  })
})
