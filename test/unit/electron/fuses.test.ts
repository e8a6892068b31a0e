import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterEach, describe, expect, it } from 'vitest'
import afterPack, { applyFuses, FUSE_CONFIG, packagedBinary } from '../../../scripts/fuses.mjs'

/** The marker Electron's binary carries before its fuse wire (see @electron/fuses). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ENABLE = '1'.charCodeAt(0)
const DISABLE = '0'.charCodeAt(0)

/** A stand-in executable: some bytes, the sentinel, wire version 1, eight fuses all enabled, more bytes. */
function fakeElectron(file: string): void {
  const wire = Buffer.from([1, 8, ...Array<number>(8).fill(ENABLE)])
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(SENTINEL), wire, Buffer.from('…more')]))
}

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('Electron fuses', () => {
  it('turn off Node and inspection, turn on cookie encryption and ASAR-only loading with integrity checks', () => {
    expect(FUSE_CONFIG).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
  })

  it('are flipped in the binary by the packaging hook', async () => {
    const out = (dir = mkdtempSync(path.join(tmpdir(), 'gc-fuses-')))
    const binary = packagedBinary('linux', out, 'Grid Command')
    expect(binary).toBe(path.join(out, 'grid-command'))
    fakeElectron(binary)
    await afterPack({
      electronPlatformName: 'linux',
      appOutDir: out,
      packager: { appInfo: { productFilename: 'Grid Command' } },
    })
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE)
    // Nothing but the wire changed.
    const bytes = readFileSync(binary)
    expect(bytes.subarray(bytes.length - 7).toString()).toBe('…more')
  })

  it('refuse a file that is not an Electron binary', async () => {
    const file = path.join((dir = mkdtempSync(path.join(tmpdir(), 'gc-fuses-'))), 'not-electron')
    writeFileSync(file, 'just text')
    await expect(applyFuses(file)).rejects.toThrow(/sentinel/)
  })
})
