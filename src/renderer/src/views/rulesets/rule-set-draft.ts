import en from 'zod/v4/locales/en.js'
import zhCN from 'zod/v4/locales/zh-CN.js'
import { ruleSetSchema, type RuleSet } from '@shared/domain'

/**
 * The rule-set editor's draft (评分细则): checked with THE shared schema (the one the server
 * checks with), its messages in the desk's language and its paths named as the form names them.
 * Pure; the view keeps the draft as the user left it whatever happens to a save.
 */
export interface DraftIssue {
  /** The schema's path, dot-joined (e.g. units.department.indicators.0.threshold). */
  readonly path: string
  readonly message: string
}

export type DraftCheck =
  { readonly ok: true; readonly ruleSet: RuleSet } | { readonly ok: false; readonly issues: readonly DraftIssue[] }

export function checkDraft(draft: unknown, locale: 'zh-CN' | 'en'): DraftCheck {
  const localeError = (locale === 'en' ? en() : zhCN()).localeError
  const parsed = ruleSetSchema.safeParse(draft, { error: localeError })
  if (parsed.success) return { ok: true, ruleSet: parsed.data }
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const path = i.path.map(String).join('.')
      // Shares are edited as percentages: say the bound in the unit the user typed.
      const share = /(^|\.)threshold$|^targets\.rectification$/.test(path)
      const bound = share && (i.code === 'too_big' || i.code === 'too_small')
      return { path, message: bound ? SHARE_BOUND[locale] : i.message }
    }),
  }
}

const SHARE_BOUND = { 'zh-CN': '须在 0%–100% 之间', en: 'must be between 0% and 100%' } as const

/** A new revision starts from the one shown, under a version label of its own (the server refuses a reused one). */
export function nextVersion(version: string, taken: readonly string[]): string {
  const m = /^(.*?)(\d+)$/.exec(version)
  const stem = m ? (m[1] ?? '') : `${version}.`
  let n = m ? Number(m[2]) : 0
  let next: string
  do next = `${stem}${++n}`
  while (taken.includes(next))
  return next
}

/** Shares (0.9) are edited as percentages (90) and back, without floating-point dust. */
export const toPercent = (share: number): number => Math.round(share * 10_000) / 100
export const fromPercent = (percent: number): number => Math.round(percent * 100) / 10_000

/** Sets a value at a dot path in a copy of the draft (arrays and objects copied along the path). */
export function setAt<T>(draft: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T
  const [head, ...rest] = path
  const src = draft as unknown as Record<string | number, unknown>
  const copy = (Array.isArray(draft) ? [...draft] : { ...src }) as Record<string | number, unknown>
  copy[head as string | number] = setAt(src[head as string | number], rest, value)
  return copy as unknown as T
}
