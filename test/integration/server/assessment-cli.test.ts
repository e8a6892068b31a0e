import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import { RuleSetStore } from '../../../src/server/assessment/rule-set-store'
import { openSideStores, storeArgs } from '../../support/side-stores'
import { tempDir } from './helpers'

const root = join(import.meta.dirname, '../../..')

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => resolve({ code, out }))
  })
}

describe('the rulesets CLI', { timeout: 120_000 }, () => {
  const tmp = tempDir()
  afterAll(() => tmp.remove())

  it('lists every revision with the active one marked, and shows one as JSON', async () => {
    const dir = await storeArgs(tmp.dir)
    const stores = await openSideStores(tmp.dir)
    const store = new RuleSetStore(stores.assessment)
    await store.seedDefault()
    await store.save(
      DEMO_TOKENS.supervisor.principal,
      { ...DEFAULT_RULE_SET, version: 'ZS-2026.2', minVolume: 8 },
      '样本量提高到 8',
      true,
    )
    await stores.close()

    const list = await cli(['rulesets', 'list', ...dir])
    expect(list.code).toBe(0)
    const lines = list.out.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^\*\s+2\s+ZS-2026\.2 .*sup-city-01 .*样本量提高到 8/)
    expect(lines[1]).toMatch(/^\s+1\s+ZS-2026\.1 .*system/)

    const show = await cli(['rulesets', 'show', '1', ...dir])
    expect(show.code).toBe(0)
    expect(JSON.parse(show.out)).toMatchObject({ revision: 1, active: false, ruleSet: DEFAULT_RULE_SET })
    const missing = await cli(['rulesets', 'show', '9', ...dir])
    expect(missing).toMatchObject({ code: 1, out: expect.stringContaining('no rule set revision 9') })
  })
})
