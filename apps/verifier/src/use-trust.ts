import type { ErrorCode } from '@polis/kernel/errors'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorCodeOf } from './lib/error-code.ts'
import { loadTrust, type TrustState } from './lib/load-trust.ts'
import { readTrust, saveTrust } from './lib/verifier-store.ts'

/** How often the trust data is downloaded again while online. */
export const refreshIntervalMs = 5 * 60_000

export interface RefreshState {
  running: boolean
  /**
   * Why the last refresh failed: 'network' when the server could not be reached;
   * ERR_UNTRUSTED_ISSUER when its anchor differs from the pinned one.
   */
  failure: ErrorCode | 'network' | undefined
  /** The last refresh kept an older copy of some status list. */
  incomplete: boolean
}

/** A slow network must not keep the inspector waiting on a refresh for long. */
const fetchTimeoutMs = 20_000

class NetworkError extends Error {}

async function fetchText(url: string): Promise<string> {
  // Revalidated, never the HTTP cache's copy: the point is to have today's lists.
  const response = await fetch(url, {
    cache: 'no-cache',
    redirect: 'error',
    signal: AbortSignal.timeout(fetchTimeoutMs),
  }).catch((cause: unknown) => {
    throw new NetworkError(url, { cause })
  })
  if (!response.ok) throw new NetworkError(`${url}: HTTP ${response.status}`)
  return response.text()
}

/**
 * The trust data checks rely on: verified from IndexedDB at start, downloaded again at
 * start and every five minutes while online, and on demand. One job runs at a time.
 */
export function useTrust(online: boolean) {
  const [trust, setTrust] = useState<TrustState>()
  const [refresh, setRefresh] = useState<RefreshState>({ running: false, failure: undefined, incomplete: false })
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const latest = useRef<TrustState>(undefined)
  const loaded = useRef<Promise<unknown>>(undefined)
  const keep = useCallback((state: TrustState) => {
    latest.current = state
    setTrust(state)
  }, [])

  const enqueue = useCallback((job: () => Promise<void>) => {
    const next = queue.current.then(job, job)
    queue.current = next.catch(() => {})
    return next
  }, [])

  const refreshNow = useCallback(
    () =>
      enqueue(async () => {
        setRefresh((r) => ({ ...r, running: true }))
        try {
          // Downloading comes after the first screen: it is not part of the initial load.
          const { refreshTrust } = await import('./lib/refresh-trust.ts')
          const refreshed = await refreshTrust({ stored: await readTrust(), fetchText, now: new Date() })
          await saveTrust(refreshed.stored)
          keep(await loadTrust(refreshed.stored, new Date()))
          setRefresh({ running: false, failure: undefined, incomplete: !refreshed.complete })
        } catch (error) {
          setRefresh({
            running: false,
            failure: error instanceof NetworkError ? 'network' : errorCodeOf(error),
            incomplete: false,
          })
        }
      }),
    [enqueue, keep],
  )

  useEffect(() => {
    loaded.current = enqueue(async () => keep(await loadTrust(await readTrust(), new Date())))
  }, [enqueue, keep])

  useEffect(() => {
    if (!online) return
    void refreshNow()
    const timer = setInterval(() => void refreshNow(), refreshIntervalMs)
    return () => clearInterval(timer)
  }, [online, refreshNow])

  /**
   * The trust data to check with now: once the stored data is read, that; only a device
   * with nothing usable yet (a first start) waits for the download under way.
   */
  const currentTrust = useCallback(async () => {
    await loaded.current?.catch(() => {})
    if (!latest.current?.trust) await queue.current
    return latest.current
  }, [])

  return { trust, refresh, refreshNow, currentTrust }
}
