import { bigint, bigserial, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * Rule sets and frozen assessment reports on PostgreSQL: the same tables as the SQLite store
 * (src/server/db/assessment-schema.ts), shared by every node. Both append-only.
 */
const ms = (name: string) => bigint(name, { mode: 'number' })

export const ruleSets = pgTable(
  'rule_sets',
  {
    revision: integer('revision').primaryKey(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    rules: text('rules').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: ms('created_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('rule_sets_version_idx').on(t.version)],
)

export const ruleSetActivations = pgTable('rule_set_activations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  revision: integer('revision').notNull(),
  actorId: text('actor_id').notNull(),
  activatedAt: ms('activated_at').notNull(),
  reason: text('reason').notNull(),
})

export const assessmentReports = pgTable(
  'assessment_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    periodKind: text('period_kind').notNull(),
    periodLabel: text('period_label').notNull(),
    periodFrom: ms('period_from').notNull(),
    periodTo: ms('period_to').notNull(),
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    previousId: bigint('previous_id', { mode: 'number' }),
    ruleSetRevision: integer('rule_set_revision').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    seq: ms('seq').notNull(),
    headHash: text('head_hash').notNull(),
    evaluatedAt: ms('evaluated_at').notNull(),
    generatedAt: ms('generated_at').notNull(),
    authorId: text('author_id').notNull(),
    reason: text('reason').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    uniqueIndex('assessment_reports_version_idx').on(t.periodKind, t.periodLabel, t.scope, t.version),
    index('assessment_reports_generated_idx').on(t.generatedAt),
  ],
)
