/** One line of the benchmark table: a measurement, and what it is compared with. */
export interface BenchRow {
  readonly name: string
  readonly value: number
  readonly unit: string
  /** The baseline measured in the same run (e.g. "raw SQLite loop: 91,000 rows/s"). */
  readonly baseline?: string
  /** The target from the issue (e.g. "≥ 40,000 events/s"). */
  readonly target?: string
  /** Whether the target is met, when the module can tell. */
  readonly pass?: boolean
}

export type BenchModule = { run: () => Promise<BenchRow[]> }
