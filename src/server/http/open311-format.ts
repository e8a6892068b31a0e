import {
  areaOf,
  categoryDef,
  CATEGORIES,
  SERVICE_TEXT,
  isOpen,
  type CategoryId,
  type Incident,
  type ReferenceData,
} from '@shared/domain'

/** GeoReport v2 times: ISO 8601 in China Standard Time, with its offset. */
export function isoCst(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000)
  return `${d.toISOString().slice(0, 19)}+08:00`
}

export function services(): unknown[] {
  return CATEGORIES.map((c) => ({
    service_code: c.id,
    service_name: SERVICE_TEXT[c.id].name,
    description: SERVICE_TEXT[c.id].description,
    metadata: true,
    type: 'realtime',
    keywords: SERVICE_TEXT[c.id].keywords,
    group: areaOf(c.id),
  }))
}

/** The service definition: the one extra attribute is the QR-coded component's id. */
export function serviceDefinition(code: CategoryId): unknown {
  categoryDef(code)
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'component_id',
        datatype: 'string',
        required: false,
        datatype_description: '扫码获得的城市部件编号（如 henglan-sl-00012 或 ZSQR-HENGLAN-SL-00012）',
        order: 1,
        description: '城市部件编号',
      },
    ],
  }
}

const STATUS_NOTES: Record<Incident['status'], string> = {
  reported: '已上报，等待受理',
  accepted: '已受理，等待派遣',
  rejected: '不予受理',
  merged: '重复上报，已合并',
  dispatched: '已派遣至处置部门',
  in_progress: '处置中',
  resolved: '已处置，等待核查',
  verified: '已核查，等待结案',
  closed: '已办结',
}

export function statusNotes(i: Incident, ref: ReferenceData, lookupCode: (id: string) => string | null): string {
  // Stryker disable next-line ConditionalExpression: only a merge sets duplicateOf, so the status test adds nothing to it
  if (i.status === 'merged' && i.duplicateOf) {
    const code = lookupCode(i.duplicateOf)
    return code ? `${STATUS_NOTES.merged}（${code}）` : STATUS_NOTES.merged
  }
  // Only cases with a handler can be suspended (缓办), so the note says so after the agency.
  const suspended = i.suspended ? '（缓办）' : ''
  if (i.status === 'dispatched' || i.status === 'in_progress')
    return `${STATUS_NOTES[i.status]}：${agency(i, ref) ?? ''}${suspended}`
  return STATUS_NOTES[i.status] + suspended
}

export function agency(i: Incident, ref: ReferenceData): string | null {
  // Stryker disable next-line ConditionalExpression: without an assignee the lookups below also come to null
  if (!i.assigneeId) return null
  if (i.assigneeKind === 'department') return ref.departments.find((d) => d.id === i.assigneeId)?.name ?? i.assigneeId
  return ref.teams.find((t) => t.id === i.assigneeId)?.name ?? i.assigneeId
}

/** Metres are for the command room: the public sees where a case is to about a hundred metres. */
const COARSE = 1e3

/** The case's community (the medium grid around its grid) and town: an address that names no door. */
export function coarseAddress(i: Incident, ref: ReferenceData): string {
  const town = ref.towns.find((t) => t.id === i.townId)
  const grid = ref.grids.find((g) => g.id === i.gridId)
  const community = grid?.parentId ? ref.grids.find((g) => g.id === grid.parentId) : undefined
  return `${town?.name ?? ''}${community?.name ?? ''}`
}

/**
 * A case as the public sees it (citizen-sourced cases only: the caller filters):
 * the standard fields, with the location coarse (about 100 m) and the address
 * only down to the community. `lookupCode` names a merge target only when the
 * public may see that case too.
 */
export function serviceRequest(
  i: Incident,
  ref: ReferenceData,
  lookupCode: (id: string) => string | null,
): Record<string, unknown> {
  return {
    service_request_id: i.code,
    status: isOpen(i) ? 'open' : 'closed',
    status_notes: statusNotes(i, ref, lookupCode),
    service_name: SERVICE_TEXT[i.category].name,
    service_code: i.category,
    description: i.description,
    agency_responsible: agency(i, ref),
    service_notice: null,
    requested_datetime: isoCst(i.reportedAt),
    updated_datetime: isoCst(i.updatedAt),
    expected_datetime: i.deadline === null ? null : isoCst(i.deadline + i.suspendedMs),
    address: coarseAddress(i, ref),
    address_id: null,
    zipcode: null,
    lat: Math.round(i.lat * COARSE) / COARSE,
    long: Math.round(i.lng * COARSE) / COARSE,
    media_url: i.mediaUrl ?? null,
    attribute: { component_id: i.componentId },
  }
}
