import { isOpen } from '@shared/domain'
import type { CommandProcessor } from '../commands/command-processor'
import type { GeneratedReference } from '../reference/generate'
import { createRng, type Rng } from '../reference/rng'
import { nextStep, stepDelay, type EngineOptions, type Step } from './engine'
import { TimeHeap } from './heap'
import { DistrictModel, rhythm } from './model'

export interface SimulatorOptions {
  /**
   * Target events per second. Up to STRESS_RATE it is the average over a day and arrivals follow
   * the daily rhythm (quiet at night); above it, a stress load: flat, with cases handled at once.
   */
  readonly rate: number
  readonly seed: string
  /** See EngineOptions; defaults keep new reports for humans for 45 s and run handling 360× real time. */
  readonly reportedAgeMs?: number
  readonly speed?: number
  readonly tickMs?: number
}

export const STRESS_RATE = 50

/** Average events over a case's lifecycle (report, intake, dispatch, acknowledge, resolve, verify, close, some rework/escalation). */
const EVENTS_PER_CASE = 7.3

/**
 * Live district traffic: reports arrive with the daily rhythm and the source's
 * category mix; departments acknowledge and resolve (some late), grid workers
 * verify or return, citizens scan QR codes. Each case advances from whatever
 * state it is in, so operators can act on the same cases. Commands go through
 * the ordinary command path.
 */
export class Simulator {
  private readonly rng: Rng
  private readonly model: DistrictModel
  private readonly heap = new TimeHeap<string>()
  private readonly engine: EngineOptions
  private timer: NodeJS.Timeout | null = null
  private last = 0
  private arrivalBudget = 0
  private inFlight = 0

  constructor(
    private readonly processor: CommandProcessor,
    ref: GeneratedReference,
    private options: SimulatorOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.rng = createRng(`${options.seed}/live`)
    this.model = new DistrictModel(ref)
    const stress = options.rate > STRESS_RATE
    this.engine = {
      reportedAgeMs: options.reportedAgeMs ?? (stress ? 0 : 45_000),
      speed: options.speed ?? (stress ? 20_000 : 360),
    }
  }

  get rate(): number {
    return this.options.rate
  }

  setRate(rate: number): void {
    this.options = { ...this.options, rate }
  }

  start(): void {
    if (this.timer) return
    const now = this.clock()
    this.last = now
    // Pick up the open cases already in the store (seeded history, earlier runs).
    for (const i of this.processor.all())
      if (isOpen(i)) this.heap.push(now + stepDelay(this.rng, i, now, this.engine) * this.rng.next(), i.id)
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 100)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private tick(): void {
    const now = this.clock()
    const dt = Math.min(1000, now - this.last)
    this.last = now
    if (this.options.rate <= 0) return
    // Back-pressure: never pile up more than a few seconds of work in the command queue.
    if (this.inFlight > Math.max(200, this.options.rate * 3)) return
    const shape = this.options.rate > STRESS_RATE ? 1 : rhythm(now)
    this.arrivalBudget += ((this.options.rate * dt) / 1000 / EVENTS_PER_CASE) * shape
    const steps: Step[] = []
    while (this.arrivalBudget >= 1) {
      this.arrivalBudget--
      steps.push(this.model.report(this.rng, now))
    }
    const cap = Math.max(5, Math.ceil((this.options.rate * dt) / 1000) * 2)
    while (steps.length < cap && this.heap.peekAt() <= now) {
      const id = this.heap.pop()?.value
      const current = id ? this.processor.get(id) : null
      if (!current) continue
      const step = nextStep(this.model, this.rng, current, now, this.engine)
      if (step === 'wait') this.schedule(current.id, now)
      else if (step) steps.push(step)
    }
    for (const step of steps) {
      this.inFlight++
      void this.processor
        .submit({ command: step.command, principal: step.principal, workstationId: 'simulator' })
        .then((reply) => {
          this.inFlight--
          // Applied or not (a human may have acted first), the case goes on from its current state.
          const id = reply.status === 'rejected' ? step.command.incidentId : reply.incidentId
          if (reply.status === 'rejected' && reply.code === 'unavailable') return
          this.schedule(id, this.clock())
        })
    }
  }

  private schedule(id: string, now: number): void {
    const i = this.processor.get(id)
    if (!i || !isOpen(i)) return
    const delay = stepDelay(this.rng, i, now, this.engine)
    if (Number.isFinite(delay)) this.heap.push(now + Math.max(1, delay), id)
  }
}
