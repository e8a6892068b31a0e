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
}

/** The shipped default alone: for handlers used without a sync service (tests, tools). */
export const shippedRules: ActiveRules = { get: async () => DEFAULT_RULE_SET }

export function activeRulesFrom(cache: Pick<RuleSetCache, 'get'>): ActiveRules {
  return { get: async () => cache.get().ruleSet }
}
