import { desc, eq } from 'drizzle-orm'
import type { SqliteDatabase } from '@infra/sqlite'
import { drizzleOver } from '@infra/sqlite'
import { DEFAULT_RULE_SET, ruleSetSchema, type Principal, type RuleSet } from '@shared/domain'
import type { RuleSetList, StoredRuleSet } from '@shared/protocol'
import * as schema from '../db/schema'
import type { ServerDb } from '../db/open'

/** A refusal the socket turns into a Problem with the same code. */
export class AssessmentProblem extends Error {
  constructor(
    readonly code: 'invalid_payload' | 'forbidden' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message)
  }
}

type Row = typeof schema.ruleSets.$inferSelect

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
  private readonly orm: ServerDb
  private activeCache: StoredRuleSet | null = null

  constructor(private readonly db: SqliteDatabase) {
    this.orm = drizzleOver(db, schema)
  }

  async seedDefault(now = Date.now()): Promise<void> {
    const any = await this.orm.select({ revision: schema.ruleSets.revision }).from(schema.ruleSets).limit(1).get()
    if (any) return
    await this.db.transaction(async (tx) => {
      const orm = drizzleOver(tx, schema)
      await orm.insert(schema.ruleSets).values(rowOf(1, DEFAULT_RULE_SET, SYSTEM, now, '默认评分细则 (seeded)'))
      await orm
        .insert(schema.ruleSetActivations)
        .values({ revision: 1, actorId: SYSTEM.actorId, activatedAt: now, reason: '默认评分细则 (seeded)' })
    })
  }

  async activeRevision(): Promise<number> {
    const row = await this.orm
      .select({ revision: schema.ruleSetActivations.revision })
      .from(schema.ruleSetActivations)
      .orderBy(desc(schema.ruleSetActivations.id))
      .limit(1)
      .get()
    if (!row) throw new Error('no active rule set (the store was not seeded)')
    return row.revision
  }

  /** The active rule set (cached until the next activation). */
  async active(): Promise<StoredRuleSet> {
    this.activeCache ??= await this.get(await this.activeRevision())
    return this.activeCache
  }

  async list(): Promise<RuleSetList> {
    const active = await this.activeRevision()
    const rows = await this.orm.select().from(schema.ruleSets).orderBy(desc(schema.ruleSets.revision)).all()
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
    const row = await this.orm.select().from(schema.ruleSets).where(eq(schema.ruleSets.revision, want)).get()
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
    const revision = await this.db.transaction(async (tx) => {
      const orm = drizzleOver(tx, schema)
      const clash = await orm
        .select({ revision: schema.ruleSets.revision })
        .from(schema.ruleSets)
        .where(eq(schema.ruleSets.version, rules.version))
        .get()
      if (clash)
        throw new AssessmentProblem(
          'conflict',
          `version ${rules.version} is already revision ${clash.revision}; a saved rule set never changes — give the new one its own version`,
        )
      const last = await orm
        .select({ revision: schema.ruleSets.revision })
        .from(schema.ruleSets)
        .orderBy(desc(schema.ruleSets.revision))
        .limit(1)
        .get()
      const next = (last?.revision ?? 0) + 1
      await orm.insert(schema.ruleSets).values(rowOf(next, rules, who, now, reason))
      if (activate)
        await orm
          .insert(schema.ruleSetActivations)
          .values({ revision: next, actorId: who.actorId, activatedAt: now, reason })
      return next
    })
    if (activate) this.activeCache = null
    return this.get(revision)
  }

  async activate(who: Principal, revision: number, reason: string, now = Date.now()): Promise<StoredRuleSet> {
    requireSupervisor(who, 'activate a rule set')
    await this.get(revision) // not_found first
    await this.orm
      .insert(schema.ruleSetActivations)
      .values({ revision, actorId: who.actorId, activatedAt: now, reason })
    this.activeCache = null
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

function storedOf(r: Row, active: number): StoredRuleSet {
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
