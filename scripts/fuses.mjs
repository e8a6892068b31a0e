import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

/**
 * The Electron fuses Grid Command ships with, flipped in the packaged binary
 * (they are compiled-in switches no command line or environment can turn back):
 * the app binary is never a Node interpreter, ignores NODE_OPTIONS and
 * --inspect, encrypts its cookies, runs only the app in its ASAR archive and
 * checks that archive's integrity, and grants file:// no special powers (the
 * renderer is served from app://).
 */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** Flips the fuses in one Electron executable (on macOS the .app bundle). */
export async function applyFuses(electronBinary) {
  await flipFuses(electronBinary, { ...FUSE_CONFIG, resetAdHocDarwinSignature: electronBinary.includes('.app') })
}

/** The executable a packager wrote for `platform` into `outDir` under `productFilename`. */
export function packagedBinary(platform, outDir, productFilename) {
  if (platform === 'darwin' || platform === 'mas') return path.join(outDir, `${productFilename}.app`)
  if (platform === 'win32') return path.join(outDir, `${productFilename}.exe`)
  return path.join(outDir, productFilename.toLowerCase().replace(/\s+/g, '-'))
}

/**
 * The packaging hook (electron-builder's `afterPack`, or any packager's
 * equivalent): flips the fuses of the app it just packed.
 */
export default async function afterPack(context) {
  const binary = packagedBinary(
    context.electronPlatformName,
    context.appOutDir,
    context.packager.appInfo.productFilename,
  )
  await applyFuses(binary)
}

// By hand: `node scripts/fuses.mjs path/to/packaged/electron-binary`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = process.argv[2]
  if (!binary) {
    console.error('usage: node scripts/fuses.mjs <packaged Electron binary or .app>')
    process.exit(2)
  }
  applyFuses(binary).then(
    () => console.log(`fuses set in ${binary}`),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err))
      process.exit(1)
    },
  )
}
