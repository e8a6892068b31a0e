import { randomUUID } from 'node:crypto'
import { isOpen, type Incident } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { Submission } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import { createRng, type Rng } from '../reference/rng'
import { engineContext, planStep, stepFor, type EngineContext, type Step } from './engine'
import { TimeHeap } from './heap'
import { DistrictModel } from './model'
import { EVENTS_PER_CASE, rateModel, type RateModel, type Traffic } from './rates'
import { timeModel } from './time-model'

/** What the simulator acts on: the server's command processor, or a local district in tests. */
export interface SimTarget {
  get(incidentId: string): Incident | null
  all(): Iterable<Incident>
  submit(sub: Submission): Promise<CommandReply>
}

export interface SimulatorOptions {
  /** Seed of what becomes of each case (history uses the same, so live continues it). */
  readonly seed: string
  /**
   * The district's traffic: a share of the source's volume, or events per second. Above
   * STRESS_RATE events/s it is a stress load: flat, with cases handled at once.
   */
  readonly traffic: Traffic
  /** District time per real time (see time-model.ts); default 1, real time. */
  readonly timeScale?: number
  /** Tells this run's command ids from every other run's (default: a random id per start). */
  readonly runId?: string
  /** Real ms new reports are left to the people in the command room (default 45 s; none under stress). */
  readonly humanFirstMs?: number
  readonly tickMs?: number
}

export const STRESS_RATE = 50
/** Stress loads run the district this much faster, so cases close while the load runs. */
const STRESS_SCALE = 20_000
/** Steps that fell due while nothing ran (a server down for a while) are spread over this long. */
const CATCH_UP_MS = 5 * 60_000

export interface SimulatorStats {
  submitted: number
  applied: number
  /** Answered as a duplicate: a command id the server had seen (never expected). */
  duplicate: number
  rejected: number
}

/**
 * Live district traffic, continuing the seeded history: reports arrive by the
 * shared rate model and daily rhythm; each case advances by the engine from
 * whatever state it is in, so operators can act on the same cases and a
 * restart picks them up where they were. Commands go through the ordinary
 * command path, with ids from a generator of this run's own.
 */
export class Simulator {
  private readonly ids: Rng
  private readonly model: DistrictModel
  private readonly ctx: EngineContext
  private readonly heap = new TimeHeap<string>()
  private readonly due = new Map<string, number>()
  private readonly stress: boolean
  private rates: RateModel
  private stressRate: number
  private timer: NodeJS.Timeout | null = null
  private last = 0
  private arrivalBudget = 0
  private inFlight = 0
  readonly stats: SimulatorStats = { submitted: 0, applied: 0, duplicate: 0, rejected: 0 }

  constructor(
    private readonly target: SimTarget,
    private readonly ref: GeneratedReference,
    private readonly options: SimulatorOptions,
    private readonly clock: () => number = Date.now,
  ) {
    const t = options.traffic
    this.stress = 'rate' in t && t.rate > STRESS_RATE
    const time = timeModel(this.stress ? STRESS_SCALE : (options.timeScale ?? 1))
    this.rates = rateModel(ref, t, time)
    this.stressRate = 'rate' in t ? t.rate : 0
    this.ids = createRng(`${options.seed}/live/${options.runId ?? randomUUID()}`)
    this.model = new DistrictModel(ref)
    this.ctx = engineContext(this.model, options.seed, time, options.humanFirstMs ?? (this.stress ? 0 : 45_000))
  }

  /** Events per second of real time, on average over a day. */
  get rate(): number {
    return this.stress ? this.stressRate : this.rates.eventsPerSecond
  }

  /** The rate model the simulator runs (reports a day, volume, clock). */
  get rateModel(): RateModel {
    return this.rates
  }

  /** Changes the traffic (events per second); 0 pauses the district, cases in hand included. */
  setRate(rate: number): void {
    if (this.stress) this.stressRate = rate
    else this.rates = rateModel(this.ref, { rate }, this.rates.time)
  }

  start(): void {
    if (this.timer) return
    this.resume(this.clock())
    this.timer = setInterval(() => void this.advance(this.clock()), this.options.tickMs ?? 100)
    this.timer.unref()
  }

  /** Picks up the open cases already in the store (seeded history, earlier runs) where they are. */
  resume(now: number): void {
    this.last = now
    for (const i of this.target.all()) if (isOpen(i)) this.schedule(i, now)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One tick at `now`: new reports and due steps; resolves when the server has answered them. */
  async advance(now: number): Promise<void> {
    const dt = Math.max(0, Math.min(60_000, now - this.last))
    this.last = now
    if (this.rate <= 0) return
    // Back-pressure: never pile up more than a few seconds of work in the command queue.
    if (this.inFlight > Math.max(200, this.rate * 3)) return
    const perMs = this.stress ? this.stressRate / EVENTS_PER_CASE / 1000 : this.rates.intensity(now)
    this.arrivalBudget += perMs * dt
    const steps: Step[] = []
    while (this.arrivalBudget >= 1) {
      this.arrivalBudget--
      steps.push(this.model.report(this.ids, now))
    }
    const cap = Math.max(20, Math.ceil((this.rate * dt) / 1000) * 2)
    while (steps.length < cap && this.heap.peekAt() <= now) {
      const entry = this.heap.pop()
      if (!entry || this.due.get(entry.value) !== entry.at) continue
      this.due.delete(entry.value)
      const current = this.target.get(entry.value)
      if (!current) continue
      const p = planStep(this.ctx, current)
      if (!p) continue
      // Someone acted on the case meanwhile and its next step is later.
      if (p.at > now + 1) this.push(current.id, p.at)
      else steps.push(stepFor(p, current, now, this.ids))
    }
    await Promise.all(steps.map((s) => this.send(s)))
  }

  private async send(step: Step): Promise<void> {
    this.inFlight++
    this.stats.submitted++
    const reply = await this.target.submit({
      command: step.command,
      principal: step.principal,
      workstationId: 'simulator',
      simulated: true,
    })
    this.inFlight--
    if (reply.status === 'applied') this.stats.applied++
    else if (reply.status === 'duplicate') this.stats.duplicate++
    else this.stats.rejected++
    if (reply.status === 'rejected' && reply.code === 'unavailable') return
    // Applied or not (a person may have acted first), the case goes on from its current state.
    const i = this.target.get(step.command.incidentId)
    if (i) this.schedule(i, this.clock())
  }

  private schedule(i: Incident, now: number): void {
    if (!isOpen(i)) return
    const p = planStep(this.ctx, i)
    if (!p) return
    // Steps due while nothing ran are spread out instead of all landing at once.
    const at = p.at >= now - 60_000 ? Math.max(p.at, now) : now + this.ids.next() * CATCH_UP_MS
    this.push(i.id, at)
  }

  private push(id: string, at: number): void {
    this.due.set(id, at)
    this.heap.push(at, id)
  }
}
