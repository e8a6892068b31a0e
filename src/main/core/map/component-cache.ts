import type { SqliteDatabase } from '@infra/sqlite'
import { COMPONENT_KINDS, type CityComponent } from '@shared/domain'

/** The row of reference_data that holds the components (row 1 is the reference data itself). */
const ROW = 2

function isComponent(v: unknown): v is CityComponent {
  if (typeof v !== 'object' || v === null) return false
  const c = v as Record<string, unknown>
  return (
    typeof c.id === 'string' &&
    typeof c.qrCode === 'string' &&
    (COMPONENT_KINDS as readonly unknown[]).includes(c.kind) &&
    typeof c.townId === 'string' &&
    typeof c.gridId === 'string' &&
    typeof c.lat === 'number' &&
    typeof c.lng === 'number' &&
    typeof c.address === 'string'
  )
}

/** Keeps what looks like a component and drops the rest (they crossed the network). */
export function validComponents(list: unknown): CityComponent[] {
  return Array.isArray(list) ? list.filter(isComponent) : []
}

/**
 * The district's QR-coded city components and rental buildings (~65,000), cached
 * like the reference data: one versioned JSON document (read whole at start,
 * replaced whole when the server's reference version changes), held in memory
 * with lookups by id and QR code.
 */
export class ComponentCache {
  private list: CityComponent[] = []
  private byId = new Map<string, CityComponent>()
  private byQr = new Map<string, CityComponent>()
  private current: string | null = null
  private listeners = new Set<() => void>()

  constructor(private readonly sqlite: SqliteDatabase) {}

  async load(): Promise<void> {
    const row = await this.sqlite.get('SELECT version, data FROM reference_data WHERE id = ?', [ROW])
    if (!row) return
    try {
      this.index(String(row.version), validComponents(JSON.parse(String(row.data))))
    } catch {
      this.index(null, [])
    }
  }

  async save(version: string, components: readonly CityComponent[]): Promise<void> {
    await this.sqlite.run(
      `INSERT INTO reference_data (id, version, data, fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data, fetched_at = excluded.fetched_at`,
      [ROW, version, JSON.stringify(components), Date.now()],
    )
    this.index(version, components)
    for (const l of this.listeners) l()
  }

  /** The reference version the cached components belong to (null before the first fetch). */
  get version(): string | null {
    return this.current
  }

  all(): readonly CityComponent[] {
    return this.list
  }

  get(id: string): CityComponent | null {
    return this.byId.get(id) ?? null
  }

  /** By QR code, exactly (case-insensitive). */
  byQrCode(code: string): CityComponent | null {
    return this.byQr.get(code.trim().toUpperCase()) ?? null
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private index(version: string | null, list: readonly CityComponent[]): void {
    this.current = version
    this.list = [...list]
    this.byId = new Map(list.map((c) => [c.id, c]))
    this.byQr = new Map(list.map((c) => [c.qrCode.toUpperCase(), c]))
  }
}
