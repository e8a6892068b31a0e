import type { SqliteDatabase } from '@infra/sqlite'
import { DEFAULT_MAP_PREFS, mapPrefsSchema, type MapPrefs, type SavedMapPrefs } from '@shared/contract'

/**
 * The map's layer toggles, legend and filters, remembered per operator: in the
 * workstation's local settings, keyed by the actorId the server named (the
 * signed-in account), so each operator at this desk finds the map as they left
 * it. `local` holds them before any server named one.
 */
export class MapPrefsStore {
  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly actor: () => string | null,
  ) {}

  private key(actorId: string): string {
    return `map.prefs.${actorId}`
  }

  async get(): Promise<SavedMapPrefs> {
    const actorId = this.actor() ?? 'local'
    const row = await this.sqlite.get('SELECT value FROM settings WHERE key = ?', [this.key(actorId)])
    if (!row) return { prefs: DEFAULT_MAP_PREFS, actorId }
    try {
      const parsed = mapPrefsSchema.safeParse(JSON.parse(String(row.value)))
      return { prefs: parsed.success ? parsed.data : DEFAULT_MAP_PREFS, actorId }
    } catch {
      return { prefs: DEFAULT_MAP_PREFS, actorId }
    }
  }

  async save(prefs: MapPrefs): Promise<SavedMapPrefs> {
    const actorId = this.actor() ?? 'local'
    await this.sqlite.run(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [this.key(actorId), JSON.stringify(prefs), Date.now()],
    )
    return { prefs, actorId }
  }
}
