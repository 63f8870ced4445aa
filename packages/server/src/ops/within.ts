/** What a bounded wait gives back: the value, or that it failed or ran out of time. */
export type Within<T> = { outcome: 'ok'; value: T } | { outcome: 'failed' } | { outcome: 'timeout' }

/**
 * Waits for `work` at most `ms` milliseconds. A probe or a scrape must answer even when
 * the database or a worker hangs, so the wait is bounded and the error itself dropped
 * (its message may carry a query's values).
 */
export async function within<T>(ms: number, work: () => Promise<T>): Promise<Within<T>> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Within<T>>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'timeout' }), ms)
  })
  const done = work().then(
    (value): Within<T> => ({ outcome: 'ok', value }),
    (): Within<T> => ({ outcome: 'failed' }),
  )
  try {
    return await Promise.race([done, timeout])
  } finally {
    clearTimeout(timer)
  }
}
