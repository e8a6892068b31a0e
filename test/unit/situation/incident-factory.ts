import type { Incident } from '../../../src/shared/domain'
import { baseIncident } from '../../support/incident'

const HOUR = 3_600_000
/** 2026-06-15 12:00 in the district (+08:00). */
export const NOW = Date.UTC(2026, 5, 15, 4, 0, 0)
/** A district time `days` days before NOW's day, at `hour` o'clock. */
export function at(daysAgo: number, hour: number): number {
  return Date.UTC(2026, 5, 15 - daysAgo, hour - 8, 0, 0)
}
export { HOUR }

let n = 0
/** A complete incident row with sensible defaults; tests override what they are about. */
export function incident(overrides: Partial<Incident> & Pick<Incident, 'id'>): Incident {
  n++
  return baseIncident({
    code: `ZS-${String(n).padStart(6, '0')}`,
    title: 'test',
    gridId: 'henglan-01-01',
    lat: 22.5,
    lng: 113.2,
    address: '',
    reportedAt: at(0, 9),
    updatedAt: at(0, 9),
    lastSeq: n,
    ...overrides,
  })
}

/** The hand-worked set (see aggregates.test.ts for the expected figures). */
export function handWorked(): Incident[] {
  const dept = (id: string) => ({ assigneeKind: 'department' as const, assigneeId: id })
  return [
    incident({ id: 'A', category: 'fire_safety', reportedAt: at(0, 9) }),
    incident({
      id: 'B',
      category: 'fire_safety',
      status: 'in_progress',
      reportedAt: at(2, 10),
      dispatchedAt: at(2, 11),
      deadline: at(1, 11),
      ...dept('fire'),
    }),
    incident({
      id: 'C',
      category: 'gas_safety',
      status: 'closed',
      reportedAt: at(3, 8),
      dispatchedAt: at(3, 9),
      deadline: at(2, 9),
      closedAt: at(2, 8),
      ...dept('gas'),
    }),
    incident({
      id: 'D',
      category: 'gas_safety',
      status: 'closed',
      townId: 'dongfeng',
      gridId: 'dongfeng-01',
      reportedAt: at(3, 9),
      dispatchedAt: at(3, 10),
      deadline: at(2, 10),
      closedAt: at(1, 15),
      reworkCount: 1,
      ...dept('gas'),
    }),
    incident({
      id: 'E',
      category: 'environment_sanitation',
      status: 'dispatched',
      reportedAt: at(1, 9),
      dispatchedAt: at(1, 10),
      deadline: at(-1, 10),
      ...dept('sanitation'),
    }),
    incident({
      id: 'F',
      category: 'public_security',
      status: 'in_progress',
      reportedAt: at(2, 9),
      dispatchedAt: at(2, 9),
      deadline: at(2, 21),
      suspended: true,
      suspendedAt: at(2, 12),
      ...dept('police'),
    }),
    incident({ id: 'G', category: 'rental_housing', status: 'rejected', reportedAt: at(0, 8) }),
    incident({
      id: 'H',
      category: 'city_components',
      status: 'closed',
      reportedAt: at(40, 9),
      dispatchedAt: at(40, 10),
      deadline: at(37, 10),
      closedAt: at(39, 10),
      ...dept('urban_admin'),
    }),
    incident({
      id: 'I',
      category: 'fire_safety',
      status: 'dispatched',
      reportedAt: at(40, 9),
      dispatchedAt: at(40, 10),
      deadline: at(38, 10),
      ...dept('fire'),
    }),
  ]
}
