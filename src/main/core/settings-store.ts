import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Settings } from '@shared/contract'
import { LOCALES } from '@shared/contract'
import type { StoreDb } from './store/open-store'
import { settings } from './store/schema'

const settingsSchema = z.object({ locale: z.enum(LOCALES).default('zh-CN') })
const KEY = 'app'

/** Local settings of this workstation, validated on the way out (a hand-edited file can't break the app). */
export async function readSettings(db: StoreDb): Promise<Settings> {
  const row = await db.select().from(settings).where(eq(settings.key, KEY)).get()
  let value: unknown
  try {
    value = row ? JSON.parse(row.value) : {}
  } catch {
    value = {}
  }
  const parsed = settingsSchema.safeParse(value)
  return parsed.success ? parsed.data : { locale: 'zh-CN' }
}

export async function writeSettings(db: StoreDb, next: Settings): Promise<Settings> {
  const value = JSON.stringify(settingsSchema.parse(next))
  const now = Date.now()
  await db
    .insert(settings)
    .values({ key: KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
  return readSettings(db)
}
