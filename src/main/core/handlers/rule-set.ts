import { ContractError, type ErrorCode, type RuleSetHistory, type RuleSetRevision } from '@shared/contract'
import { ruleSetSchema, type RuleSet } from '@shared/domain'
import type { AssessmentMessage } from '@shared/protocol'
import type { RuleSetCache } from '../assessment/rule-set-cache'
import type { Registry } from '../registry'

type RuleSetMessage = Extract<AssessmentMessage, `ruleSet${string}`>

/** What the editor's requests need of the sync service: one message on the live session. */
export interface RuleSetLink {
  ask(message: RuleSetMessage, payload: unknown): Promise<{ reply: unknown } | null>
}

/** The server's Problem codes as the contract's. */
const CODES: Record<string, ErrorCode> = {
  forbidden: 'forbidden',
  forbidden_role: 'forbidden',
  read_only: 'forbidden',
  invalid_payload: 'invalid_args',
  not_found: 'not_found',
  conflict: 'conflict',
}

async function ask(link: RuleSetLink | null, msg: RuleSetMessage, payload: unknown): Promise<unknown> {
  let answer: { reply: unknown } | null
  try {
    answer = link ? await link.ask(msg, payload) : null
  } catch {
    throw new ContractError(
      'unavailable',
      '中心服务没有应答：评分细则只在连接中心服务时可读写，请稍后重试（草稿已保留）',
    )
  }
  if (!answer)
    throw new ContractError('unavailable', '未连接中心服务：评分细则只在连接时可读写，恢复连接后重试（草稿已保留）')
  const r = answer.reply as { code?: unknown; message?: unknown } | null
  if (r && typeof r.code === 'string' && typeof r.message === 'string' && !('revision' in r) && !('active' in r))
    throw new ContractError(CODES[r.code] ?? 'internal', r.message)
  return answer.reply
}

/** A stored revision as it crossed the network, checked (its rules with the shared schema). */
function revisionOf(value: unknown): RuleSetRevision {
  const v = value as Record<string, unknown> | null
  const rules = ruleSetSchema.safeParse(v?.ruleSet)
  if (!v || !rules.success || typeof v.revision !== 'number')
    throw new ContractError('internal', 'the server answered with something that is not a rule set revision')
  const text = (x: unknown) => (typeof x === 'string' ? x : '')
  return {
    revision: v.revision,
    ruleSet: rules.data,
    authorId: text(v.authorId),
    authorName: text(v.authorName),
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0,
    reason: text(v.reason),
    active: v.active === true,
  }
}

function historyOf(value: unknown): RuleSetHistory {
  const v = value as { active?: unknown; ruleSets?: unknown } | null
  if (!v || typeof v.active !== 'number' || !Array.isArray(v.ruleSets))
    throw new ContractError('internal', 'the server answered with something that is not a rule set list')
  const text = (x: unknown) => (typeof x === 'string' ? x : '')
  return {
    active: v.active,
    ruleSets: (v.ruleSets as Record<string, unknown>[]).map((r) => ({
      revision: Number(r.revision),
      version: text(r.version),
      name: text(r.name),
      authorId: text(r.authorId),
      authorName: text(r.authorName),
      createdAt: Number(r.createdAt),
      reason: text(r.reason),
      active: r.active === true,
    })),
  }
}

/** One stored revision's rules from the central server (a frozen report's drill judges with them). */
export async function fetchRuleSetRevision(link: RuleSetLink | null, revision: number): Promise<RuleSet> {
  return revisionOf(await ask(link, 'ruleSetGet', { revision })).ruleSet
}

/**
 * `assessment.ruleSet`: the rule set this workstation scores with (the server's active one,
 * cached). `ruleSets.*`: the supervisors' editor, straight to the central server on the live
 * session (docs/protocol.md §9) — the server decides who may save; nothing is queued offline.
 */
export function registerRuleSetHandler(
  registry: Registry,
  ruleSets: RuleSetCache,
  link: RuleSetLink | null = null,
): void {
  // An activation reaches every desk as a `ruleSet` push; this desk takes it at once as well.
  const took = async (r: RuleSetRevision) => {
    if (r.active) await ruleSets.accept(r)
    return r
  }
  registry
    .register('assessment.ruleSet', () => Promise.resolve(ruleSets.get()))
    .register('ruleSets.list', async () => historyOf(await ask(link, 'ruleSetList', {})))
    .register('ruleSets.get', async (args) => revisionOf(await ask(link, 'ruleSetGet', args)))
    .register('ruleSets.save', async (args) => took(revisionOf(await ask(link, 'ruleSetSave', args))))
    .register('ruleSets.activate', async (args) => took(revisionOf(await ask(link, 'ruleSetActivate', args))))
}
