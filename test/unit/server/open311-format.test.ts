import { describe, expect, it } from 'vitest'
import { areaOf, CATEGORIES, type Incident, type ReferenceData } from '@shared/domain'
import {
  agency,
  isoCst,
  serviceDefinition,
  serviceRequest,
  services,
  statusNotes,
} from '../../../src/server/http/open311-format'
import { SERVICE_TEXT } from '../../../src/shared/domain/service-names'
import { baseIncident } from '../../support/incident'

const HOUR = 3_600_000
const REF: ReferenceData = {
  version: 'test',
  towns: [],
  grids: [],
  departments: [{ id: 'fire', name: '消防救援', nameEn: 'Fire' }],
  teams: [{ id: 'hl-team-1', townId: 'henglan', name: '横栏联勤一队', officer: '警员', gridWorkerId: 'w1' }],
  workers: [],
}
const codes: Record<string, string> = { 'case-a': 'ZS-260615-000001' }
const lookup = (id: string): string | null => codes[id] ?? null

const dept = { assigneeKind: 'department' as const, assigneeId: 'fire' }
const team = { assigneeKind: 'team' as const, assigneeId: 'hl-team-1' }

describe('Open311 formatting', () => {
  it('writes times in China Standard Time with the offset, across the date line', () => {
    expect(isoCst(Date.UTC(2026, 5, 15, 4, 0, 0))).toBe('2026-06-15T12:00:00+08:00')
    expect(isoCst(Date.UTC(2026, 5, 15, 20, 30, 5, 999))).toBe('2026-06-16T04:30:05+08:00')
    expect(isoCst(0)).toBe('1970-01-01T08:00:00+08:00')
  })

  it('lists one service per category with the standard fields', () => {
    const list = services() as Record<string, unknown>[]
    expect(list.map((s) => s.service_code)).toEqual(CATEGORIES.map((c) => c.id))
    for (const s of list) {
      const code = s.service_code as (typeof CATEGORIES)[number]['id']
      expect(s).toEqual({
        service_code: code,
        service_name: SERVICE_TEXT[code].name,
        description: SERVICE_TEXT[code].description,
        metadata: true,
        type: 'realtime',
        keywords: SERVICE_TEXT[code].keywords,
        group: areaOf(code),
      })
    }
  })

  it('defines a service with its one attribute, and refuses an unknown one', () => {
    expect(serviceDefinition('city_components')).toEqual({
      service_code: 'city_components',
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
    })
    expect(() => serviceDefinition('teleport' as 'fire_safety')).toThrow(/unknown category/)
  })

  it('names the responsible agency: department or team by name, the id when unknown, null when none', () => {
    expect(agency(baseIncident(), REF)).toBeNull()
    expect(agency(baseIncident(dept), REF)).toBe('消防救援')
    expect(agency(baseIncident(team), REF)).toBe('横栏联勤一队')
    expect(agency(baseIncident({ assigneeKind: 'department', assigneeId: 'gas' }), REF)).toBe('gas')
    expect(agency(baseIncident({ assigneeKind: 'team', assigneeId: 'other-team' }), REF)).toBe('other-team')
  })

  it('writes status notes a citizen can read, per state', () => {
    const note = (o: Partial<Incident>) => statusNotes(baseIncident(o), REF, lookup)
    expect(note({ status: 'reported' })).toBe('已上报，等待受理')
    expect(note({ status: 'accepted' })).toBe('已受理，等待派遣')
    expect(note({ status: 'rejected' })).toBe('不予受理')
    expect(note({ status: 'dispatched', ...dept })).toBe('已派遣至处置部门：消防救援')
    expect(note({ status: 'in_progress', ...team })).toBe('处置中：横栏联勤一队')
    expect(note({ status: 'dispatched' })).toBe('已派遣至处置部门：')
    expect(note({ status: 'in_progress', ...dept, suspended: true })).toBe('处置中：消防救援（缓办）')
    expect(note({ status: 'dispatched', ...team, suspended: true })).toBe('已派遣至处置部门：横栏联勤一队（缓办）')
    expect(note({ status: 'resolved' })).toBe('已处置，等待核查')
    expect(note({ status: 'verified' })).toBe('已核查，等待结案')
    expect(note({ status: 'closed' })).toBe('已办结')
    // A merged case names the case it was merged into by its public code; an unknown one is not named.
    expect(note({ status: 'merged', duplicateOf: 'case-a' })).toBe('重复上报，已合并（ZS-260615-000001）')
    expect(note({ status: 'merged', duplicateOf: 'case-x' })).toBe('重复上报，已合并')
    expect(note({ status: 'merged', duplicateOf: null })).toBe('重复上报，已合并')
  })

  it('maps an incident to a service request field by field', () => {
    const reportedAt = Date.UTC(2026, 5, 15, 1, 0, 0)
    const open = baseIncident({
      code: 'ZS-260615-000042',
      category: 'city_components',
      status: 'dispatched',
      description: '路灯不亮',
      address: '横栏镇新茂路',
      lat: 22.512345678,
      lng: 113.398765432,
      componentId: 'henglan-sl-00012',
      mediaUrl: 'https://example.org/p.jpg',
      reportedAt,
      updatedAt: reportedAt + HOUR,
      dispatchedAt: reportedAt + HOUR,
      deadline: reportedAt + 72 * HOUR,
      suspendedMs: 2 * HOUR,
      ...dept,
    })
    expect(serviceRequest(open, REF, lookup)).toEqual({
      service_request_id: 'ZS-260615-000042',
      status: 'open',
      status_notes: '已派遣至处置部门：消防救援',
      service_name: SERVICE_TEXT.city_components.name,
      service_code: 'city_components',
      description: '路灯不亮',
      agency_responsible: '消防救援',
      service_notice: null,
      requested_datetime: '2026-06-15T09:00:00+08:00',
      updated_datetime: '2026-06-15T10:00:00+08:00',
      // The deadline pushed back by the time the case was suspended.
      expected_datetime: '2026-06-18T11:00:00+08:00',
      // The public sees a coarse place: the community and town (none in this reference data), ~100 m.
      address: '',
      address_id: null,
      zipcode: null,
      lat: 22.512,
      long: 113.399,
      media_url: 'https://example.org/p.jpg',
      attribute: { component_id: 'henglan-sl-00012' },
    })
    const fresh = serviceRequest(baseIncident({ status: 'reported' }), REF, lookup)
    expect(fresh).toMatchObject({
      status: 'open',
      expected_datetime: null,
      agency_responsible: null,
      media_url: null,
      attribute: { component_id: null },
    })
    for (const status of ['closed', 'rejected', 'merged'] as const)
      expect(serviceRequest(baseIncident({ status }), REF, lookup).status).toBe('closed')
    for (const status of ['accepted', 'in_progress', 'resolved', 'verified'] as const)
      expect(serviceRequest(baseIncident({ status }), REF, lookup).status).toBe('open')
  })
})
