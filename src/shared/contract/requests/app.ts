import { z } from 'zod'
import { request } from '../define'
import type { AppInfo, SyncStatus } from '../views'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export interface Settings {
  readonly locale: Locale
}

export const appRequests = {
  'app.info': request<AppInfo>()(z.object({})),
  'status.get': request<SyncStatus>()(z.object({})),
  'settings.get': request<Settings>()(z.object({})),
  'settings.set': request<Settings>()(z.object({ locale: z.enum(LOCALES) })),
}
