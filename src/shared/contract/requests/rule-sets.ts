import { z } from 'zod'
import type { RuleSet } from '../../domain'
import { request } from '../define'

/** The rule set (评分细则) the workstation scores with: the server's active revision, as last received. */
export interface ActiveRuleSet {
  readonly ruleSet: RuleSet
  /** The server's revision number; null while none was received yet (the built-in default is used). */
  readonly revision: number | null
  /** `server`: received from the central server (cached; kept offline); `default`: the built-in ZS-2026.1. */
  readonly source: 'server' | 'default'
  readonly authorId: string | null
  readonly authorName: string | null
  /** When the revision was saved on the server. */
  readonly createdAt: number | null
  readonly reason: string | null
  /** When this workstation received it. */
  readonly receivedAt: number | null
}

export const ruleSetRequests = {
  /** The active rule set, as every assessment figure on this workstation is computed with it. */
  'assessment.ruleSet': request<ActiveRuleSet>()(z.object({})),
}
