import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ReferenceData } from '@shared/domain'
import { distinctChars, referenceLabelTexts } from '@shared/map/label-chars'

export interface GlyphIndex {
  readonly fontstacks: readonly string[]
  /** Every character the shipped ranges hold. */
  readonly characters: string
}

/**
 * The label glyphs shipped in resources/glyphs (scripts/generate-glyphs.ts):
 * SDF ranges the map's style asks for through the contract (the renderer has
 * no file or network access of its own to fetch them with).
 */
export class GlyphFiles {
  private index: Promise<GlyphIndex> | null = null
  private readonly ranges = new Map<string, Promise<string | null>>()

  constructor(private readonly dir: string) {}

  static in(resourcesDir: string): GlyphFiles {
    return new GlyphFiles(path.join(resourcesDir, 'glyphs'))
  }

  meta(): Promise<GlyphIndex> {
    this.index ??= readFile(path.join(this.dir, 'index.json'), 'utf8')
      .then((text) => {
        const raw = JSON.parse(text) as { fontstacks?: unknown; characters?: unknown }
        return {
          fontstacks: Array.isArray(raw.fontstacks) ? raw.fontstacks.filter((f) => typeof f === 'string') : [],
          characters: typeof raw.characters === 'string' ? raw.characters : '',
        }
      })
      .catch(() => ({ fontstacks: [], characters: '' }))
    return this.index
  }

  /** One range as base64, or null when that fontstack or range is not shipped. */
  async range(fontstack: string, range: string): Promise<string | null> {
    const { fontstacks } = await this.meta()
    // Only names from the index reach the file system (no path of the caller's making).
    const stack = fontstacks.find((f) => f === fontstack)
    const m = /^(\d+)-(\d+)$/.exec(range)
    if (!stack || !m || Number(m[1]) % 256 !== 0 || Number(m[2]) !== Number(m[1]) + 255) return null
    const key = `${stack}/${range}`
    let found = this.ranges.get(key)
    if (!found) {
      const file = path.join(this.dir, stack, `${Number(m[1])}-${Number(m[2])}.pbf`)
      found = existsSync(file) ? readFile(file).then((b) => b.toString('base64')) : Promise.resolve(null)
      this.ranges.set(key, found)
    }
    return found
  }

  /** Label characters of this reference data the shipped glyphs lack (empty when they cover it all). */
  async missing(ref: ReferenceData | null): Promise<string> {
    if (!ref) return ''
    const have = new Set(distinctChars([(await this.meta()).characters]))
    return String.fromCodePoint(...distinctChars(referenceLabelTexts(ref)).filter((cp) => !have.has(cp)))
  }
}
