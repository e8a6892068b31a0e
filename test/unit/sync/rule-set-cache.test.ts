import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '@shared/domain'
import { activeFromServer, RuleSetCache } from '../../../src/main/core/assessment/rule-set-cache'
import { openStore, type Store } from '../../../src/main/core/store/open-store'
import { MIGRATIONS } from './helpers'

const stored = (over: Record<string, unknown> = {}) => ({
  revision: 4,
  ruleSet: { ...DEFAULT_RULE_SET, version: 'ZS-2026.4' },
  authorId: 'sup-city-01',
  authorName: '值班长',
  createdAt: 1_790_000_000_000,
  reason: '修订',
  active: true,
  ...over,
})

describe('the active rule set from the server', () => {
  it('is taken only when the shared schema accepts it', () => {
    expect(activeFromServer(stored(), 5)).toMatchObject({ revision: 4, source: 'server', receivedAt: 5 })
    expect(activeFromServer(stored({ revision: 0 }), 5)).toBeNull()
    expect(activeFromServer(stored({ ruleSet: { ...DEFAULT_RULE_SET, minVolume: -1 } }), 5)).toBeNull()
    expect(activeFromServer({ code: 'forbidden', message: 'no' }, 5)).toBeNull()
  })
})

describe('RuleSetCache', () => {
  let dir: string | null = null
  let store: Store | null = null
  afterEach(async () => {
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('starts on the default, keeps what it accepted across a restart, and ignores a bad value', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gc-rules-'))
    store = await openStore(dir, MIGRATIONS)
    const cache = new RuleSetCache(store.sqlite)
    expect(await cache.load()).toMatchObject({ source: 'default', revision: null, ruleSet: DEFAULT_RULE_SET })
    const seen: number[] = []
    cache.onChange((a) => seen.push(a.revision ?? 0))
    expect(await cache.accept(stored())).toBe(true)
    expect(await cache.accept(stored())).toBe(false)
    expect(await cache.accept({ ...stored({ revision: 5 }), ruleSet: { nonsense: true } })).toBe(false)
    expect(seen).toEqual([4])

    const again = new RuleSetCache(store.sqlite)
    expect(await again.load()).toMatchObject({
      revision: 4,
      source: 'server',
      reason: '修订',
      ruleSet: { version: 'ZS-2026.4' },
    })
  })
})
