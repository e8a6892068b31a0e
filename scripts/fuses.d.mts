import type { FuseV1Config } from '@electron/fuses'

/** The fuses Grid Command ships with (see fuses.mjs). */
export declare const FUSE_CONFIG: FuseV1Config
/** Flips the fuses in one Electron executable (on macOS the .app bundle). */
export declare function applyFuses(electronBinary: string): Promise<void>
/** The executable a packager wrote for `platform` into `outDir` under `productFilename`. */
export declare function packagedBinary(platform: string, outDir: string, productFilename: string): string
/** electron-builder's afterPack hook. */
export default function afterPack(context: {
  electronPlatformName: string
  appOutDir: string
  packager: { appInfo: { productFilename: string } }
}): Promise<void>
