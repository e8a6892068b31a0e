import { describe, expect, it } from 'vitest'
import type { ReferenceData } from '@shared/domain'
import { buildReferenceIndex } from '../../../src/renderer/src/data/reference-index'
import { conflictSentence, personLabel, workstationLabel } from '../../../src/renderer/src/views/console/people'
import { consoleZh } from '../../../src/renderer/src/views/console/locales'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'

/** A tiny i18next stand-in over the real Chinese strings: `ns: 'translation'` reads the app's file. */
function translate(key: string, options: Record<string, unknown> = {}): string {
  const root: unknown = options.ns === 'translation' ? zhCN : consoleZh
  const text = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], root)
  if (typeof text !== 'string') throw new Error(`no string for ${key}`)
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]))
}

const reference = {
  version: 't',
  towns: [],
  grids: [],
  departments: [
    { id: 'gas', name: '燃气管理办', nameEn: 'Gas Safety Office' },
    { id: 'police', name: '公安分局', nameEn: 'Public Security' },
  ],
  teams: [],
  workers: [],
} as unknown as ReferenceData
const index = buildReferenceIndex(reference, 'zh-CN')

describe('people, not ids', () => {
  it('names an operator by name and unit, and never echoes an account id', () => {
    expect(personLabel({ actorId: 'op-7', actorName: '王敏', role: 'operator' }, index, translate)).toBe(
      '王敏（指挥中心）',
    )
    expect(
      personLabel({ actorId: 'sup-city-01', actorName: 'sup-city-01', role: 'supervisor' }, index, translate),
    ).toBe('值班长（指挥中心）')
  })

  it('names a department account by its department, not `dept-gas`', () => {
    const label = personLabel({ actorId: 'dept-gas', actorName: 'dept-gas', role: 'department' }, index, translate)
    expect(label).toBe('燃气管理办（处置部门）')
    expect(label).not.toContain('dept-')
  })

  it('says this workstation or another, not `ws-1e7d34da`', () => {
    expect(workstationLabel('ws-1e7d34da', 'ws-1e7d34da', translate)).toBe('本工作站')
    expect(workstationLabel('ws-1e7d34da', 'ws-99', translate)).toBe('其他工作站')
    expect(workstationLabel(null, 'ws-99', translate)).toBeNull()
  })

  it('says who changed the case, when and how, in Chinese', () => {
    const at = Date.UTC(2026, 10, 30, 2, 42)
    const dispatch = conflictSentence(
      {
        actorId: 'op-7',
        actorName: '王敏',
        role: 'operator',
        type: 'dispatch',
        serverTime: at,
        payload: { assignee: { kind: 'department', id: 'gas' } },
      },
      index,
      translate,
      () => '10:42',
    )
    expect(translate(dispatch.key, dispatch.params)).toBe(
      '王敏（指挥中心）已于 10:42 将此事件派遣至「燃气管理办」，你的操作未生效。',
    )
    const accept = conflictSentence(
      {
        actorId: 'sup-city-01',
        actorName: 'sup-city-01',
        role: 'supervisor',
        type: 'accept',
        serverTime: at,
        payload: {},
      },
      index,
      translate,
      () => '10:42',
    )
    expect(translate(accept.key, accept.params)).toBe('值班长（指挥中心）已于 10:42 受理了此事件，你的操作未生效。')
  })
})
