import { isPolisError, PolisError } from '@polis/kernel'
import { createChainCache, type TrustAnchors } from '@polis/trust'
import { getStatus } from './get-status.ts'
import type { StatusList } from './status-list.ts'
import type { StatusReference } from './status-reference.ts'
import { type ChainVerifier, verifyStatusListToken } from './verify-status-list-token.ts'
import type { StatusListTokenLimits } from './verify-status-list-token-with-key.ts'

/** How the verifier fetches, trusts and keeps Status List Tokens. */
export interface CreateStatusListCacheOptions extends StatusListTokenLimits {
  /**
   * Fetches the Status List Token at a URI (section 8.1). The URI comes from a credential,
   * so the adapter should allow only the hosts of trusted issuers.
   */
  fetchToken: (uri: string) => Promise<string>
  /** Anchors the tokens' `x5c` chains must end at, or a chain cache built on them. */
  trust: TrustAnchors | ChainVerifier
  now: () => Date
  /** Upper bound on reuse of a fetched list, whatever its `ttl` says (section 11.5). Default 300. */
  maxAgeSeconds?: number
  /** Lower bound on reuse, so a tiny `ttl` cannot make us hammer the Status Provider. Default 10. */
  minAgeSeconds?: number
  /** After a failed fetch or verification, the failure is answered from memory this long. Default 2. */
  retryAfterSeconds?: number
  /** Most lists kept; the oldest is dropped first. Memory is bounded by this times maxListBytes. Default 64. */
  maxEntries?: number
}

type Entry = { list: StatusList; signer: string; until: number } | { error: PolisError; until: number }

/**
 * Creates the verifier-side `statusOf`: fetches and verifies each Status List Token once,
 * then answers from memory (a Map lookup and a bit read) until the token's `ttl` is over,
 * bounded by min/max age and never past `exp` (sections 8.3 step 4d and 13.7). Concurrent
 * look-ups of one URI share one fetch. A list that cannot be fetched or verified throws
 * ERR_STATUS_UNAVAILABLE with the reason as `cause`; an index outside the list, ERR_MALFORMED.
 * A stale list is never served: when it must be refreshed, callers wait for the new one.
 */
export function createStatusListCache(
  options: CreateStatusListCacheOptions,
): (reference: StatusReference & { issuerSubject?: string }) => Promise<number> {
  const { fetchToken, now, maxTokenLength, maxListBytes } = options
  const maxAge = (options.maxAgeSeconds ?? 300) * 1000
  const minAge = (options.minAgeSeconds ?? 10) * 1000
  const retryAfter = (options.retryAfterSeconds ?? 2) * 1000
  const maxEntries = options.maxEntries ?? 64
  if (!(minAge >= 0 && maxAge >= minAge && retryAfter >= 0 && Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new PolisError('ERR_CONFIG_INVALID', {
      detail: 'status list cache needs 0 <= minAgeSeconds <= maxAgeSeconds, retryAfterSeconds >= 0, maxEntries >= 1',
    })
  }
  const trust = typeof options.trust === 'function' ? options.trust : createChainCache(options.trust)
  const entries = new Map<string, Entry>()
  const inflight = new Map<string, Promise<Entry>>()

  const remember = (uri: string, entry: Entry): Entry => {
    entries.delete(uri)
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
    entries.set(uri, entry)
    return entry
  }

  const load = async (uri: string): Promise<Entry> => {
    try {
      const token = await fetchToken(uri)
      const at = now()
      const verified = verifyStatusListToken({ token, expectedUri: uri, trust, now: at, maxTokenLength, maxListBytes })
      const fetchedAt = at.getTime()
      const age = Math.min(Math.max(verified.ttl === undefined ? maxAge : verified.ttl * 1000, minAge), maxAge)
      const until = Math.min(
        fetchedAt + age,
        verified.exp === undefined ? Number.POSITIVE_INFINITY : verified.exp * 1000,
      )
      return remember(uri, { list: verified.list, signer: verified.issuer.leaf.subject, until })
    } catch (cause) {
      const reason = isPolisError(cause) ? cause.code : 'the fetch failed'
      const error = new PolisError('ERR_STATUS_UNAVAILABLE', { detail: `status list token: ${reason}`, cause })
      return remember(uri, { error, until: now().getTime() + retryAfter })
    }
  }

  const refresh = (uri: string): Promise<Entry> => {
    let pending = inflight.get(uri)
    if (pending === undefined) {
      pending = load(uri).finally(() => inflight.delete(uri))
      inflight.set(uri, pending)
    }
    return pending
  }

  return async (reference: StatusReference & { issuerSubject?: string }) => {
    let entry = entries.get(reference.uri)
    if (entry === undefined || now().getTime() >= entry.until) entry = await refresh(reference.uri)
    if ('error' in entry) throw entry.error
    // A list signed by another authority, however trusted, says nothing of this credential (section 11.3).
    if (reference.issuerSubject !== undefined && reference.issuerSubject !== entry.signer) {
      throw new PolisError('ERR_STATUS_UNAVAILABLE', {
        detail: 'the status list is not signed by the credential issuer',
      })
    }
    return getStatus(entry.list, reference.idx)
  }
}
