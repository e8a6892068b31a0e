import { withAssessmentFacts, type Incident } from '@shared/domain'

/**
 * One complete incident row with plain defaults, for every test suite that
 * needs one; each suite's own factory sets the defaults it reasons about.
 * Assessment facts the overrides leave out follow from the row (withAssessmentFacts: the
 * deadline is the original one, every suspension credited), as for a case never reworked.
 */
export function baseIncident(overrides: Partial<Incident> = {}): Incident {
  return withAssessmentFacts({
    id: 'i1',
    code: 'ZS-260101-000001',
    title: '消防通道堵塞',
    description: '',
    category: 'fire_safety',
    priority: 'normal',
    source: 'patrol',
    status: 'reported',
    townId: 'henglan',
    gridId: 'henglan-m01-s01',
    componentId: null,
    lat: 22.53,
    lng: 113.25,
    address: '横栏镇',
    reporterId: 'w1',
    reportedAt: 0,
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
    updatedAt: 0,
    lastSeq: 1,
    ...overrides,
  } as Incident)
}
