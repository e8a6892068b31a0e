/**
 * Runs the shutdown steps in order, each given at most `stepMs`: a step that
 * hangs (a socket that never answers, a query stuck behind it) is reported by
 * name and skipped, so quitting never leaves a process behind. Whatever a
 * skipped step had not written is safe: the outbox and the cursor are durable.
 */
export async function shutDown(
  steps: readonly (readonly [name: string, run: () => Promise<void>])[],
  options: { stepMs: number; log: (line: string) => void },
): Promise<boolean> {
  let clean = true
  for (const [name, run] of steps) {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.stepMs)
    })
    try {
      const outcome = await Promise.race([run().then(() => 'done' as const), late])
      if (outcome === 'late') {
        clean = false
        options.log(`shutdown: ${name} did not finish within ${options.stepMs} ms; going on without it`)
      }
    } catch (err) {
      clean = false
      options.log(`shutdown: ${name} failed: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      clearTimeout(timer)
    }
  }
  return clean
}
