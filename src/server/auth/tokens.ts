import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ROLES, type Principal } from '@shared/domain'
import type { TokenGrant } from '@shared/protocol'

const principalSchema = z.object({
  actorId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  towns: z.union([z.literal('*'), z.array(z.string().min(1).max(64))]),
})

const tokensFileSchema = z.array(z.object({ token: z.string().min(8).max(512), principal: principalSchema }))

/** `token:role:actorId:name:towns`, towns `*` or comma-separated town ids. */
export function parseTokenSpec(spec: string): TokenGrant {
  const parts = spec.split(':')
  if (parts.length !== 5) throw new Error(`token spec must be token:role:actorId:name:towns, got "${spec}"`)
  const [token, role, actorId, name, towns] = parts as [string, string, string, string, string]
  const principal = principalSchema.parse({
    actorId,
    name,
    role,
    towns: towns === '*' ? '*' : towns.split(',').filter(Boolean),
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
