import type { Principal } from '../domain'

/**
 * The demo district's cast: one principal per desk (city-wide operator and
 * supervisor, Henglan's operator, the fire department, a Henglan grid worker,
 * the wall). The embedded quick start creates one **account** per entry with a
 * random password on every run (printed once to its console, refused on any
 * non-loopback bind); later desks sign in as these.
 *
 * The fixed **tokens** below are test fixtures: a server accepts them only when
 * given them explicitly as service tokens (`ServerOptions.tokens`, as tests and
 * benchmarks do). Neither the CLI nor the quick start ever does.
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

export type DemoIdentity = keyof typeof DEMO_TOKENS

export const DEMO_TOKEN_LIST: readonly TokenGrant[] = Object.values(DEMO_TOKENS)

/** The demo cast's principals by desk (the quick start's per-run accounts). */
export const DEMO_PRINCIPALS: Readonly<Record<DemoIdentity, Principal>> = Object.fromEntries(
  Object.entries(DEMO_TOKENS).map(([k, v]) => [k, v.principal]),
) as Record<DemoIdentity, Principal>

/** A per-run demo account's sign-in, as the quick start prints it once. */
export interface DemoCredential {
  readonly identity: DemoIdentity
  readonly username: string
  readonly password: string
  readonly principal: Principal
}
