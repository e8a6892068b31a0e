import { districtDateTime } from '../../time/district-time'
import { z } from 'zod'
import type { Period, UnitKind } from '../../domain'
import { REPORT_SCOPES, type FrozenReport, type ReportCheck, type ReportList } from '../../protocol/assessment'
import { request } from '../define'
import { LOCALES, type Locale } from './app'
import { periodSpecSchema, type AssessmentRow } from './assessment'

/**
 * Frozen reports and exports of the assessment (考核, docs/assessment.md §11, §13): the server's
 * closed periods read through this workstation's link, and a report (live or frozen) as one
 * document for the XLSX workbook and the printable page.
 */

/** What to export or print: today's recomputation of a period, or a frozen report by id. */
export const reportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('live'), period: periodSpecSchema }),
  z.object({ kind: z.literal('frozen'), id: z.number().int().positive() }),
])
export type ReportSource = z.infer<typeof reportSourceSchema>

export interface DocumentRow extends AssessmentRow {
  /** The unit's name in the document's language (the id when the reference data does not know it). */
  readonly name: string
}

export interface DocumentLeague {
  readonly unitKind: UnitKind
  readonly ranked: readonly DocumentRow[]
  readonly insufficient: readonly DocumentRow[]
}

/** A report ready to print or save: every league, and where its numbers come from. */
export interface AssessmentDocument {
  readonly locale: Locale
  readonly period: Period
  readonly previous: Period
  readonly ruleSet: { readonly version: string; readonly revision: number | null }
  /** The log position the figures were computed at; the head hash only for a frozen report. */
  readonly position: { readonly seq: number; readonly headHash: string | null }
  readonly evaluatedAt: number
  /** When the figures were computed (a frozen report's generation time). */
  readonly computedAt: number
  /** When this document was made. */
  readonly generatedAt: number
  /** Null: a live recomputation from this workstation's cache. */
  readonly frozen: {
    readonly id: number
    readonly version: number
    readonly previousId: number | null
    readonly authorId: string
    readonly reason: string
  } | null
  readonly leagues: readonly DocumentLeague[]
}

const documentArgs = z.object({ source: reportSourceSchema, locale: z.enum(LOCALES).default('zh-CN') })

export interface ExportedFile {
  readonly fileName: string
  /** The file's bytes, base64 (requests carry JSON). */
  readonly base64: string
}

export const closePeriodSchema = z.object({
  period: periodSpecSchema,
  scope: z.enum(REPORT_SCOPES),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
})

/**
 * The closed reports with the display names of the people who closed or corrected them (the
 * server's account list, this district's reference data, the signed-in operator): an id the
 * workstation cannot name is shown as the id.
 */
export interface FrozenReportListing extends ReportList {
  readonly names: Readonly<Record<string, string>>
}

export const assessmentReportRequests = {
  /** A report (live or frozen) with every unit kind's league and the unit names: what the print view shows. */
  'assessment.document': request<AssessmentDocument>()(documentArgs),
  /** The report as an XLSX workbook (one sheet per unit kind, a cover sheet). */
  'assessment.exportXlsx': request<ExportedFile>()(documentArgs),
  /**
   * Electron only: saves the XLSX or the PDF (Chromium print-to-PDF of the print view) where the
   * user picks in a save dialog; path null when they cancel. The browser host answers `unavailable`
   * (the page downloads the XLSX and prints the view itself).
   */
  'assessment.saveExport': request<{ path: string | null }>()(documentArgs.extend({ format: z.enum(['xlsx', 'pdf']) })),
  /** The server's closed reports (of one period when named), newest first. Needs the central server. */
  'assessment.frozenList': request<FrozenReportListing>()(z.object({ periodLabel: z.string().max(40).optional() })),
  /** One closed report with its frozen numbers. */
  'assessment.frozenGet': request<FrozenReport>()(z.object({ id: z.number().int().positive() })),
  /** The server recomputes a closed report from its log at the recorded seq and compares. */
  'assessment.frozenVerify': request<ReportCheck>()(z.object({ id: z.number().int().positive() })),
  /** Closes a period (supervisor): the server freezes its report; closing again stores a correction. */
  'assessment.closePeriod': request<FrozenReport>()(closePeriodSchema),
}

/** The print view's route (hash, without `#/`) for a report: the shell prints it, the browser opens it. */
export function printRoute(source: ReportSource, locale: Locale): string {
  return `assessment/print?source=${encodeURIComponent(JSON.stringify(source))}&locale=${encodeURIComponent(locale)}`
}

/** What a print route names, or null when its query is not a report source. */
export function parsePrintRoute(hash: string): { source: ReportSource; locale: Locale } | null {
  const m = /^#?\/?assessment\/print\?(.*)$/.exec(hash)
  if (!m) return null
  const q = new Map(
    (m[1] ?? '').split('&').map((pair) => {
      const i = pair.indexOf('=')
      return [pair.slice(0, i), pair.slice(i + 1)] as const
    }),
  )
  try {
    const source = reportSourceSchema.safeParse(JSON.parse(decodeURIComponent(q.get('source') ?? 'null')))
    const locale = q.get('locale') === 'en' ? 'en' : 'zh-CN'
    return source.success ? { source: source.data, locale } : null
  } catch {
    return null
  }
}

/** District time (src/shared/time/district-time.ts) as YYYY-MM-DD HH:mm:ss, whatever the machine's zone: how reports print times. */
export function districtTime(ms: number): string {
  return districtDateTime(ms)
}
