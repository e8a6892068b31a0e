import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { savedViewSchema, type SavedView } from '@shared/contract'
import type { Registry } from '../registry'
import type { StoreDb } from '../store/open-store'
import { settings } from '../store/schema'

/** Operator-defined console views live as one JSON document in the local `settings` table. */
const KEY = 'console.views'
const MAX_VIEWS = 50
const listSchema = z.array(savedViewSchema)

async function readViews(db: StoreDb): Promise<SavedView[]> {
  const row = await db.select().from(settings).where(eq(settings.key, KEY)).get()
  if (!row) return []
  try {
    // A hand-edited or older document must not break the console: drop what no longer parses.
    const parsed = listSchema.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

async function writeViews(db: StoreDb, views: readonly SavedView[]): Promise<SavedView[]> {
  const value = JSON.stringify(views)
  const now = Date.now()
  await db
    .insert(settings)
    .values({ key: KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
  return readViews(db)
}

export function registerConsoleHandlers(registry: Registry, deps: { readonly db: StoreDb }): void {
  registry
    .register('views.list', () => readViews(deps.db))
    .register('views.save', async ({ view }) => {
      const views = await readViews(deps.db)
      const at = views.findIndex((v) => v.id === view.id)
      if (at >= 0) views[at] = view
      else views.push(view)
      return writeViews(deps.db, views.slice(-MAX_VIEWS))
    })
    .register('views.delete', async ({ id }) =>
      writeViews(
        deps.db,
        (await readViews(deps.db)).filter((v) => v.id !== id),
      ),
    )
}
