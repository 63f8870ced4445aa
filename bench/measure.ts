/** One benchmark figure with the baselines measured beside it in the same run. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  baselines: Record<string, number>
  /** Ratios value/baseline, for the table. */
  notes?: string
}

/** A named benchmark: `run` returns its figure and its baselines. */
export interface Benchmark {
  name: string
  description: string
  run(): Promise<BenchResult>
}

export interface MeasureOptions {
  seconds?: number
  rounds?: number
  warmup?: number
  /** Operations in flight at once (1: one after the other). */
  concurrency?: number
}

/** Runs operations `from`..`from + count - 1`, at most `concurrency` at a time. */
async function runBatch(operation: (i: number) => unknown, from: number, count: number, concurrency: number) {
  if (concurrency <= 1) {
    for (let k = 0; k < count; k++) await operation(from + k)
    return
  }
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let k = lane; k < count; k += concurrency) await operation(from + k)
    }),
  )
}

/**
 * Operations per second of `operation`, run sequentially on one core (or `concurrency`
 * at a time): warm up, then `rounds` timed rounds of about `seconds` each, reporting the
 * median round.
 */
export async function opsPerSecond(operation: (i: number) => unknown, options: MeasureOptions = {}): Promise<number> {
  const seconds = options.seconds ?? 1
  const rounds = options.rounds ?? 3
  const concurrency = options.concurrency ?? 1
  let i = 0
  await runBatch(operation, i, options.warmup ?? 300, concurrency)
  i += options.warmup ?? 300
  const results: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    let count = 0
    while (performance.now() - started < seconds * 1000) {
      await runBatch(operation, i, 50, concurrency)
      i += 50
      count += 50
    }
    results.push((count / (performance.now() - started)) * 1000)
  }
  results.sort((a, b) => a - b)
  return Math.round(results[Math.floor(results.length / 2)] as number)
}

/**
 * Measures several competitors in interleaved rounds so that a slow moment of the
 * machine hits all of them alike; returns the median of each.
 */
export async function compare(
  competitors: Record<string, (i: number) => unknown>,
  options: Omit<MeasureOptions, 'warmup'> = {},
): Promise<Record<string, number>> {
  const rounds = options.rounds ?? 3
  const samples: Record<string, number[]> = {}
  for (let round = 0; round < rounds; round++) {
    for (const [name, operation] of Object.entries(competitors)) {
      const value = await opsPerSecond(operation, {
        seconds: options.seconds ?? 1,
        rounds: 1,
        concurrency: options.concurrency ?? 1,
        warmup: round === 0 ? 500 : 50,
      })
      samples[name] = [...(samples[name] ?? []), value]
    }
  }
  const medians: Record<string, number> = {}
  for (const [name, values] of Object.entries(samples)) {
    values.sort((a, b) => a - b)
    medians[name] = values[Math.floor(values.length / 2)] as number
  }
  return medians
}
