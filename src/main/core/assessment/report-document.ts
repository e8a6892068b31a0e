import type {
  AssessmentDocument,
  AssessmentReport,
  AssessmentRow,
  DocumentLeague,
  DocumentRow,
  Locale,
} from '@shared/contract'
import type { ReferenceNames, UnitKind } from '@shared/domain'
import type { FrozenLeague, FrozenReport } from '@shared/protocol'

/** A unit's name as the assessment screen shows it. */
export function unitName(names: ReferenceNames, kind: UnitKind, id: string): string {
  switch (kind) {
    case 'department':
    case 'team':
      return names.assigneeName(kind, id)
    case 'town':
      return names.townName(id)
    case 'medium_grid':
    case 'small_grid':
      return names.gridName(id)
    default:
      return names.personName(id)
  }
}

function named(league: FrozenLeague, names: ReferenceNames): DocumentLeague {
  const row = (r: AssessmentRow): DocumentRow => ({ ...r, name: unitName(names, r.kind, r.id) })
  return { unitKind: league.unitKind, ranked: league.ranked.map(row), insufficient: league.insufficient.map(row) }
}

/**
 * Today's recomputation of a period from this workstation's cache (one report per unit kind, all
 * computed at the same log position): its log position is the cache's cursor; no head hash.
 */
export function liveDocument(
  reports: readonly AssessmentReport[],
  o: { names: ReferenceNames; locale: Locale; revision: number | null; now: number },
): AssessmentDocument {
  const first = reports[0]
  if (!first) throw new Error('a document needs at least one league')
  return {
    locale: o.locale,
    period: first.period,
    previous: first.previous,
    ruleSet: { version: first.ruleSet.version, revision: o.revision },
    position: { seq: first.cursor, headHash: null },
    evaluatedAt: first.evaluatedAt,
    computedAt: first.computedAt,
    generatedAt: o.now,
    frozen: null,
    leagues: reports.map((r) => named(r, o.names)),
  }
}

/** A frozen report exactly as the server stored it: its numbers, its log position, its rule set. */
export function frozenDocument(
  report: FrozenReport,
  o: { names: ReferenceNames; locale: Locale; now: number },
): AssessmentDocument {
  return {
    locale: o.locale,
    period: report.period,
    previous: report.body.previous,
    ruleSet: { version: report.ruleSet.version, revision: report.ruleSet.revision },
    position: { seq: report.seq, headHash: report.headHash },
    evaluatedAt: report.evaluatedAt,
    computedAt: report.generatedAt,
    generatedAt: o.now,
    frozen: {
      id: report.id,
      version: report.version,
      previousId: report.previousId,
      authorId: report.authorId,
      reason: report.reason,
    },
    leagues: report.body.leagues.map((l) => named(l, o.names)),
  }
}
