export { SqliteDatabase, type SqlExecutor, type SqlParam, type Row } from './database'
export { drizzleOver, applyMigrations, toPositional, wrapSelect, type DrizzleDb } from './drizzle-adapter'
