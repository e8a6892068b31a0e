import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ROLES, type Principal } from '@shared/domain'
import type { TokenGrant } from '@shared/protocol'

const principalSchema = z.object({
  actorId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  towns: z.union([z.literal('*'), z.array(z.string().min(1).max(64))]),
  unit: z.object({ kind: z.enum(['department', 'team']), id: z.string().min(1).max(64) }).optional(),
})

const tokensFileSchema = z.array(z.object({ token: z.string().min(8).max(512), principal: principalSchema }))

/**
 * `token:role:actorId:name:towns[:kind/unitId]`, towns `*` or comma-separated
 * town ids; the optional unit names the department or team a handler works for.
 */
export function parseTokenSpec(spec: string): TokenGrant {
  const parts = spec.split(':')
  if (parts.length !== 5 && parts.length !== 6) {
    throw new Error(`token spec must be token:role:actorId:name:towns[:kind/unitId], got "${spec}"`)
  }
  const [token, role, actorId, name, towns, unit] = parts as [string, string, string, string, string, string?]
  const [kind, unitId] = unit ? unit.split('/') : []
  const principal = principalSchema.parse({
    actorId,
    name,
    role,
    towns: towns === '*' ? '*' : towns.split(',').filter(Boolean),
    ...(unit ? { unit: { kind, id: unitId } } : {}),
  })
  if (!token) throw new Error('empty token')
  return { token, principal }
}

export function readTokensFile(file: string): TokenGrant[] {
  return tokensFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}

/** Token → principal lookup; the system role is never granted to a socket. */
export class TokenRegistry {
  private readonly byToken = new Map<string, Principal>()

  constructor(grants: readonly TokenGrant[]) {
    for (const g of grants) {
      if (g.principal.role === 'system')
        throw new Error(`token for ${g.principal.actorId}: the system role cannot be granted`)
      this.byToken.set(g.token, g.principal)
    }
  }

  lookup(token: string): Principal | null {
    return this.byToken.get(token) ?? null
  }

  get size(): number {
    return this.byToken.size
  }
}
