import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core'

/**
 * The workstation's local store (a cache of the server plus local state).
 * Migrations are generated into drizzle/ by drizzle-kit; append-only.
 */

/** Small local settings (locale, operator's saved views…), JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
})
