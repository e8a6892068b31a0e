import type { SqliteDatabase } from '@infra/sqlite'
import { referenceLookup, type ReferenceData, type ReferenceLookup } from '@shared/domain'

/** Whether something that crossed the network looks like reference data (arrays of rows with ids). */
export function isReferenceData(value: unknown): value is ReferenceData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const rows = (k: string) =>
    Array.isArray(v[k]) &&
    (v[k] as unknown[]).every(
      (r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string',
    )
  return typeof v.version === 'string' && ['towns', 'grids', 'departments', 'teams', 'workers'].every(rows)
}

/**
 * The district's reference data: stored as one versioned JSON document (it is
 * small and always read whole) and held in memory with lookups by id.
 */
export class ReferenceCache {
  private data: ReferenceData | null = null
  private names = new Map<string, string>()
  private assignees = new Set<string>()
  private places: ReferenceLookup | null = null

  constructor(private readonly sqlite: SqliteDatabase) {}

  async load(): Promise<ReferenceData | null> {
    const row = await this.sqlite.get('SELECT data FROM reference_data WHERE id = 1')
    try {
      const parsed: unknown = row ? JSON.parse(String(row.data)) : null
      this.index(isReferenceData(parsed) ? parsed : null)
    } catch {
      this.index(null)
    }
    return this.data
  }

  async save(data: ReferenceData): Promise<void> {
    const now = Date.now()
    await this.sqlite.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO reference_data (id, version, data, fetched_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data, fetched_at = excluded.fetched_at`,
        [data.version, JSON.stringify(data), now],
      )
      await tx.run('INSERT OR IGNORE INTO sync_state (id, cursor, resetting, updated_at) VALUES (1, 0, 0, ?)', [now])
      await tx.run('UPDATE sync_state SET reference_version = ? WHERE id = 1', [data.version])
    })
    this.index(data)
  }

  get(): ReferenceData | null {
    return this.data
  }

  /** A person's or unit's display name, if the reference data knows the id. */
  nameOf(id: string): string | null {
    return this.names.get(id) ?? null
  }

  /** Lookups for `decide` (no components: the workstation does not hold them); null before the first fetch. */
  lookup(): ReferenceLookup | null {
    return this.places
  }

  /** Unknown before the first fetch: optimistic (the server decides for real). */
  assigneeExists(kind: 'department' | 'team', id: string): boolean {
    return this.data === null || this.assignees.has(`${kind}:${id}`)
  }

  private index(data: ReferenceData | null): void {
    this.data = data
    this.names = new Map()
    this.assignees = new Set()
    this.places = data ? referenceLookup(data) : null
    if (!data) return
    for (const w of data.workers) this.names.set(w.id, w.name)
    for (const t of data.teams) {
      this.names.set(t.id, t.name)
      this.assignees.add(`team:${t.id}`)
    }
    for (const d of data.departments) {
      this.names.set(d.id, d.name)
      this.assignees.add(`department:${d.id}`)
    }
  }
}
