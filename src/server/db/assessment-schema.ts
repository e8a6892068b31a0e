import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Assessment on the central server (issue 12, docs/assessment.md "Rule sets and frozen reports").
 * Both tables are append-only: a rule set is never edited (a save is a new revision) and a report
 * is never edited (a re-close is a new version that names the one it corrects).
 */

/** 评分细则, one row per saved revision. `version` is the rule set's own label (ZS-2026.1), unique. */
export const ruleSets = sqliteTable(
  'rule_sets',
  {
    revision: integer('revision').primaryKey(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    /** The whole RuleSet as JSON, validated by the shared schema before it was stored. */
    rules: text('rules').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: integer('created_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('rule_sets_version_idx').on(t.version)],
)

/** Which revision is active, and every activation (the last row wins). */
export const ruleSetActivations = sqliteTable('rule_set_activations', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull(),
  actorId: text('actor_id').notNull(),
  activatedAt: integer('activated_at').notNull(),
  reason: text('reason').notNull(),
})

/** A frozen assessment report: one period, one unit kind (or all), computed at one log position. */
export const assessmentReports = sqliteTable(
  'assessment_reports',
  {
    id: integer('id').primaryKey(),
    /** month | quarter | year | custom, and its label (2026-11, 2026-Q4, 2026, 2026-11-01~2026-11-15). */
    periodKind: text('period_kind').notNull(),
    periodLabel: text('period_label').notNull(),
    periodFrom: integer('period_from').notNull(),
    periodTo: integer('period_to').notNull(),
    /** A unit kind, or `all`. */
    scope: text('scope').notNull(),
    /** 1 for the first close of (period, scope); a re-close is the next version. */
    version: integer('version').notNull(),
    /** The version this one corrects (null for version 1). */
    previousId: integer('previous_id'),
    ruleSetRevision: integer('rule_set_revision').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    /** The log position the figures were computed at: the head's seq and hash. */
    seq: integer('seq').notNull(),
    headHash: text('head_hash').notNull(),
    /** The instant the period was judged at (min(generation time, period end)). */
    evaluatedAt: integer('evaluated_at').notNull(),
    generatedAt: integer('generated_at').notNull(),
    authorId: text('author_id').notNull(),
    reason: text('reason').notNull(),
    /** The report body (leagues and platform figures) as JSON. */
    body: text('body').notNull(),
  },
  (t) => [
    uniqueIndex('assessment_reports_version_idx').on(t.periodKind, t.periodLabel, t.scope, t.version),
    index('assessment_reports_generated_idx').on(t.generatedAt),
  ],
)
