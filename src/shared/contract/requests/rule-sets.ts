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

/** One saved revision on the central server (docs/protocol.md §9, StoredRuleSet). */
export interface RuleSetRevision {
  readonly revision: number
  readonly ruleSet: RuleSet
  readonly authorId: string
  readonly authorName: string
  readonly createdAt: number
  readonly reason: string
  readonly active: boolean
}

export type RuleSetRevisionSummary = Omit<RuleSetRevision, 'ruleSet'> & {
  readonly version: string
  readonly name: string
}

/** Every revision, newest first, and which is active (the server's ruleSetList). */
export interface RuleSetHistory {
  readonly active: number
  readonly ruleSets: readonly RuleSetRevisionSummary[]
}

const reason = z.string().trim().min(1, '请填写原因').max(500, '原因不超过 500 字')

export const ruleSetRequests = {
  /** The active rule set, as every assessment figure on this workstation is computed with it. */
  'assessment.ruleSet': request<ActiveRuleSet>()(z.object({})),
  /** The rule-set editor (supervisors): every revision on the central server. Needs the link. */
  'ruleSets.list': request<RuleSetHistory>()(z.object({})),
  /** One revision with its rules (the active one when none is named). Needs the link. */
  'ruleSets.get': request<RuleSetRevision>()(z.object({ revision: z.number().int().positive().optional() })),
  /**
   * Saves a new revision on the central server (supervisor only; the server checks the rules
   * against the shared schema and refuses with the reasons). Needs the link: offline it fails
   * with `unavailable` and nothing is queued.
   */
  'ruleSets.save': request<RuleSetRevision>()(
    z.object({ ruleSet: z.unknown(), reason, activate: z.boolean().default(false) }),
  ),
  /** Makes a stored revision the active one (supervisor only). Needs the link. */
  'ruleSets.activate': request<RuleSetRevision>()(z.object({ revision: z.number().int().positive(), reason })),
}
