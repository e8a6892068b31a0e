import { ContractError } from '@shared/contract'
import { DEFAULT_RULE_SET, type RuleSet } from '@shared/domain'
import type { RuleSetCache } from './rule-set-cache'

/**
 * THE seam for the active rule set (评分细则): every assessment figure the workstation computes
 * (the league, a unit's card, the drill behind a line, the desks' figures) reads it from here.
 * It is the central server's active version as the sync service last received it (kept offline,
 * rule-set-cache.ts); the shipped ZS-2026.1 before any has arrived.
 */
export interface ActiveRules {
  get(): Promise<RuleSet>
  /**
   * A stored revision's rules (a frozen report's drill judges with the rules it was computed
   * with): the active one from the cache, another from the central server. Absent: only the active.
   */
  revision?(n: number): Promise<RuleSet>
}

/** The shipped default alone: for handlers used without a sync service (tests, tools). */
export const shippedRules: ActiveRules = { get: async () => DEFAULT_RULE_SET }

export function activeRulesFrom(
  cache: Pick<RuleSetCache, 'get'>,
  fetchRevision?: (n: number) => Promise<RuleSet>,
): ActiveRules {
  return {
    get: async () => cache.get().ruleSet,
    revision: async (n) => {
      const active = cache.get()
      if (active.revision === n) return active.ruleSet
      if (!fetchRevision) throw new ContractError('unavailable', `rule-set revision ${n} is not on this workstation`)
      return fetchRevision(n)
    },
  }
}
