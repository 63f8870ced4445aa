/**
 * How many cases a property-based test runs. The normal suite runs each property's base
 * count; `npm run fuzz` sets POLIS_FUZZ_SCALE to multiply every one of them, so one set of
 * properties serves both the quick suite and the long dedicated run.
 */
export function fuzzRuns(base: number): number {
  return Math.max(1, Math.round(base * fuzzScale(process.env.POLIS_FUZZ_SCALE)))
}

/** Reads the multiplier; anything but a positive number is a mistake in the run, said so. */
export function fuzzScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1
  const scale = Number(value)
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`POLIS_FUZZ_SCALE must be a positive number, not ${JSON.stringify(value)}`)
  }
  return scale
}
