import type { Principal } from '../domain'

/**
 * Demo credentials the server accepts when none are configured, and that the
 * workstation uses in embedded mode. Each token stands for one principal.
 * Never use these on a network: pass real tokens (--token / --tokens-file).
 */
export interface TokenGrant {
  readonly token: string
  readonly principal: Principal
}

export const DEMO_TOKENS = {
  operator: {
    token: 'demo-operator',
    principal: { actorId: 'op-city-01', name: '市指挥中心值班员', role: 'operator', towns: '*' },
  },
  supervisor: {
    token: 'demo-supervisor',
    principal: { actorId: 'sup-city-01', name: '市指挥中心值班长', role: 'supervisor', towns: '*' },
  },
  wall: { token: 'demo-wall', principal: { actorId: 'wall-01', name: '指挥大屏', role: 'wall', towns: '*' } },
  henglanOperator: {
    token: 'demo-henglan',
    principal: { actorId: 'op-henglan-01', name: '横栏网格和大数据中心值班员', role: 'operator', towns: ['henglan'] },
  },
  field: {
    token: 'demo-field',
    principal: { actorId: 'w-henglan-m01-s01-1', name: '横栏网格员', role: 'field', towns: ['henglan'] },
  },
  department: {
    token: 'demo-department',
    principal: {
      actorId: 'dept-fire',
      name: '消防救援',
      role: 'department',
      towns: '*',
      unit: { kind: 'department', id: 'fire' },
    },
  },
} as const satisfies Record<string, TokenGrant>

export const DEMO_TOKEN_LIST: readonly TokenGrant[] = Object.values(DEMO_TOKENS)
