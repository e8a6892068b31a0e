import { pinyin } from 'pinyin-pro'
import type { AssigneeKind } from '@shared/domain'

/** A unit a case can be sent to, as the target picker lists it. */
export interface Target {
  readonly kind: AssigneeKind
  readonly id: string
  readonly name: string
  /** A short note shown beside the name (a team's town, a unit's open cases). */
  readonly note?: string
}

/** A target with the keys typed text is matched against (computed once per list). */
export interface SearchableTarget extends Target {
  /** Lower-case name. */
  readonly lower: string
  /** Pinyin initials of the name (消防救援 → xfjy); Latin letters and digits kept as they are. */
  readonly initials: string
  /** Full pinyin without spaces or tones (消防救援 → xiaofangjiuyuan). */
  readonly spelled: string
}

const HAN = /\p{Script=Han}/u

/** Pinyin keys of a name (pinyin-pro's dictionary, not a hand-kept table); other characters pass through. */
export function pinyinKeys(name: string): { initials: string; spelled: string } {
  if (!HAN.test(name)) {
    const lower = name.toLowerCase()
    const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    return { initials: words.map((w) => w[0]).join(''), spelled: words.join('') }
  }
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '')
  return { initials: clean(first), spelled: clean(full) }
}

export function searchable(targets: readonly Target[]): SearchableTarget[] {
  return targets.map((t) => ({ ...t, lower: t.name.toLowerCase(), ...pinyinKeys(t.name) }))
}

/**
 * How well typed text names a target: 0 = not at all; higher is better. The name itself first
 * (start, then anywhere), then pinyin initials (start, anywhere), then full pinyin from the start.
 */
export function matchScore(query: string, t: SearchableTarget): number {
  const q = query.trim().toLowerCase().replace(/\s+/g, '')
  if (!q) return 1
  if (t.lower.startsWith(q)) return 60
  if (t.lower.includes(q)) return 50
  if (t.initials.startsWith(q)) return 40
  if (t.initials.includes(q)) return 30
  if (t.spelled.startsWith(q)) return 20
  if (t.spelled.includes(q)) return 10
  return 0
}

/** The targets typed text names, best first; ties keep the list's order (the recommended unit leads it). */
export function searchTargets(query: string, list: readonly SearchableTarget[]): SearchableTarget[] {
  return list
    .map((t, i) => ({ t, i, s: matchScore(query, t) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.t)
}

export const targetKey = (t: Pick<Target, 'kind' | 'id'>): string => `${t.kind}:${t.id}`
