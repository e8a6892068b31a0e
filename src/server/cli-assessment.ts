import { AdminError } from './auth/admin'
import type { AssessmentStore } from './assessment/assessment-store'
import { RuleSetStore } from './assessment/rule-set-store'

export const ASSESSMENT_USAGE = `  server rulesets list                        (every saved revision, newest first; * marks the active one)
  server rulesets show [revision]             (one revision as JSON; the active one by default)
      rule sets are saved and activated by a supervisor over the protocol (docs/protocol.md §9)`

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
}

/** `rulesets list|show`: read-only views of the server's 评分细则, beside a running server or not. */
export async function runRuleSets(
  side: AssessmentStore,
  verb: string | undefined,
  target: string | undefined,
): Promise<number> {
  const store = new RuleSetStore(side)
  // A store the server never started on has no rule set yet; the server seeds the default at start.
  await store.seedDefault()
  if (verb === 'list') {
    const list = await store.list()
    for (const r of list.ruleSets)
      console.log(
        `${r.active ? '*' : ' '} ${String(r.revision).padStart(3)}  ${r.version.padEnd(14)} ${when(r.createdAt)}  ${r.authorId.padEnd(16)} ${r.name}  — ${r.reason}`,
      )
    return 0
  }
  if (verb === 'show') {
    const revision = target === undefined ? undefined : Number(target)
    if (revision !== undefined && !(Number.isInteger(revision) && revision > 0))
      throw new AdminError('rulesets show takes a revision number (see rulesets list)')
    const stored = await store.get(revision)
    console.log(JSON.stringify(stored, null, 2))
    return 0
  }
  console.error(ASSESSMENT_USAGE)
  return 2
}
