import { describe, expect, it } from 'vitest'
import { allowedActions, checkTransition, type IncidentStatus } from '@shared/domain'

const at = (status: IncidentStatus, suspended = false) => ({ status, suspended })

describe('state machine per role', () => {
  it('operators take intake, dispatch, verification and closing', () => {
    expect(allowedActions('operator', at('reported'))).toEqual([
      'accept',
      'reject',
      'merge',
      'dispatch',
      'escalate',
      'comment',
    ])
    expect(allowedActions('operator', at('accepted'))).toEqual(['reject', 'merge', 'dispatch', 'escalate', 'comment'])
    expect(allowedActions('operator', at('dispatched'))).toEqual(['reassign', 'escalate', 'comment'])
    expect(allowedActions('operator', at('resolved'))).toEqual(['verify', 'return', 'escalate', 'comment'])
    expect(allowedActions('operator', at('verified'))).toEqual(['return', 'close', 'escalate', 'comment'])
    expect(allowedActions('operator', at('closed'))).toEqual(['comment', 'request_reopen'])
  })

  it('supervisors also suspend, resume, reassign work in progress and approve closure from feedback', () => {
    expect(allowedActions('supervisor', at('in_progress'))).toEqual(['reassign', 'suspend', 'escalate', 'comment'])
    expect(allowedActions('supervisor', at('in_progress', true))).toEqual(['reassign', 'resume', 'escalate', 'comment'])
    expect(allowedActions('supervisor', at('resolved'))).toContain('close')
  })

  it('offers a decision only while a request waits, and no second request then', () => {
    const waiting = { ...at('in_progress'), pendingRequest: { kind: 'extension' } }
    expect(allowedActions('supervisor', waiting)).toContain('decide_request')
    expect(allowedActions('department', waiting)).toEqual(['resolve', 'comment'])
  })

  it('handlers acknowledge and resolve; grid workers verify or return', () => {
    const requests = ['request_extension', 'send_back', 'request_suspension']
    expect(allowedActions('department', at('dispatched'))).toEqual(['acknowledge', 'comment', ...requests])
    expect(allowedActions('department', at('in_progress'))).toEqual(['resolve', 'comment', ...requests])
    expect(allowedActions('department', at('in_progress', true))).toEqual(['comment'])
    expect(allowedActions('field', at('resolved'))).toEqual(['verify', 'return', 'comment'])
  })

  it('walls and citizens change nothing once a case exists', () => {
    for (const s of ['reported', 'dispatched', 'resolved', 'closed'] as const) {
      expect(allowedActions('wall', at(s))).toEqual([])
      expect(allowedActions('citizen', at(s))).toEqual([])
    }
  })

  it('distinguishes a forbidden role from a wrong state', () => {
    expect(checkTransition('report', 'citizen', null)).toBeNull()
    expect(checkTransition('report', 'wall', null)).toBe('forbidden_role')
    expect(checkTransition('report', 'operator', at('reported'))).toBe('invalid_transition')
    expect(checkTransition('close', 'department', at('verified'))).toBe('forbidden_role')
    expect(checkTransition('close', 'operator', at('resolved'))).toBe('invalid_transition')
    expect(checkTransition('suspend', 'supervisor', at('in_progress', true))).toBe('invalid_transition')
    expect(checkTransition('resume', 'supervisor', at('in_progress'))).toBe('invalid_transition')
  })
})
