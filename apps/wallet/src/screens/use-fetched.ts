import { useEffect, useState } from 'react'
import { ApiError } from '../lib/api.ts'
import { type Fetched, fetchOrLast } from '../lib/fetch-or-last.ts'
import { readCache, writeCache } from '../lib/wallet-store.ts'

/** A request that never reached the server: the phone is offline or the connection dropped. */
export const isOffline = (error: unknown) => error instanceof TypeError

/** What a screen's list is: loading, read (perhaps the last copy, stale), or failed. */
export type Loaded<T> =
  | { state: 'loading' }
  | ({ state: 'loaded' } & Fetched<T>)
  | { state: 'failed'; offline: boolean; message: string; code?: string }

/**
 * Reads a list for a screen, keeping the last copy on the phone (IndexedDB, under
 * `cacheKey`) so that it shows offline, marked as possibly out of date.
 */
export function useFetched<T>(cacheKey: string, fetch: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' })
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the request depends on
  useEffect(() => {
    let current = true
    setLoaded({ state: 'loading' })
    fetchOrLast<T>({
      fetch,
      read: () => readCache<{ value: T; fetchedAt: string }>(cacheKey),
      write: (kept) => writeCache(cacheKey, kept),
      now: () => new Date(),
      offline: isOffline,
    }).then(
      (fetched) => current && setLoaded({ state: 'loaded', ...fetched }),
      (error: unknown) =>
        current &&
        setLoaded({
          state: 'failed',
          offline: isOffline(error),
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof ApiError ? { code: error.code } : {}),
        }),
    )
    return () => {
      current = false
    }
  }, [cacheKey, ...deps])
  return loaded
}
