import { applyEvent, type ActionType, type Incident, type IncidentEvent, type Role } from '@shared/domain'

export const HOUR = 3_600_000

/** One step of a hand-built history: [hours from 0, action, payload, actor]. */
export type Step = readonly [number, ActionType, Record<string, unknown>?, string?]

const REPORT = {
  code: 'ZS-1',
  title: '消防通道堵塞',
  description: '',
  category: 'fire_safety',
  priority: 'normal',
  source: 'patrol',
  townId: 'henglan',
  gridId: 'hl-m1-s1',
  componentId: null,
  lat: 22.5,
  lng: 113.2,
  address: '',
}

const ROLE: Partial<Record<ActionType, Role>> = {
  acknowledge: 'department',
  resolve: 'department',
  verify: 'field',
  suspend: 'supervisor',
  resume: 'supervisor',
  decide_request: 'supervisor',
  request_extension: 'department',
  request_suspension: 'department',
  send_back: 'department',
  request_reopen: 'operator',
}

/** Deadlines in the steps are hours from `start`, like the times. */
function shifted(payload: Record<string, unknown>, start: number): Record<string, unknown> {
  return typeof payload.deadline === 'number' ? { ...payload, deadline: start + payload.deadline } : payload
}

let seq = 0
/** Folds a hand-built history into the incident, the way the server's log would. */
export function fold(steps: readonly Step[], id = 'i1', report: Record<string, unknown> = {}, start = 0): Incident {
  let incident: Incident | null = null
  steps.forEach(([hours, type, payload, actor], index) => {
    seq++
    const event = {
      seq,
      incidentId: id,
      type,
      payload: type === 'report' ? { ...REPORT, ...report, code: `ZS-${id}` } : shifted(payload ?? {}, start),
      actorId: actor ?? (type === 'report' ? 'w1' : 'op1'),
      role: ROLE[type] ?? 'operator',
      workstationId: null,
      serverTime: start + hours * HOUR,
      issuedAt: null,
      commandId: null,
      version: index + 1,
      prevHash: '',
      hash: '',
    } as IncidentEvent
    incident = applyEvent(incident, event)
  })
  if (!incident) throw new Error('empty history')
  return incident
}

export const dept = (id = 'fire', deadlineHours = 24) => ({
  assignee: { kind: 'department', id },
  deadline: deadlineHours * HOUR,
})
export const team = (id: string, deadlineHours = 24) => ({
  assignee: { kind: 'team', id },
  deadline: deadlineHours * HOUR,
})
