import type { TrustState } from './load-trust.ts'

/** When the oldest piece of the stored trust data was downloaded: what its age is told by. */
export function oldestFetch(trust: TrustState): Date | undefined {
  const { listFetchedAt, statusFetchedAt } = trust
  if (!listFetchedAt) return undefined
  return statusFetchedAt && statusFetchedAt < listFetchedAt ? statusFetchedAt : listFetchedAt
}
