import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readOpen311Clients } from '../../../src/server/http/open311-clients'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function file(content: string): string {
  dir = mkdtempSync(join(tmpdir(), 'gc-keys-'))
  const path = join(dir, 'keys.json')
  writeFileSync(path, content)
  return path
}

describe('--open311-keys-file', () => {
  it('reads clients with their limits, defaulting to 30 a minute in bursts of 10', () => {
    const keys = file(
      JSON.stringify([
        { key: 'wechat-mini-program-key-01', client: 'wechat' },
        { key: 'partner-system-key-000002', client: 'partner', perMinute: 120, burst: 40 },
      ]),
    )
    expect(readOpen311Clients(keys)).toEqual([
      { key: 'wechat-mini-program-key-01', client: 'wechat', rate: { perMinute: 30, burst: 10 } },
      { key: 'partner-system-key-000002', client: 'partner', rate: { perMinute: 120, burst: 40 } },
    ])
  })

  it('says what is wrong with a bad file', () => {
    expect(() => readOpen311Clients(file('[{ "key": "short", "client": "x" }]'))).toThrow(/0\.key/)
    expect(() =>
      readOpen311Clients(
        file(
          JSON.stringify([
            { key: 'same-key-0123456789', client: 'a' },
            { key: 'same-key-0123456789', client: 'b' },
          ]),
        ),
      ),
    ).toThrow(/api_key used twice/)
    expect(() => readOpen311Clients(file('{not json'))).toThrow(/--open311-keys-file/)
  })
})
