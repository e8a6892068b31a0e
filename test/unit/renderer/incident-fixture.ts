import type { IncidentView } from '@shared/contract'
import { baseIncident } from '../../support/incident'

const HOUR = 3_600_000
export const T0 = Date.UTC(2026, 4, 28, 1, 0, 0)

/** A plausible incident view; override what a test is about. */
export function incident(over: Partial<IncidentView> = {}): IncidentView {
  const { pending = [], ...fields } = over
  return {
    ...baseIncident({
      id: 'i-1',
      code: 'ZS-260528-000001',
      title: '出租屋消防设施不全',
      lat: 22.5,
      lng: 113.2,
      address: '横栏镇新茂村',
      reporterId: 'w-1',
      reportedAt: T0,
      updatedAt: T0,
      ...fields,
    }),
    pending,
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
