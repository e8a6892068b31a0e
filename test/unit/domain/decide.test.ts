import { describe, expect, it } from 'vitest'
import { decide, type Command, type DecideContext, type Incident } from '@shared/domain'
import { department, henglanOperator, HOUR, incident, operator, wall } from './fixtures'

const NOW = 1_000 * HOUR
const ctx = (known: Incident[] = []): DecideContext => ({
  now: NOW,
  nextCode: () => 'ZS-260101-000042',
  assigneeExists: (kind, id) =>
    (kind === 'department' && id === 'fire') || (kind === 'team' && id === 'team-henglan-01'),
  lookup: (id) => known.find((i) => i.id === id) ?? null,
  reference: null,
})

function cmd(type: Command['type'], payload: object, expectedVersion: number | null = 1, incidentId = 'i1'): Command {
  return {
    commandId: '00000000-0000-4000-8000-000000000001',
    type,
    incidentId,
    expectedVersion,
    payload,
    issuedAt: 0,
  } as Command
}

const reportPayload = {
  title: '燃气泄漏',
  description: '',
  category: 'gas_safety',
  priority: 'urgent',
  source: 'patrol',
  townId: 'henglan',
  gridId: 'henglan-m01-s01',
  componentId: null,
  lat: 22.5,
  lng: 113.2,
  address: '',
}

describe('decide', () => {
  it('gives a new report its code and version 1, within the reporter’s towns only', () => {
    const ok = decide(null, cmd('report', reportPayload, null), henglanOperator, ctx())
    expect(ok).toEqual({
      ok: true,
      decision: { type: 'report', payload: { ...reportPayload, code: 'ZS-260101-000042' }, version: 1 },
    })
    const out = decide(null, cmd('report', { ...reportPayload, townId: 'dongfeng' }, null), henglanOperator, ctx())
    expect(out).toMatchObject({ ok: false, code: 'out_of_scope', currentVersion: null })
    expect(decide(incident(), cmd('report', reportPayload, null), operator, ctx())).toMatchObject({
      ok: false,
      code: 'already_exists',
    })
  })

  it('refuses walls, unknown incidents, stale versions and out-of-town incidents', () => {
    expect(decide(incident(), cmd('accept', {}), wall, ctx())).toMatchObject({ ok: false, code: 'read_only' })
    expect(decide(null, cmd('accept', {}), operator, ctx())).toMatchObject({ ok: false, code: 'not_found' })
    expect(decide(incident({ version: 3 }), cmd('accept', {}, 2), operator, ctx())).toMatchObject({
      ok: false,
      code: 'stale_version',
      currentVersion: 3,
    })
    expect(decide(incident({ townId: 'xiaolan' }), cmd('accept', {}), henglanOperator, ctx())).toMatchObject({
      ok: false,
      code: 'out_of_scope',
    })
    expect(decide(incident({ status: 'dispatched' }), cmd('accept', {}), operator, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    })
    expect(decide(incident(), cmd('acknowledge', {}), operator, ctx())).toMatchObject({
      ok: false,
      code: 'forbidden_role',
    })
  })

  it('fills in the default deadline on dispatch and checks the assignee', () => {
    const i = incident({ category: 'fire_safety', priority: 'high', status: 'accepted', version: 2 })
    const d = decide(i, cmd('dispatch', { assignee: { kind: 'department', id: 'fire' } }, 2), operator, ctx())
    // fire 48 h × high 0.5 = 24 h
    expect(d).toEqual({
      ok: true,
      decision: {
        type: 'dispatch',
        payload: { assignee: { kind: 'department', id: 'fire' }, deadline: NOW + 24 * HOUR },
        version: 3,
      },
    })
    expect(
      decide(i, cmd('dispatch', { assignee: { kind: 'department', id: 'nope' } }, 2), operator, ctx()),
    ).toMatchObject({ ok: false, code: 'unknown_assignee' })
    expect(
      decide(
        i,
        cmd('dispatch', { assignee: { kind: 'department', id: 'fire' }, deadline: NOW - 1 }, 2),
        operator,
        ctx(),
      ),
    ).toMatchObject({
      ok: false,
      code: 'invalid_payload',
    })
  })

  it('gives rework a fresh deadline and escalation the next level', () => {
    const resolved = incident({ status: 'resolved', version: 6, escalationLevel: 1 })
    expect(decide(resolved, cmd('return', { reason: '未整改' }, 6), operator, ctx())).toMatchObject({
      ok: true,
      decision: { payload: { reason: '未整改', deadline: NOW + 48 * HOUR }, version: 7 },
    })
    expect(decide(resolved, cmd('escalate', { reason: '超期' }, 6), operator, ctx())).toMatchObject({
      ok: true,
      decision: { payload: { level: 2 } },
    })
    const fireCase = incident({ status: 'dispatched', assigneeKind: 'department', assigneeId: 'fire' })
    expect(decide(fireCase, cmd('acknowledge', {}), department, ctx())).toMatchObject({ ok: true })
  })

  it('lets a department take up and resolve only the cases dispatched to it', () => {
    // Another unit's case is outside a department's scope altogether: not even its version is told.
    const gasCase = incident({ status: 'dispatched', assigneeKind: 'department', assigneeId: 'gas' })
    expect(decide(gasCase, cmd('acknowledge', {}), department, ctx())).toMatchObject({
      ok: false,
      code: 'out_of_scope',
      currentVersion: null,
    })
    // One it was reassigned away from stays readable, but is no longer its work.
    const inProgress = incident({
      status: 'in_progress',
      assigneeKind: 'department',
      assigneeId: 'gas',
      formerAssignees: [{ kind: 'department', id: 'fire' }],
      version: 3,
    })
    expect(decide(inProgress, cmd('resolve', { feedback: '已整改' }, 3), department, ctx())).toMatchObject({
      ok: false,
      code: 'not_assignee',
    })
    const { unit: _unit, ...noUnit } = department
    const fireCase = incident({ status: 'dispatched', assigneeKind: 'department', assigneeId: 'fire' })
    expect(decide(fireCase, cmd('acknowledge', {}), noUnit, ctx())).toMatchObject({ ok: false, code: 'not_assignee' })
  })

  it('merges only into a live case other than itself', () => {
    const target = incident({ id: 't', status: 'dispatched' })
    expect(decide(incident(), cmd('merge', { duplicateOf: 't' }), operator, ctx([target]))).toMatchObject({ ok: true })
    expect(decide(incident(), cmd('merge', { duplicateOf: 'i1' }), operator, ctx([incident()]))).toMatchObject({
      ok: false,
      code: 'invalid_duplicate',
    })
    expect(
      decide(incident(), cmd('merge', { duplicateOf: 't' }), operator, ctx([{ ...target, status: 'merged' }])),
    ).toMatchObject({ ok: false, code: 'invalid_duplicate' })
    expect(decide(incident(), cmd('merge', { duplicateOf: 'x' }), operator, ctx())).toMatchObject({
      ok: false,
      code: 'invalid_duplicate',
    })
  })
})
