import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '@shared/domain'
import { RuleSetCache } from '../../../src/main/core/assessment/rule-set-cache'
import { registerRuleSetHandler, type RuleSetLink } from '../../../src/main/core/handlers/rule-set'
import { Registry } from '../../../src/main/core/registry'
import { openStore, type Store } from '../../../src/main/core/store/open-store'
import { MIGRATIONS } from './helpers'

const revision = (n: number, active: boolean) => ({
  revision: n,
  ruleSet: { ...DEFAULT_RULE_SET, version: `ZS-2026.${n}` },
  authorId: 'sup-city-01',
  authorName: '值班长',
  createdAt: 1_790_000_000_000,
  reason: '修订',
  active,
})

describe('the rule-set editor’s requests in the core', () => {
  let dir: string | null = null
  let store: Store | null = null
  afterEach(async () => {
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function setUp(link: RuleSetLink) {
    dir = mkdtempSync(join(tmpdir(), 'gc-rules-editor-'))
    store = await openStore(dir, MIGRATIONS)
    const cache = new RuleSetCache(store.sqlite)
    const registry = new Registry()
    registerRuleSetHandler(registry, cache, link)
    const call = (name: string, args: object) => registry.call(name, args, { origin: 'internal', readOnly: false })
    return { cache, call }
  }

  it('offline: unavailable, saying so, and nothing is sent later', async () => {
    const sent: string[] = []
    const { call } = await setUp({
      ask: async (msg) => {
        sent.push(msg)
        return null
      },
    })
    const out = await call('ruleSets.save', { ruleSet: DEFAULT_RULE_SET, reason: '调整' })
    expect(out).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    if (!out.ok) expect(out.error.message).toContain('草稿已保留')
    expect(sent).toEqual(['ruleSetSave'])
  })

  it('passes the server’s refusal on with its code, and takes an activated revision at once', async () => {
    const replies: unknown[] = [
      { code: 'forbidden', message: 'only a supervisor may save a rule set (you are signed in as operator)' },
      revision(2, true),
    ]
    const { cache, call } = await setUp({ ask: async () => ({ reply: replies.shift() }) })
    const refused = await call('ruleSets.save', { ruleSet: DEFAULT_RULE_SET, reason: '调整' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(cache.get().revision).toBeNull()
    const activated = await call('ruleSets.activate', { revision: 2, reason: '启用' })
    expect(activated).toMatchObject({ ok: true, value: { revision: 2, active: true } })
    expect(cache.get()).toMatchObject({ revision: 2, source: 'server' })
  })

  it('refuses a save without a reason before asking the server', async () => {
    const { call } = await setUp({ ask: async () => ({ reply: revision(2, false) }) })
    const out = await call('ruleSets.save', { ruleSet: DEFAULT_RULE_SET, reason: '  ' })
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid_args' } })
  })
})
