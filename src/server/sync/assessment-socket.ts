import type { Socket } from 'socket.io'
import type { z } from 'zod'
import type { Principal } from '@shared/domain'
import {
  MSG,
  reportCloseSchema,
  reportIdSchema,
  reportListSchema,
  ruleSetActivateSchema,
  ruleSetGetSchema,
  ruleSetSaveSchema,
  type ClientToServer,
  type Problem,
  type ServerToClient,
  type StoredRuleSet,
} from '@shared/protocol'
import { AssessmentProblem, type RuleSetStore } from '../assessment/rule-set-store'
import type { LogState, ReportStore } from '../assessment/report-store'

export interface AssessmentSocketDeps {
  readonly ruleSets: RuleSetStore
  readonly reports: ReportStore
  /** The projection at the committed head, read in one tick. */
  readonly state: () => LogState
  /** Tells every connected socket about a newly active rule set. */
  readonly announce: (active: StoredRuleSet) => void
}

type AnySocket = Socket<ClientToServer, ServerToClient>
type Ack<T> = (reply: T | Problem) => void

function issues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

/** Rule sets are read by every desk (the workstation scores with the active one); citizens have no desk. */
const readsRules = (p: Principal) => p.role !== 'citizen'
/** Reports rank every unit of the district: for the city-wide command room and the wall. */
const readsReports = (p: Principal) =>
  p.towns === '*' && (p.role === 'operator' || p.role === 'supervisor' || p.role === 'wall')

/**
 * The assessment messages of the sync protocol (docs/protocol.md §9) on one socket. Every payload
 * is validated; every refusal is a Problem in the ack (`forbidden`, `not_found`, `conflict`,
 * `invalid_payload`), and nothing is stored when one is returned.
 */
export function attachAssessmentMessages(socket: AnySocket, principal: Principal, deps: AssessmentSocketDeps): void {
  const handle = <T>(name: string, ack: unknown, allowed: (p: Principal) => boolean, work: () => Promise<T>): void => {
    if (typeof ack !== 'function') {
      socket.emit(MSG.problem, { code: 'protocol_error', message: `${name} needs an acknowledgement callback` })
      return
    }
    const reply = ack as Ack<T>
    if (!allowed(principal)) {
      reply({ code: 'forbidden', message: `${name}: not for the ${principal.role} role with this scope` })
      return
    }
    work().then(reply, (err: unknown) => {
      if (err instanceof AssessmentProblem) reply({ code: err.code, message: err.message })
      else reply({ code: 'protocol_error', message: `${name} failed: ${String(err)}` })
    })
  }
  const parse = <T>(schema: z.ZodType<T>, raw: unknown): T => {
    const parsed = schema.safeParse(raw ?? {})
    if (!parsed.success) throw new AssessmentProblem('invalid_payload', issues(parsed.error))
    return parsed.data
  }

  socket.on(MSG.ruleSetList, (_raw, ack) => handle(MSG.ruleSetList, ack, readsRules, () => deps.ruleSets.list()))
  socket.on(MSG.ruleSetGet, (raw, ack) =>
    handle(MSG.ruleSetGet, ack, readsRules, async () => {
      const { revision } = parse(ruleSetGetSchema, raw)
      return deps.ruleSets.get(revision)
    }),
  )
  socket.on(MSG.ruleSetSave, (raw, ack) =>
    handle(MSG.ruleSetSave, ack, readsRules, async () => {
      const args = parse(ruleSetSaveSchema, raw)
      const saved = await deps.ruleSets.save(principal, args.ruleSet, args.reason, args.activate)
      if (args.activate) deps.announce(saved)
      return saved
    }),
  )
  socket.on(MSG.ruleSetActivate, (raw, ack) =>
    handle(MSG.ruleSetActivate, ack, readsRules, async () => {
      const args = parse(ruleSetActivateSchema, raw)
      const active = await deps.ruleSets.activate(principal, args.revision, args.reason)
      deps.announce(active)
      return active
    }),
  )
  socket.on(MSG.reportClose, (raw, ack) =>
    handle(MSG.reportClose, ack, readsReports, async () => {
      const args = parse(reportCloseSchema, raw)
      return deps.reports.close(principal, args.period, args.scope, args.reason, deps.state)
    }),
  )
  socket.on(MSG.reportList, (raw, ack) =>
    handle(MSG.reportList, ack, readsReports, async () => {
      return deps.reports.list(parse(reportListSchema, raw))
    }),
  )
  socket.on(MSG.reportGet, (raw, ack) =>
    handle(MSG.reportGet, ack, readsReports, async () => {
      const { id } = parse(reportIdSchema, raw)
      return deps.reports.get(id)
    }),
  )
  socket.on(MSG.reportVerify, (raw, ack) =>
    handle(MSG.reportVerify, ack, readsReports, async () => {
      const { id } = parse(reportIdSchema, raw)
      return deps.reports.verify(principal, id)
    }),
  )
}
