/**
 * Writes the map's label glyphs to resources/glyphs/: signed-distance-field glyph
 * ranges in the PBF format MapLibre reads (`<fontstack>/<start>-<end>.pbf`, 24 px,
 * 3 px border, as the style spec's glyph servers make them), drawn from the CJK font
 * (Noto Sans CJK, its Simplified Chinese face) — only the characters map labels use:
 * every name in the reference data the server generates (towns in both languages,
 * villages and communities, grids, joint teams), printable ASCII and Latin-1, and a
 * few marks (scripts/glyphs/label-chars.ts). A full CJK font as SDF ranges would be
 * ~40 MB; these are ~1 MB, and a test keeps them covering every label.
 *
 * Run after the reference data's names change: npx tsx scripts/generate-glyphs.ts
 * (needs fonts-noto-cjk; FONT_DIR overrides where the .ttc files are).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas'
import TinySDF from '@mapbox/tiny-sdf'
import * as fontkit from 'fontkit'
import { PbfWriter } from 'pbf'
import { generateReference } from '../src/server/reference/generate'
import { distinctChars, LABEL_PUNCTUATION, latinChars, referenceLabelTexts } from '../src/shared/map/label-chars'

const FONT_SIZE = 24
const BUFFER = 3
const RADIUS = 8
const CUTOFF = 0.25
/** MapLibre's glyph `top` is measured from an origin above the em box; this is its own offset for drawn glyphs. */
const TOP_ADJUSTMENT = 27

interface Face {
  readonly fontstack: string
  readonly file: string
  readonly postscriptName: string
}

const fontDir = process.env.FONT_DIR ?? '/usr/share/fonts/opentype/noto'
const FACES: readonly Face[] = [
  { fontstack: 'Noto Sans CJK SC Regular', file: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { fontstack: 'Noto Sans CJK SC Bold', file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
]

interface FontkitGlyph {
  readonly advanceWidth: number
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number }
  readonly path: { commands: unknown[]; toFunction(): (ctx: unknown) => void }
}
interface FontkitFont {
  readonly unitsPerEm: number
  hasGlyphForCodePoint(cp: number): boolean
  glyphForCodePoint(cp: number): FontkitGlyph
}

/**
 * TinySDF measures and draws with a canvas context's text calls; this one answers them from
 * the font file's own outlines (so the exact face is used, not whatever the system maps a
 * family name to) and rasterises on a Node canvas.
 */
function outlineContext(ctx: SKRSContext2D, font: FontkitFont): unknown {
  const scale = FONT_SIZE / font.unitsPerEm
  const glyphOf = (char: string) => font.glyphForCodePoint(char.codePointAt(0) as number)
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === 'measureText')
        return (char: string) => {
          const g = glyphOf(char)
          const empty = g.path.commands.length === 0
          return {
            width: g.advanceWidth * scale,
            actualBoundingBoxAscent: empty ? 0 : g.bbox.maxY * scale,
            actualBoundingBoxDescent: empty ? 0 : -g.bbox.minY * scale,
            actualBoundingBoxLeft: empty ? 0 : -g.bbox.minX * scale,
            actualBoundingBoxRight: empty ? 0 : g.bbox.maxX * scale,
          }
        }
      if (prop === 'fillText')
        return (char: string, x: number, y: number) => {
          target.save()
          target.translate(x, y)
          target.scale(scale, -scale)
          target.beginPath()
          glyphOf(char).path.toFunction()(target)
          target.fill()
          target.restore()
        }
      const value = Reflect.get(target, prop) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value)
    },
  })
}

class OutlineSDF extends TinySDF {
  constructor(font: FontkitFont) {
    super({ fontSize: FONT_SIZE, buffer: BUFFER, radius: RADIUS, cutoff: CUTOFF })
    const self = this as unknown as { ctx: SKRSContext2D }
    self.ctx = outlineContext(self.ctx, font) as SKRSContext2D
  }
  _createCanvas(size: number): HTMLCanvasElement {
    return createCanvas(size, size) as unknown as HTMLCanvasElement
  }
}

interface PbfGlyph {
  id: number
  bitmap: Uint8Array | null
  width: number
  height: number
  left: number
  top: number
  advance: number
}

function encodeRange(fontstack: string, range: string, glyphs: readonly PbfGlyph[]): Uint8Array {
  const pbf = new PbfWriter()
  pbf.writeMessage(
    1,
    () => {
      pbf.writeStringField(1, fontstack)
      pbf.writeStringField(2, range)
      for (const g of glyphs)
        pbf.writeMessage(
          3,
          () => {
            pbf.writeVarintField(1, g.id)
            // An empty glyph (a space) carries no bitmap at all: MapLibre sizes an empty one itself.
            if (g.bitmap && g.bitmap.length > 0) pbf.writeBytesField(2, g.bitmap)
            pbf.writeVarintField(3, g.width)
            pbf.writeVarintField(4, g.height)
            pbf.writeSVarintField(5, g.left)
            pbf.writeSVarintField(6, g.top)
            pbf.writeVarintField(7, g.advance)
          },
          null,
        )
    },
    null,
  )
  return pbf.finish()
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'resources', 'glyphs')
const ref = generateReference()
const wanted = distinctChars([latinChars(), LABEL_PUNCTUATION, ...referenceLabelTexts(ref.data)])

rmSync(out, { recursive: true, force: true })
const covered = new Set<number>()
let bytes = 0
for (const face of FACES) {
  const collection = fontkit.openSync(join(fontDir, face.file)) as unknown as {
    getFont(name: string): FontkitFont | null
  }
  const font = collection.getFont(face.postscriptName)
  if (!font) throw new Error(`${face.file} has no face ${face.postscriptName}`)
  const sdf = new OutlineSDF(font)
  const byRange = new Map<number, PbfGlyph[]>()
  for (const cp of wanted) {
    if (!font.hasGlyphForCodePoint(cp)) continue
    const g = sdf.draw(String.fromCodePoint(cp))
    const list = byRange.get(cp >> 8) ?? []
    list.push({
      id: cp,
      bitmap: g.glyphWidth > 0 && g.glyphHeight > 0 ? Uint8Array.from(g.data) : null,
      width: g.glyphWidth,
      height: g.glyphHeight,
      left: g.glyphLeft,
      top: g.glyphTop - TOP_ADJUSTMENT,
      advance: Math.round(g.glyphAdvance),
    })
    byRange.set(cp >> 8, list)
    covered.add(cp)
  }
  const dir = join(out, face.fontstack)
  mkdirSync(dir, { recursive: true })
  for (const [r, glyphs] of byRange) {
    const range = `${r * 256}-${r * 256 + 255}`
    const data = encodeRange(face.fontstack, range, glyphs)
    bytes += data.length
    writeFileSync(join(dir, `${range}.pbf`), data)
  }
}

const index = {
  note:
    'SDF glyph ranges for the map labels, from Noto Sans CJK SC (SIL Open Font License 1.1), ' +
    'only the characters labels use; written by scripts/generate-glyphs.ts.',
  size: FONT_SIZE,
  fontstacks: FACES.map((f) => f.fontstack),
  characters: String.fromCodePoint(...[...covered].sort((a, b) => a - b)),
}
writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`)
const missing = wanted.filter((cp) => !covered.has(cp))
console.log(
  `wrote ${covered.size} characters × ${FACES.length} weights (${(bytes / 1024).toFixed(0)} KiB) to ${out}` +
    (missing.length > 0 ? `; not in the font: ${String.fromCodePoint(...missing)}` : ''),
)
