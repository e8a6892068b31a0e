import { DEFAULT_RULE_SET, type RuleSet } from '@shared/domain'

/**
 * THE seam for the active rule set (评分细则): every assessment figure the workstation computes
 * reads it from here, and only here. Until the central server keeps versioned rule sets (the
 * server side of issue 12), it is the shipped default ZS-2026.1; then this becomes a read of the
 * server's active version from the cache, and nothing else changes.
 */
export interface ActiveRules {
  get(): Promise<RuleSet>
}

export const shippedRules: ActiveRules = { get: async () => DEFAULT_RULE_SET }
