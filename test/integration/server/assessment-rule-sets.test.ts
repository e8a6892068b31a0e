import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET, type RuleSet } from '@shared/domain'
import { DEMO_TOKENS, MSG, type Problem, type RuleSetList, type StoredRuleSet } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { client, quietServer, tempDir, type ClientSocket } from './helpers'

let server: RunningServer | null = null
let dir: ReturnType<typeof tempDir> | null = null
const sockets: ClientSocket[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await server?.close()
  server = null
  dir?.remove()
  dir = null
})

async function start(): Promise<RunningServer> {
  dir = tempDir()
  server = await quietServer(dir.dir)
  return server
}

async function as(token: string): Promise<ClientSocket> {
  const s = await client((server as RunningServer).url, token)
  sockets.push(s)
  return s
}

const isProblem = (r: unknown): r is Problem => typeof r === 'object' && r !== null && 'code' in r && 'message' in r
const stricter = (version: string): RuleSet => ({ ...DEFAULT_RULE_SET, version, name: '更严的细则', minVolume: 10 })

describe('rule sets on the central server', () => {
  it('starts with the default rule set ZS-2026.1 as revision 1, active, readable by every desk', async () => {
    await start()
    for (const token of [DEMO_TOKENS.operator.token, DEMO_TOKENS.wall.token, DEMO_TOKENS.department.token]) {
      const s = await as(token)
      const list = (await s.emitWithAck(MSG.ruleSetList, {})) as RuleSetList
      expect(list.active).toBe(1)
      expect(list.ruleSets.map((r) => [r.revision, r.version, r.active])).toEqual([[1, 'ZS-2026.1', true]])
      const active = (await s.emitWithAck(MSG.ruleSetGet, {})) as StoredRuleSet
      expect(active.ruleSet).toEqual(DEFAULT_RULE_SET)
    }
  })

  it('lets only a supervisor save; others get forbidden and nothing is stored', async () => {
    await start()
    const operator = await as(DEMO_TOKENS.operator.token)
    const reply = await operator.emitWithAck(MSG.ruleSetSave, { ruleSet: stricter('ZS-2026.2'), reason: '试行' })
    expect(isProblem(reply) && reply.code).toBe('forbidden')
    const activate = await operator.emitWithAck(MSG.ruleSetActivate, { revision: 1, reason: 'x' })
    expect(isProblem(activate) && activate.code).toBe('forbidden')
    const list = (await operator.emitWithAck(MSG.ruleSetList, {})) as RuleSetList
    expect(list.ruleSets).toHaveLength(1)
  })

  it('refuses a rule set the shared schema rejects, saying why, and stores nothing', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const bad = { ...stricter('ZS-2026.2'), minVolume: -3, clock: 'whenever' }
    const reply = await sup.emitWithAck(MSG.ruleSetSave, { ruleSet: bad, reason: '试行' })
    expect(isProblem(reply) && reply.code).toBe('invalid_payload')
    expect((reply as Problem).message).toMatch(/minVolume/)
    expect((reply as Problem).message).toMatch(/clock/)
    const noReason = await sup.emitWithAck(MSG.ruleSetSave, { ruleSet: stricter('ZS-2026.2'), reason: ' ' })
    expect(isProblem(noReason) && noReason.code).toBe('invalid_payload')
    const list = (await sup.emitWithAck(MSG.ruleSetList, {})) as RuleSetList
    expect(list.ruleSets).toHaveLength(1)
  })

  it('keeps every save as a new revision with author, time and reason; a used version label is a conflict', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const saved = (await sup.emitWithAck(MSG.ruleSetSave, {
      ruleSet: stricter('ZS-2026.2'),
      reason: '提高最低样本量',
    })) as StoredRuleSet
    expect(saved).toMatchObject({ revision: 2, active: false, authorId: 'sup-city-01', reason: '提高最低样本量' })
    expect(saved.ruleSet.minVolume).toBe(10)
    const again = await sup.emitWithAck(MSG.ruleSetSave, { ruleSet: stricter('ZS-2026.2'), reason: '再存一次' })
    expect(isProblem(again) && again.code).toBe('conflict')
    // The first revision is unchanged, and still the active one.
    const one = (await sup.emitWithAck(MSG.ruleSetGet, { revision: 1 })) as StoredRuleSet
    expect(one).toMatchObject({ active: true, ruleSet: DEFAULT_RULE_SET })
    const missing = await sup.emitWithAck(MSG.ruleSetGet, { revision: 9 })
    expect(isProblem(missing) && missing.code).toBe('not_found')
  })

  it('pushes the newly active rule set to every connected desk, and a restarted server keeps it', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const wall = await as(DEMO_TOKENS.wall.token)
    const pushed = new Promise<StoredRuleSet>((resolve) => wall.once(MSG.ruleSet, resolve))
    const saved = (await sup.emitWithAck(MSG.ruleSetSave, {
      ruleSet: stricter('ZS-2026.2'),
      reason: '年度修订',
      activate: true,
    })) as StoredRuleSet
    expect(saved.active).toBe(true)
    expect((await pushed).ruleSet.version).toBe('ZS-2026.2')

    const back = new Promise<StoredRuleSet>((resolve) => wall.once(MSG.ruleSet, resolve))
    const active = (await sup.emitWithAck(MSG.ruleSetActivate, { revision: 1, reason: '恢复默认' })) as StoredRuleSet
    expect(active).toMatchObject({ revision: 1, active: true })
    expect((await back).revision).toBe(1)

    const kept = dir as ReturnType<typeof tempDir>
    for (const s of sockets.splice(0)) s.close()
    await server?.close()
    server = await quietServer(kept.dir)
    const again = await as(DEMO_TOKENS.operator.token)
    const list = (await again.emitWithAck(MSG.ruleSetList, {})) as RuleSetList
    expect(list.active).toBe(1)
    expect(list.ruleSets.map((r) => r.version)).toEqual(['ZS-2026.2', 'ZS-2026.1'])
  })
})
