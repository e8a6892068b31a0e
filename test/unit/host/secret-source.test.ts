import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { secretFrom } from '../../../src/main/host/secret-source'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe("the browser host's tokens", () => {
  it('come from a private file or the environment, and a file others can read is refused', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grid-token-'))
    dirs.push(dir)
    const file = path.join(dir, 'host-token')
    writeFileSync(file, 'a-long-host-token-0123456789\n', { mode: 0o600 })
    expect(secretFrom(file, 'from-env')).toBe('a-long-host-token-0123456789')
    expect(secretFrom(undefined, 'from-env')).toBe('from-env')
    expect(secretFrom(undefined, undefined)).toBeNull()
    chmodSync(file, 0o644)
    expect(() => secretFrom(file, undefined)).toThrow(/other users \(mode 0644\)/)
    writeFileSync(path.join(dir, 'empty'), '', { mode: 0o600 })
    expect(() => secretFrom(path.join(dir, 'empty'), undefined)).toThrow(/empty/)
  })
})
