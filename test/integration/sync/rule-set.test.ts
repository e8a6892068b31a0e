import { describe, expect, it } from 'vitest'
import type { ActiveRuleSet, AssessmentReport } from '@shared/contract'
import { DEFAULT_RULE_SET } from '@shared/domain'
import { DEMO_TOKENS, MSG, type StoredRuleSet } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { client } from '../server/helpers'
import { closeQuietly, perTestDirs, startCore, startTestServer, until } from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const

async function active(c: Core): Promise<ActiveRuleSet> {
  const r = await c.registry.call('assessment.ruleSet', {}, ctx)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as ActiveRuleSet
}

describe('the workstation scores with the server’s active rule set', () => {
  it('receives it after hello, takes a new one when activated, keeps it offline, and the league uses it', async () => {
    const s = await tempDir()
    const c = await tempDir()
    server = await startTestServer(s.dir)
    core = await startCore(c.dir, server.url)
    const live = core
    // The server seeded ZS-2026.1 as revision 1; the core asks for the active one after its hello.
    await until(async () => (await active(live)).source === 'server')
    expect(await active(live)).toMatchObject({ revision: 1, source: 'server', ruleSet: DEFAULT_RULE_SET })

    const pushed: ActiveRuleSet[] = []
    live.hub.subscribe((name, payload) => {
      if (name === 'ruleSet') pushed.push(payload as ActiveRuleSet)
    })
    const sup = await client(server.url, DEMO_TOKENS.supervisor.token)
    const saved = (await sup.emitWithAck(MSG.ruleSetSave, {
      ruleSet: { ...DEFAULT_RULE_SET, version: 'ZS-2026.2', name: '修订版', minVolume: 50, bottomN: 1 },
      reason: '样本量提高到 50',
      activate: true,
    })) as StoredRuleSet
    sup.close()
    expect(saved.revision).toBe(2)
    await until(async () => (await active(live)).revision === 2)
    expect(await active(live)).toMatchObject({
      source: 'server',
      authorId: 'sup-city-01',
      reason: '样本量提高到 50',
      ruleSet: { version: 'ZS-2026.2', minVolume: 50 },
    })
    expect(pushed.map((p) => p.revision)).toEqual([2])
    const report = await live.registry.call('assessment.report', { period: { kind: 'month' }, unitKind: 'town' }, ctx)
    expect(report.ok && (report.value as AssessmentReport).ruleSet.version).toBe('ZS-2026.2')

    // Offline (no server): the cached revision stays in use.
    await live.close()
    core = await startCore(c.dir, null)
    expect(await active(core)).toMatchObject({ revision: 2, source: 'server', ruleSet: { version: 'ZS-2026.2' } })
  })
})
