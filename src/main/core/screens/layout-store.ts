import type { SqlExecutor } from '@infra/sqlite'
import { screenLayoutSchema, type SavedLayout, type ScreenLayout } from '@shared/contract'

/**
 * The local copy of each operator's screen layout (settings table), used while
 * the central server is out of reach; `pendingUpload` marks one saved offline.
 */
interface LocalRecord {
  readonly layout: ScreenLayout
  readonly updatedAt: number
  readonly pendingUpload: boolean
}

const keyOf = (actorId: string) => `screen_layout:${actorId}`

export async function readLocalLayout(db: SqlExecutor, actorId: string): Promise<LocalRecord | null> {
  const row = await db.get('SELECT value FROM settings WHERE key = ?', [keyOf(actorId)])
  if (!row) return null
  try {
    const raw = JSON.parse(String(row.value)) as { layout?: unknown; updatedAt?: unknown; pendingUpload?: unknown }
    const layout = screenLayoutSchema.safeParse(raw.layout)
    if (!layout.success || typeof raw.updatedAt !== 'number') return null
    return { layout: layout.data, updatedAt: raw.updatedAt, pendingUpload: raw.pendingUpload === true }
  } catch {
    return null
  }
}

export async function writeLocalLayout(db: SqlExecutor, actorId: string, record: LocalRecord): Promise<void> {
  await db.run(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    [keyOf(actorId), JSON.stringify(record), Date.now()],
  )
}

export function toSaved(record: LocalRecord | null, source: SavedLayout['source']): SavedLayout {
  if (!record) return { layout: null, updatedAt: null, source: 'none', pendingUpload: false }
  return { layout: record.layout, updatedAt: record.updatedAt, source, pendingUpload: record.pendingUpload }
}

export type { LocalRecord }
