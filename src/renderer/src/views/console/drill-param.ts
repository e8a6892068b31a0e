import { drillKeySchema, type DrillKey } from '@shared/contract'

/**
 * The drill-down a dashboard number sent the console (`#/console?drill=<key as JSON>`),
 * validated: a hand-edited or stale address yields null, never a broken view.
 */
export function drillFromHash(hash: string): DrillKey | null {
  const query = hash.split('?')[1]
  if (!query) return null
  const raw = new URLSearchParams(query).get('drill')
  if (!raw) return null
  try {
    const parsed = drillKeySchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
