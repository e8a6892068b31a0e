import type { ReferenceData } from '../domain'

/**
 * Every character a map label can show, for the glyph ranges the app ships
 * (scripts/generate-glyphs.ts), for the test that holds them to it and for the core,
 * which tells the map when a server's names need characters the app did not ship. Labels
 * on the map are names from the reference data (towns in both languages,
 * villages and communities, grids, joint teams), numbers (open counts, cluster
 * sizes), case codes and QR ids (ASCII) and a few marks between them.
 */
export const LABEL_PUNCTUATION = '·、，。：；（）《》—–…‘’“”°±×÷'

/** Printable ASCII and Latin-1 (English labels, codes, numbers). */
export function latinChars(): string {
  let out = ''
  for (let c = 0x20; c <= 0x7e; c++) out += String.fromCodePoint(c)
  for (let c = 0xa0; c <= 0xff; c++) out += String.fromCodePoint(c)
  return out
}

export function referenceLabelTexts(ref: Pick<ReferenceData, 'towns' | 'grids' | 'teams'>): string[] {
  return [
    ...ref.towns.flatMap((t) => [t.name, t.nameEn]),
    ...ref.grids.map((g) => g.name),
    ...ref.teams.map((t) => t.name),
  ]
}

/** The distinct code points of `texts`, sorted (newlines and other controls left out). */
export function distinctChars(texts: Iterable<string>): number[] {
  const set = new Set<number>()
  for (const text of texts)
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number
      if (cp >= 0x20) set.add(cp)
    }
  return [...set].sort((a, b) => a - b)
}
