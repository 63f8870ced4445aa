/** A value read now, or the last one read when the phone cannot reach the server. */
export interface Fetched<T> {
  value: T
  /** When it was read from the server. */
  fetchedAt: string
  /** True when this is the last value kept, the server being out of reach. */
  stale: boolean
}

export interface FetchOrLastOptions<T> {
  /** Reads from the server; throws when it cannot. */
  fetch: () => Promise<T>
  /** The kept copy, and keeping one. */
  read: () => Promise<{ value: T; fetchedAt: string } | undefined>
  write: (kept: { value: T; fetchedAt: string }) => Promise<void>
  now: () => Date
  /** Whether a failure is one to answer with the kept copy (a lost connection), rather than to show. */
  offline: (error: unknown) => boolean
}

/**
 * Reads from the server and keeps a copy; when the server cannot be reached, answers
 * with the copy kept last time, marked stale, so lists work offline. Other failures
 * (the server refusing) are thrown for the screen to explain.
 */
export async function fetchOrLast<T>(options: FetchOrLastOptions<T>): Promise<Fetched<T>> {
  try {
    const value = await options.fetch()
    const fetchedAt = options.now().toISOString()
    await options.write({ value, fetchedAt }).catch(() => {})
    return { value, fetchedAt, stale: false }
  } catch (error) {
    if (!options.offline(error)) throw error
    const kept = await options.read().catch(() => undefined)
    if (!kept) throw error
    return { ...kept, stale: true }
  }
}
