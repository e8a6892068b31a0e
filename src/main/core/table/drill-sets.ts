import type { SqliteDatabase } from '@infra/sqlite'

const MAX_SETS = 4

/**
 * Drill-down sets the core froze for the console: the exact cases behind a
 * dashboard number at the moment of the click (however many), kept in a temp
 * table on each reading connection so a table query names the set instead of
 * carrying its ids. The newest few are kept; an older one is forgotten.
 */
export class DrillSets {
  private readonly sets: string[] = []
  private next = 0

  constructor(private readonly lanes: readonly SqliteDatabase[]) {}

  async init(): Promise<void> {
    for (const db of this.lanes) {
      await db.exec(
        `CREATE TEMP TABLE IF NOT EXISTS drill_members (set_id TEXT NOT NULL, incident_id TEXT NOT NULL,
           PRIMARY KEY (set_id, incident_id)) WITHOUT ROWID`,
      )
    }
  }

  has(id: string): boolean {
    return this.sets.includes(id)
  }

  /** Freezes these ids as a new set on every lane (the same list: read once, written to each). */
  async create(ids: readonly string[]): Promise<string> {
    const id = `drill-${++this.next}`
    const json = JSON.stringify(ids)
    for (const db of this.lanes) {
      await db.run('INSERT OR IGNORE INTO temp.drill_members (set_id, incident_id) SELECT ?, value FROM json_each(?)', [
        id,
        json,
      ])
    }
    this.sets.push(id)
    while (this.sets.length > MAX_SETS) {
      const old = this.sets.shift()!
      for (const db of this.lanes) await db.run('DELETE FROM temp.drill_members WHERE set_id = ?', [old])
    }
    return id
  }
}
