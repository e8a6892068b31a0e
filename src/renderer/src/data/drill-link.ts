import type { DrillKey } from '@shared/contract'

/**
 * The console's address for a drill-down: `#/console?drill=<key as JSON>`. The
 * console asks the core (`situation.drill`) for the exact ids behind the key and
 * lists them with `incidents.list({ filter: { ids } })`.
 */
export function drillHash(key: DrillKey): string {
  return `/console?drill=${encodeURIComponent(JSON.stringify(key))}`
}

export interface DrillTarget {
  readonly key: DrillKey
  /** What was clicked, for the panel's title ("超期未办 · 横栏镇"). */
  readonly label: string
}
