import type { SqliteDatabase } from '@infra/sqlite'
import type { ActiveRuleSet } from '@shared/contract'
import { DEFAULT_RULE_SET, ruleSetSchema } from '@shared/domain'

/** The row of reference_data that holds the active rule set (1: reference data, 2: components). */
const ROW = 3

const DEFAULT: ActiveRuleSet = {
  ruleSet: DEFAULT_RULE_SET,
  revision: null,
  source: 'default',
  authorId: null,
  authorName: null,
  createdAt: null,
  reason: null,
  receivedAt: null,
}

/**
 * A stored rule set as it crossed the network (docs/protocol.md §9), checked with the shared
 * schema; null when it is not one (a bad value is never cached).
 */
export function activeFromServer(value: unknown, receivedAt: number): ActiveRuleSet | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const rules = ruleSetSchema.safeParse(v.ruleSet)
  if (!rules.success || typeof v.revision !== 'number' || !Number.isSafeInteger(v.revision) || v.revision < 1)
    return null
  const text = (x: unknown) => (typeof x === 'string' ? x : null)
  return {
    ruleSet: rules.data,
    revision: v.revision,
    source: 'server',
    authorId: text(v.authorId),
    authorName: text(v.authorName),
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : null,
    reason: text(v.reason),
    receivedAt,
  }
}

/**
 * The server's active rule set on this workstation: received after each hello and on every
 * activation, kept in the cache (so an offline desk scores with the last one it had), and the
 * built-in default until the first one arrives.
 */
export class RuleSetCache {
  private current: ActiveRuleSet = DEFAULT
  private listeners = new Set<(active: ActiveRuleSet) => void>()

  constructor(private readonly sqlite: SqliteDatabase) {}

  async load(): Promise<ActiveRuleSet> {
    const row = await this.sqlite.get('SELECT data, fetched_at FROM reference_data WHERE id = ?', [ROW])
    if (!row) return this.current
    try {
      this.current = activeFromServer(JSON.parse(String(row.data)), Number(row.fetched_at)) ?? DEFAULT
    } catch {
      this.current = DEFAULT
    }
    return this.current
  }

  get(): ActiveRuleSet {
    return this.current
  }

  /** Stores what the server sent, if it is a rule set and not the one already held; true when it changed. */
  async accept(value: unknown, now = Date.now()): Promise<boolean> {
    const next = activeFromServer(value, now)
    if (!next) return false
    if (
      this.current.revision === next.revision &&
      JSON.stringify(this.current.ruleSet) === JSON.stringify(next.ruleSet)
    )
      return false
    const { receivedAt: _, source: __, ...stored } = next
    await this.sqlite.run(
      `INSERT INTO reference_data (id, version, data, fetched_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data, fetched_at = excluded.fetched_at`,
      [ROW, `${next.revision}:${next.ruleSet.version}`, JSON.stringify(stored), now],
    )
    this.current = next
    for (const l of this.listeners) l(next)
    return true
  }

  onChange(listener: (active: ActiveRuleSet) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
