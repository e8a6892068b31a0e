import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { alias, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { drizzleOver, SqliteDatabase } from '@infra/sqlite'

const towns = sqliteTable('towns', { id: text('id').primaryKey(), name: text('name').notNull() })
const grids = sqliteTable('grids', {
  id: text('id').primaryKey(),
  townId: text('town_id').notNull(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  rank: integer('rank').notNull(),
})
const schema = { towns, grids }

let dir: string
let db: SqliteDatabase

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'grid-adapter-'))
  db = await SqliteDatabase.open(path.join(dir, 'test.sqlite'))
  await db.exec(`
    CREATE TABLE towns (id TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE grids (id TEXT PRIMARY KEY, town_id TEXT NOT NULL, parent_id TEXT, name TEXT NOT NULL, rank INTEGER NOT NULL);
    INSERT INTO towns VALUES ('T-HL', '横栏镇'), ('T-DF', '东凤镇');
    INSERT INTO grids VALUES ('G-1', 'T-HL', NULL, '新茂社区', 1), ('G-1-1', 'T-HL', 'G-1', '新茂一网格', 2), ('G-2', 'T-DF', NULL, '东凤全科网格1', 1);
  `)
})
afterEach(async () => {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the sqlite3 ↔ drizzle adapter', () => {
  it('returns both ids of a join whose tables both have an id column', async () => {
    const orm = drizzleOver(db, schema)
    const rows = await orm
      .select({ gridId: grids.id, townId: towns.id, gridName: grids.name, townName: towns.name })
      .from(grids)
      .innerJoin(towns, eq(grids.townId, towns.id))
      .orderBy(grids.id)
    expect(rows).toEqual([
      { gridId: 'G-1', townId: 'T-HL', gridName: '新茂社区', townName: '横栏镇' },
      { gridId: 'G-1-1', townId: 'T-HL', gridName: '新茂一网格', townName: '横栏镇' },
      { gridId: 'G-2', townId: 'T-DF', gridName: '东凤全科网格1', townName: '东凤镇' },
    ])
  })

  it('keeps whole-table join results apart (drizzle nests them per table)', async () => {
    const orm = drizzleOver(db, schema)
    const rows = await orm.select().from(grids).innerJoin(towns, eq(grids.townId, towns.id)).where(eq(grids.id, 'G-2'))
    expect(rows).toEqual([
      {
        grids: { id: 'G-2', townId: 'T-DF', parentId: null, name: '东凤全科网格1', rank: 1 },
        towns: { id: 'T-DF', name: '东凤镇' },
      },
    ])
  })

  it('separates the two sides of a self-join on one table', async () => {
    const orm = drizzleOver(db, schema)
    const parent = alias(grids, 'parent')
    const rows = await orm
      .select({ child: grids.id, parent: parent.id, childName: grids.name, parentName: parent.name })
      .from(grids)
      .innerJoin(parent, eq(grids.parentId, parent.id))
    expect(rows).toEqual([{ child: 'G-1-1', parent: 'G-1', childName: '新茂一网格', parentName: '新茂社区' }])
  })

  it('keeps two identical unaliased expressions as two values', async () => {
    const orm = drizzleOver(db, schema)
    const rows = await orm
      .select({ a: sql<number>`count(*)`, b: sql<number>`count(*)`, first: grids.id })
      .from(grids)
      .groupBy(grids.townId)
      .orderBy(grids.townId)
    expect(rows.map((r) => [r.a, r.b])).toEqual([
      [1, 1],
      [2, 2],
    ])
  })

  it('returns a single row for get() and undefined when none matches', async () => {
    const orm = drizzleOver(db, schema)
    expect(await orm.select().from(towns).where(eq(towns.id, 'T-HL')).get()).toEqual({ id: 'T-HL', name: '横栏镇' })
    expect(await orm.select().from(towns).where(eq(towns.id, 'nope')).get()).toBeUndefined()
  })

  it('never interleaves another statement inside a transaction, and rolls back on error', async () => {
    const orm = drizzleOver(db, schema)
    const inside = db.transaction(async (tx) => {
      await tx.run(`INSERT INTO towns VALUES ('T-X', 'x')`)
      await new Promise((r) => setTimeout(r, 20))
      throw new Error('abort')
    })
    // Issued while the transaction is open: it must wait, and must not see or keep T-X.
    const outside = orm.select().from(towns)
    await expect(inside).rejects.toThrow('abort')
    expect((await outside).map((t) => t.id).sort()).toEqual(['T-DF', 'T-HL'])
  })

  it('runs in WAL mode', async () => {
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' })
  })
})
