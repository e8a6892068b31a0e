import { z } from 'zod'
import { readPrivateFile } from '@infra/fs'
import type { Principal } from '@shared/domain'
import { principalSchema, type TokenGrant } from '@shared/protocol'

const tokensFileSchema = z.array(z.object({ token: z.string().min(16).max(512), principal: principalSchema }))

/**
 * Service tokens from a file (`--tokens-file`): a JSON array of `{ token, principal }` for
 * clients that are not people at a workstation (integrations, tools). The file must be
 * private to the server's account (0600): one others can read is refused.
 */
export function readTokensFile(file: string): TokenGrant[] {
  let json: unknown
  const text = readPrivateFile(file)
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`${file} is not valid JSON`)
  }
  const parsed = tokensFileSchema.safeParse(json)
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`)
  return parsed.data as TokenGrant[]
}

/** Service token → principal lookup; the system role is never granted to a socket. */
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
