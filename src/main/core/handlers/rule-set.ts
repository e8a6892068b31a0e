import type { RuleSetCache } from '../assessment/rule-set-cache'
import type { Registry } from '../registry'

/** `assessment.ruleSet`: the rule set this workstation scores with (the server's active one, cached). */
export function registerRuleSetHandler(registry: Registry, ruleSets: RuleSetCache): void {
  registry.register('assessment.ruleSet', () => Promise.resolve(ruleSets.get()))
}
