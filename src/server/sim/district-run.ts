import { isOpen, type Command, type Incident } from '@shared/domain'
import type { Submission } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import { createRng } from '../reference/rng'
import { engineContext, escalationStep, nextEscalationAt, planStep, stepFor, type Plan, type Step } from './engine'
import { TimeHeap } from './heap'
import { LocalDistrict } from './local-district'
import { DistrictModel } from './model'
import type { RateModel } from './rates'

/** How often the server sweeps for overdue cases to escalate (real ms); the run escalates on the same grid. */
export const SWEEP_MS = 60_000

export interface RunOptions {
  readonly ref: GeneratedReference
  /** Seed of the run's reports and command ids. */
  readonly seed: string
  /** Seed of what becomes of each case (default `seed`): history and the live simulator share it. */
  readonly decisionSeed?: string
  readonly rates: RateModel
  readonly from: number
  readonly to: number
  /** Every applied step, in time order, with the case as it is after it. */
  readonly onStep?: (submission: Submission, after: Incident) => void
  /** A case finished (closed, rejected or merged): the run forgets it after this call. */
  readonly onDone?: (i: Incident) => void
  /** Every new report, as submitted. */
  readonly onReport?: (report: Extract<Command, { type: 'report' }>) => void
  /** Only the arrivals: reports are drawn (and passed to onReport) but not handled. */
  readonly reportsOnly?: boolean
}

export interface RunResult {
  /** The cases still open at the end. */
  readonly open: ReadonlyMap<string, Incident>
  readonly reports: number
  readonly steps: number
  /** Steps the domain refused (none expected: each is a bug in the engine). */
  readonly refused: number
}

type Item = { kind: 'arrival' } | { kind: 'step'; id: string } | { kind: 'escalate'; id: string }

/**
 * The district over a span of virtual time, as a pure model run: reports
 * arrive by the rate model, every case follows the engine (the same one the
 * live simulator uses), overdue cases are escalated on the server's sweep
 * grid. Commands are decided and folded locally with the domain's own
 * decide/applyEvent, so what comes out is what the server would write.
 */
export function runDistrict(opts: RunOptions): RunResult {
  const model = new DistrictModel(opts.ref)
  const ctx = engineContext(model, opts.decisionSeed ?? opts.seed, opts.rates.time)
  const arrivals = createRng(`${opts.seed}/arrivals/${opts.from}`)
  const reports = createRng(`${opts.seed}/reports/${opts.from}`)
  const ids = createRng(`${opts.seed}/ids/${opts.from}`)
  const local = new LocalDistrict(opts.ref, false)
  const planned = new Map<string, Plan>()
  const escalateAt = new Map<string, number>()
  const heap = new TimeHeap<Item>()
  let reportCount = 0
  let stepCount = 0
  let clock = opts.from

  const nextArrival = (after: number): void => {
    // Poisson arrivals by thinning: candidates at the day's peak rate, kept with the hour's share of it.
    const { peak } = opts.rates
    if (!(peak > 0)) return
    for (let t = after; ;) {
      t += arrivals.exp(1 / peak)
      if (t >= opts.to) return
      if (arrivals.next() * peak <= opts.rates.intensity(t)) return heap.push(t, { kind: 'arrival' })
    }
  }

  const apply = (step: Step, at: number): Incident | null => {
    const sub: Submission = {
      command: step.command,
      principal: step.principal,
      workstationId: null,
      at,
      simulated: true,
    }
    const next = local.apply(sub)
    if (!next) return null
    stepCount++
    opts.onStep?.(sub, next)
    if (!isOpen(next)) {
      planned.delete(next.id)
      escalateAt.delete(next.id)
      opts.onDone?.(next)
    }
    return next
  }

  const schedule = (i: Incident, replan = true): void => {
    if (!isOpen(i)) return
    if (replan) {
      const p = planStep(ctx, i)
      if (p) {
        planned.set(i.id, p)
        heap.push(p.at, { kind: 'step', id: i.id })
      } else planned.delete(i.id)
    }
    const esc = nextEscalationAt(i, ctx.time)
    if (esc !== null && escalateAt.get(i.id) !== esc) {
      escalateAt.set(i.id, esc)
      // On the sweep grid: the server escalates at its next sweep after the threshold (one level a sweep).
      heap.push(Math.max(Math.ceil(esc / SWEEP_MS), Math.floor(clock / SWEEP_MS) + 1) * SWEEP_MS, {
        kind: 'escalate',
        id: i.id,
      })
    }
  }

  nextArrival(opts.from)
  for (;;) {
    const item = heap.pop()
    if (!item || item.at >= opts.to) break
    const at = Math.round(item.at)
    clock = at
    const v = item.value
    if (v.kind === 'arrival') {
      nextArrival(item.at)
      reportCount++
      const report = model.report(reports, at)
      opts.onReport?.(report.command as Extract<Command, { type: 'report' }>)
      if (opts.reportsOnly) continue
      const next = apply(report, at)
      if (next) schedule(next)
      continue
    }
    const current = local.get(v.id)
    if (!current) continue
    if (v.kind === 'escalate') {
      const step = escalationStep(current, at, ctx.time, ids)
      // Escalation changes neither the plan nor its timing: only the next threshold.
      const next = step ? apply(step, at) : null
      escalateAt.delete(v.id)
      if (next && isOpen(next)) schedule(next, false)
      else if (!next) schedule(current, false)
      continue
    }
    const p = planned.get(v.id)
    // A stale entry: the case was planned again since.
    if (!p || Math.abs(p.at - item.at) > 0.5) continue
    const next = apply(stepFor(p, current, at, ids), at)
    // A refused step is not tried again (the case would loop at one instant); it stays open.
    if (next) schedule(next)
    else planned.delete(v.id)
  }
  return {
    open: new Map([...local.all()].map((i) => [i.id, i])),
    reports: reportCount,
    steps: stepCount,
    refused: local.refused,
  }
}
