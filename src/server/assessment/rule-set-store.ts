import { DEFAULT_RULE_SET, ruleSetSchema, type Principal, type RuleSet } from '@shared/domain'
import type { RuleSetList, StoredRuleSet } from '@shared/protocol'
import type { AssessmentStore, RuleSetRow } from './assessment-store'

/** A refusal the socket turns into a Problem with the same code. */
export class AssessmentProblem extends Error {
  constructor(
    readonly code: 'invalid_payload' | 'forbidden' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message)
  }
}

/** Only a supervisor edits the rules or closes periods (docs/assessment.md). */
export function requireSupervisor(who: Principal, what: string): void {
  if (who.role !== 'supervisor')
    throw new AssessmentProblem('forbidden', `only a supervisor may ${what} (you are signed in as ${who.role})`)
}

/** Reasons a value is not a rule set, as one line (at most five, each with its path). */
export function ruleSetIssues(raw: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; message: string } {
  const parsed = ruleSetSchema.safeParse(raw)
  if (parsed.success) return { ok: true, ruleSet: parsed.data }
  const message = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ')
  return { ok: false, message: `not a valid rule set — ${message}` }
}

/**
 * 评分细则 on the central server: every save is a new immutable revision (author, time, reason),
 * one revision is active, and every activation is recorded. An empty store is seeded with the
 * default rule set (ZS-2026.1), active.
 */
export class RuleSetStore {
  /** The parsed active rule set, by revision: another node may activate another one at any time. */
  private activeCache: StoredRuleSet | null = null

  constructor(private readonly store: AssessmentStore) {}

  async seedDefault(now = Date.now()): Promise<void> {
    if ((await this.store.lastRevision()) > 0) return
    await this.store.tx(async (t) => {
      if ((await t.lastRevision()) > 0) return // another node seeded it meanwhile
      await t.addRuleSet(rowOf(1, DEFAULT_RULE_SET, SYSTEM, now, '默认评分细则 (seeded)'))
      await t.addActivation({ revision: 1, actorId: SYSTEM.actorId, activatedAt: now, reason: '默认评分细则 (seeded)' })
    })
  }

  async activeRevision(): Promise<number> {
    const revision = await this.store.activeRevision()
    if (revision === null) throw new Error('no active rule set (the store was not seeded)')
    return revision
  }

  /** The active rule set (parsed once per revision; the revision is read from the store every time). */
  async active(): Promise<StoredRuleSet> {
    const revision = await this.activeRevision()
    if (this.activeCache?.revision !== revision) this.activeCache = await this.get(revision)
    return this.activeCache
  }

  async list(): Promise<RuleSetList> {
    const active = await this.activeRevision()
    const rows = await this.store.ruleSetRows()
    return {
      active,
      ruleSets: rows.map((r) => {
        const { ruleSet, ...summary } = storedOf(r, active)
        return { ...summary, version: ruleSet.version, name: ruleSet.name }
      }),
    }
  }

  async get(revision?: number): Promise<StoredRuleSet> {
    const active = await this.activeRevision()
    const want = revision ?? active
    const row = await this.store.ruleSetRow(want)
    if (!row) throw new AssessmentProblem('not_found', `no rule set revision ${want}`)
    return storedOf(row, active)
  }

  /** Validates and stores a new revision; activates it too when asked. */
  async save(
    who: Principal,
    raw: unknown,
    reason: string,
    activate: boolean,
    now = Date.now(),
  ): Promise<StoredRuleSet> {
    requireSupervisor(who, 'save a rule set')
    const checked = ruleSetIssues(raw)
    if (!checked.ok) throw new AssessmentProblem('invalid_payload', checked.message)
    const rules = checked.ruleSet
    const revision = await this.store.tx(async (t) => {
      const clash = await t.revisionOfVersion(rules.version)
      if (clash !== undefined)
        throw new AssessmentProblem(
          'conflict',
          `version ${rules.version} is already revision ${clash}; a saved rule set never changes — give the new one its own version`,
        )
      const next = (await t.lastRevision()) + 1
      await t.addRuleSet(rowOf(next, rules, who, now, reason))
      if (activate) await t.addActivation({ revision: next, actorId: who.actorId, activatedAt: now, reason })
      return next
    })
    return this.get(revision)
  }

  async activate(who: Principal, revision: number, reason: string, now = Date.now()): Promise<StoredRuleSet> {
    requireSupervisor(who, 'activate a rule set')
    await this.get(revision) // not_found first
    await this.store.addActivation({ revision, actorId: who.actorId, activatedAt: now, reason })
    return this.active()
  }
}

const SYSTEM = { actorId: 'system', name: '系统' }

function rowOf(revision: number, rules: RuleSet, who: { actorId: string; name: string }, now: number, reason: string) {
  return {
    revision,
    version: rules.version,
    name: rules.name,
    rules: JSON.stringify(rules),
    authorId: who.actorId,
    authorName: who.name,
    createdAt: now,
    reason,
  }
}

function storedOf(r: RuleSetRow, active: number): StoredRuleSet {
  return {
    revision: r.revision,
    ruleSet: ruleSetSchema.parse(JSON.parse(r.rules)),
    authorId: r.authorId,
    authorName: r.authorName,
    createdAt: r.createdAt,
    reason: r.reason,
    active: r.revision === active,
  }
}
