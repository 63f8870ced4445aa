import { type ErrorCode, isPolisError } from '@polis/kernel/errors'
import {
  combineTrust,
  type QrTrust,
  readStatusListToken,
  readTrustFederation,
  readTrustList,
  type StatusSnapshot,
} from './qr-core.ts'
import type { StoredTrust } from './verifier-store.ts'

/** The trust data as checks use it, verified again from the stored raw texts. */
export interface TrustState {
  trust: QrTrust | undefined
  /** The verified status lists by list id, the UUID that ends their URI and names them in a QR. */
  statuses: Map<string, StatusSnapshot>
  /** When the trust list was downloaded; undefined before the first download. */
  listFetchedAt: Date | undefined
  /** When the oldest kept status list was downloaded. */
  statusFetchedAt: Date | undefined
  /** Why stored data did not verify any more (an expired trust list, say). */
  problem: ErrorCode | undefined
}

/** Verifies the stored trust list and status lists again, as of `now`; never throws. */
export async function loadTrust(stored: StoredTrust, now: Date): Promise<TrustState> {
  const statuses = new Map<string, StatusSnapshot>()
  const state: TrustState = {
    trust: undefined,
    statuses,
    listFetchedAt: stored.list ? new Date(stored.list.fetchedAt) : undefined,
    statusFetchedAt: undefined,
    problem: undefined,
  }
  if (!stored.list || !stored.anchor) return state
  try {
    state.trust = await readTrustList(stored.list.jws, stored.anchor, now)
  } catch (error) {
    state.problem = isPolisError(error) ? error.code : 'ERR_INTERNAL'
    return state
  }
  // Other countries' lists, each verified against the anchor the own country's statement names.
  const others: QrTrust[] = []
  const theirLists = []
  if (stored.federation) {
    try {
      const countries = await readTrustFederation(stored.federation.jws, stored.anchor, now)
      for (const held of stored.federation.countries) {
        const named = countries.find((country) => country.code === held.code)
        if (!named) continue
        try {
          const trust = await readTrustList(held.list.jws, named.anchor.jwk, now)
          if (trust.country.code !== held.code) continue
          others.push(trust)
          theirLists.push(...held.statusLists)
        } catch {
          // A list that no longer verifies is left out: that country's documents are refused.
        }
      }
    } catch {
      // A statement that no longer verifies (or expired) trusts no other country.
    }
  }
  state.trust = combineTrust(state.trust, others)
  for (const list of [...stored.statusLists, ...theirLists]) {
    try {
      const snapshot = await readStatusListToken(list.jwt, state.trust)
      statuses.set(snapshot.listId, snapshot)
      const fetchedAt = new Date(list.fetchedAt)
      if (!state.statusFetchedAt || fetchedAt < state.statusFetchedAt) state.statusFetchedAt = fetchedAt
    } catch {
      // A list that no longer verifies is left out: documents it covers are refused as stale.
    }
  }
  return state
}
