import type { IncidentView } from '@shared/contract'

const HOUR = 3_600_000
export const T0 = Date.UTC(2026, 4, 28, 1, 0, 0)

/** A plausible incident view; override what a test is about. */
export function incident(over: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'i-1',
    code: 'ZS-260528-000001',
    title: '出租屋消防设施不全',
    description: '',
    category: 'fire_safety',
    priority: 'normal',
    source: 'patrol',
    status: 'reported',
    townId: 'henglan',
    gridId: 'henglan-m01-s01',
    componentId: null,
    lat: 22.5,
    lng: 113.2,
    address: '横栏镇新茂村',
    reporterId: 'w-1',
    reportedAt: T0,
    assigneeKind: null,
    assigneeId: null,
    dispatchedAt: null,
    deadline: null,
    acknowledgedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    closedAt: null,
    suspended: false,
    suspendedAt: null,
    suspendedMs: 0,
    escalationLevel: 0,
    reworkCount: 0,
    duplicateOf: null,
    version: 1,
    updatedAt: T0,
    lastSeq: 1,
    pending: [],
    ...over,
  }
}

/** Dispatched to `assignee` at `at` with a deadline `hours` later. */
export function dispatched(
  id: string,
  assignee: { kind: 'department' | 'team'; id: string },
  at: number,
  hours: number,
  over: Partial<IncidentView> = {},
): IncidentView {
  return incident({
    id,
    status: 'dispatched',
    assigneeKind: assignee.kind,
    assigneeId: assignee.id,
    dispatchedAt: at,
    deadline: at + hours * HOUR,
    version: 3,
    ...over,
  })
}

export { HOUR }
