import type { PeriodSpec } from '@shared/contract'
import { canonicalJson } from '../log/hash'
import type { Incident, Principal, ReferenceData } from '@shared/domain'
import type {
  FrozenReport,
  FrozenReportBody,
  FrozenReportSummary,
  ReportCheck,
  ReportList,
  ReportScope,
} from '@shared/protocol'
import type { AssessmentStore, ReportSummaryRow } from './assessment-store'
import type { LogHead } from '../log/event-log'
import { computeReportBody, periodOfSpec } from './compute'
import type { ServerLog } from '../store/server-log'
import { replayTo } from './replay'
import { AssessmentProblem, requireSupervisor, type RuleSetStore } from './rule-set-store'

/** What a close reads, in one instant: the projection at the committed head. */
export interface LogState {
  readonly head: LogHead
  readonly incidents: Iterable<Incident>
}

/**
 * Frozen assessment reports (docs/assessment.md "Frozen reports"): closing a period computes its
 * report from the projection at the log's head with the active rule set and stores it with the
 * log position; a re-close of the same period and scope is the next version, naming the one it
 * corrects. Nothing is ever updated; `verify` recomputes a report from the log alone.
 */
export class ReportStore {
  constructor(
    private readonly store: AssessmentStore,
    private readonly ruleSets: RuleSetStore,
    private readonly ref: Pick<ReferenceData, 'grids' | 'workers'>,
    /** The log reports are recomputed from (on PostgreSQL, not this database). */
    private readonly log: Pick<ServerLog, 'oldestSeq' | 'rowsBetween'>,
  ) {}

  async close(
    who: Principal,
    spec: PeriodSpec,
    scope: ReportScope,
    reason: string,
    state: () => LogState,
    now = Date.now(),
  ): Promise<FrozenReport> {
    requireSupervisor(who, 'close an assessment period')
    const period = periodOfSpec(spec, now)
    if (period.from > now) throw new AssessmentProblem('invalid_payload', `period ${period.label} has not begun`)
    const stored = await this.ruleSets.active()
    // The head and the incidents are read in the same tick: the projection is the log up to head.seq.
    const { head, incidents } = state()
    const at = Math.min(now, period.to)
    const body = computeReportBody(incidents, { ref: this.ref, rules: stored.ruleSet, period, scope, at })
    const id = await this.store.tx(async (t) => {
      const last = await t.lastReport(period.kind, period.label, scope)
      return t.addReport({
        periodKind: period.kind,
        periodLabel: period.label,
        periodFrom: period.from,
        periodTo: period.to,
        scope,
        version: (last?.version ?? 0) + 1,
        previousId: last?.id ?? null,
        ruleSetRevision: stored.revision,
        ruleSetVersion: stored.ruleSet.version,
        seq: head.seq,
        headHash: head.hash,
        evaluatedAt: at,
        generatedAt: now,
        authorId: who.actorId,
        reason,
        body: JSON.stringify(body),
      })
    })
    return this.get(id)
  }

  async list(q: {
    periodLabel?: string | undefined
    scope?: ReportScope | undefined
    limit: number
  }): Promise<ReportList> {
    const rows = await this.store.reportSummaries(q)
    return { reports: rows.map(summaryOf) }
  }

  async get(id: number): Promise<FrozenReport> {
    const row = await this.store.report(id)
    if (!row) throw new AssessmentProblem('not_found', `no report ${id}`)
    return { ...summaryOf(row), body: JSON.parse(row.body) as FrozenReportBody }
  }

  /**
   * Recomputes a report from the log alone: replays it to the report's seq (checking the chain),
   * compares the hash there with the one recorded, and the figures with the stored ones.
   */
  async verify(who: Principal, id: number): Promise<ReportCheck> {
    requireSupervisor(who, 'verify a report')
    const report = await this.get(id)
    const stored = await this.ruleSets.get(report.ruleSet.revision)
    const replay = await replayTo(this.log, report.seq)
    if (!replay.ok)
      return {
        id,
        ok: false,
        hashAtSeq: replay.hashAtSeq,
        hashMatches: false,
        figuresMatch: false,
        problem: `seq ${replay.seq}: ${replay.reason}`,
      }
    const hashMatches = replay.hashAtSeq === report.headHash
    const body = computeReportBody(replay.incidents.values(), {
      ref: this.ref,
      rules: stored.ruleSet,
      period: report.period,
      scope: report.scope,
      at: report.evaluatedAt,
    })
    const difference = firstDifference(report.body, body)
    const problem = !hashMatches
      ? `the event at seq ${report.seq} is not the one the report was computed at (hash ${replay.hashAtSeq.slice(0, 12)}…, recorded ${report.headHash.slice(0, 12)}…)`
      : difference
    return {
      id,
      ok: hashMatches && difference === null,
      hashAtSeq: replay.hashAtSeq,
      hashMatches,
      figuresMatch: difference === null,
      problem,
    }
  }
}

/** Null when equal; else where the recomputed body first differs (league and unit, or the platform). */
function firstDifference(stored: FrozenReportBody, again: FrozenReportBody): string | null {
  if (canonicalJson(stored) === canonicalJson(again)) return null
  for (const league of again.leagues) {
    const before = stored.leagues.find((l) => l.unitKind === league.unitKind)
    const rows = [...league.ranked, ...league.insufficient]
    const old = new Map([...(before?.ranked ?? []), ...(before?.insufficient ?? [])].map((r) => [r.id, r]))
    for (const r of rows)
      if (canonicalJson(r) !== canonicalJson(old.get(r.id) ?? null))
        return `${league.unitKind} ${r.id}: the recomputed figures differ`
    if (old.size !== rows.length)
      return `${league.unitKind}: the recomputed league has ${rows.length} units, the report ${old.size}`
  }
  return 'the platform figures differ'
}

function summaryOf(r: ReportSummaryRow): FrozenReportSummary {
  return {
    id: r.id,
    period: {
      kind: r.periodKind as FrozenReportSummary['period']['kind'],
      label: r.periodLabel,
      from: r.periodFrom,
      to: r.periodTo,
    },
    scope: r.scope as ReportScope,
    version: r.version,
    previousId: r.previousId,
    ruleSet: { revision: r.ruleSetRevision, version: r.ruleSetVersion },
    seq: r.seq,
    headHash: r.headHash,
    evaluatedAt: r.evaluatedAt,
    generatedAt: r.generatedAt,
    authorId: r.authorId,
    reason: r.reason,
  }
}
