import type { SqliteDatabase } from '@infra/sqlite'
import { ContractError, printRoute, type AssessmentDocument, type Locale, type ReportSource } from '@shared/contract'
import { referenceNames, UNIT_KINDS } from '@shared/domain'
import type { ActiveRules } from '../assessment/active-rules'
import { LiveAssessment } from '../assessment/live-assessment'
import { workbookBytes, exportFileName } from '../assessment/export-xlsx'
import type { FrozenReports } from '../assessment/frozen-reports'
import { periodOf, reportsFrom } from '../assessment/report'
import { frozenDocument, liveDocument } from '../assessment/report-document'
import type { RuleSetCache } from '../assessment/rule-set-cache'
import type { ShellFiles } from '../assessment/shell-files'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import type { ReferenceCache } from '../sync/reference-cache'

export interface AssessmentReportDeps {
  readonly sqlite: SqliteDatabase
  readonly status: StatusBoard
  readonly rules: ActiveRules
  readonly ruleSets: Pick<RuleSetCache, 'get'>
  readonly reference: Pick<ReferenceCache, 'get'> & Partial<Pick<ReferenceCache, 'nameOf'>>
  /** The command room's accounts as the server lists them (null offline): the names of report authors. */
  readonly people?: () => Promise<readonly { readonly actorId: string; readonly name: string }[] | null>
  readonly frozen: FrozenReports
  /** The desktop shell's save dialog and print-to-PDF; null in the browser host. */
  readonly shell: ShellFiles | null
  readonly now?: () => number
  /** The periods kept between requests (shared with the 考核 screen's handler); none kept without it. */
  readonly live?: LiveAssessment
}

/**
 * Frozen reports (the server's, read through the sync link) and exports of a report, live or
 * frozen, as one document: the print view shows it, the XLSX holds it (docs/assessment.md §13).
 */
export function registerAssessmentReportHandlers(registry: Registry, deps: AssessmentReportDeps): void {
  const now = () => (deps.now ?? Date.now)()
  const live = deps.live ?? new LiveAssessment({ db: deps.sqlite, status: deps.status })

  const documentOf = async (source: ReportSource, locale: Locale): Promise<AssessmentDocument> => {
    const names = referenceNames(deps.reference.get(), locale === 'en')
    const at = now()
    if (source.kind === 'frozen') return frozenDocument(await deps.frozen.get(source.id), { names, locale, now: at })
    const p = periodOf(source.period, at)
    const active = deps.ruleSets.get()
    const ruleSet = await deps.rules.get()
    // Every league of the period at once, at one log position: the kept computation (live-assessment.ts)
    // judges the cases once for all seven unit kinds.
    const ref = deps.reference.get() ?? { grids: [], workers: [] }
    const { leagues, cursor } = await live.leagues(p, ruleSet, ref, at)
    const reports = reportsFrom(leagues.report(UNIT_KINDS), { rules: ruleSet, period: p, now: at, cursor })
    const revision = active.ruleSet.version === ruleSet.version ? active.revision : null
    return liveDocument(reports, { names, locale, revision, now: at })
  }

  registry
    .register('assessment.document', ({ source, locale }) => documentOf(source, locale))
    .register('assessment.exportXlsx', async ({ source, locale }) => {
      const doc = await documentOf(source, locale)
      const bytes = await workbookBytes(doc)
      return { fileName: exportFileName(doc, 'xlsx'), base64: bytes.toString('base64') }
    })
    .register('assessment.saveExport', async ({ source, locale, format }) => {
      const shell = deps.shell
      if (!shell)
        throw new ContractError('unavailable', 'saving a file needs the desktop app (the browser downloads it)')
      const doc = await documentOf(source, locale)
      const bytes = format === 'xlsx' ? await workbookBytes(doc) : await shell.printToPdf(printRoute(source, locale))
      return { path: await shell.save({ suggestedName: exportFileName(doc, format), bytes, format }) }
    })
    .register('assessment.frozenList', async ({ periodLabel }) => {
      const [list, people] = await Promise.all([
        deps.frozen.list(periodLabel),
        deps.people ? deps.people().catch(() => null) : Promise.resolve(null),
      ])
      // Who closed or corrected each report, by name (the accounts the server lists, then reference data, then me).
      const byId = new Map((people ?? []).map((p) => [p.actorId, p.name]))
      const me = deps.status.get().operator
      const names: Record<string, string> = {}
      for (const r of list.reports) {
        const name =
          byId.get(r.authorId) ?? deps.reference.nameOf?.(r.authorId) ?? (me?.actorId === r.authorId ? me.name : null)
        if (name) names[r.authorId] = name
      }
      return { ...list, names }
    })
    .register('assessment.frozenGet', ({ id }) => deps.frozen.get(id))
    .register('assessment.frozenVerify', ({ id }) => deps.frozen.verify(id))
    .register('assessment.closePeriod', (args) => deps.frozen.close(args))
}
