import { PolisError } from '@polis/kernel/errors'
import { type QrTrust, readStatusListToken, readTrustFederation, readTrustList } from './qr-core.ts'
import { sameKey } from './same-key.ts'
import { AnchorJwk, StatusListIndex } from './schemas.ts'
import type { StoredCountry, StoredStatusList, StoredTrust } from './verifier-store.ts'

export interface RefreshTrustOptions {
  stored: StoredTrust
  /** The body of a URL (relative ones to the app's origin), from the network, not the HTTP cache. */
  fetchText: (url: string) => Promise<string>
  now: Date
}

export interface RefreshedTrust {
  stored: StoredTrust
  /** False when some status list could not be downloaded or checked; its older copy is kept. */
  complete: boolean
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { cause })
  }
}

/**
 * Downloads the national anchor, the trust list and every status list, and returns what
 * to store. Nothing is kept that did not verify: the trust list against the anchor pinned
 * on first run (a different anchor is refused with ERR_UNTRUSTED_ISSUER), each status list
 * against the trust list. Throws PolisError; the stored data is then left as it was.
 */
export async function refreshTrust(options: RefreshTrustOptions): Promise<RefreshedTrust> {
  const { stored, fetchText, now } = options
  const anchor = AnchorJwk.parse(parseJson(await fetchText('/trust/anchor.jwk')))
  if (stored.anchor && !sameKey(stored.anchor, anchor)) {
    throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the national anchor differs from the pinned one' })
  }
  const pinned = stored.anchor ?? anchor
  const jws = (await fetchText('/trust/list')).trim()
  const trust = await readTrustList(jws, pinned, now)
  const fetchedAt = now.toISOString()

  const own = await fetchStatusLists({ index: '/status/lists', trust, kept: stored.statusLists, fetchText, fetchedAt })
  const federation = await refreshFederation({ stored, anchor: pinned, fetchText, now })
  return {
    stored: {
      anchor: pinned,
      list: { jws, fetchedAt },
      statusLists: own.lists,
      ...(federation.stored ? { federation: federation.stored } : {}),
    },
    complete: own.complete && federation.complete,
  }
}

/** Every status list an index names that verifies against `trust`; the older copy of one that fails. */
async function fetchStatusLists(options: {
  index: string
  trust: QrTrust
  kept: StoredStatusList[]
  fetchText: (url: string) => Promise<string>
  fetchedAt: string
}): Promise<{ lists: StoredStatusList[]; complete: boolean }> {
  const previous = new Map(options.kept.map((list) => [list.uri, list]))
  let complete = true
  try {
    const index = StatusListIndex.parse(parseJson(await options.fetchText(options.index)))
    const fetched = await Promise.all(
      index.lists.map(async ({ uri }): Promise<StoredStatusList | undefined> => {
        try {
          const jwt = (await options.fetchText(uri)).trim()
          const snapshot = await readStatusListToken(jwt, options.trust)
          return { uri: snapshot.uri, jwt, fetchedAt: options.fetchedAt }
        } catch {
          complete = false
          return previous.get(uri)
        }
      }),
    )
    return { lists: fetched.filter((list) => list !== undefined), complete }
  } catch {
    return { lists: options.kept, complete: false }
  }
}

/**
 * The other countries' trust data (docs/federation.md): the statement naming them must
 * verify against the own pinned anchor, each country's list against the anchor it names.
 * A country whose list cannot be had or does not verify keeps its older copy, whose own
 * validity then decides; a statement that does not verify changes nothing.
 */
async function refreshFederation(options: {
  stored: StoredTrust
  anchor: JsonWebKey
  fetchText: (url: string) => Promise<string>
  now: Date
}): Promise<{ stored: StoredTrust['federation']; complete: boolean }> {
  const { fetchText, now } = options
  const kept = options.stored.federation
  let jws: string
  let countries: Awaited<ReturnType<typeof readTrustFederation>>
  try {
    jws = (await fetchText('/trust/federation')).trim()
  } catch {
    // An instance that answers no statement federates with nobody; what was kept stays.
    return { stored: kept, complete: kept === undefined }
  }
  try {
    countries = await readTrustFederation(jws, options.anchor, now)
  } catch {
    return { stored: kept, complete: false }
  }
  const fetchedAt = now.toISOString()
  let complete = true
  const stored: StoredCountry[] = []
  for (const country of countries) {
    const before = kept?.countries.find((held) => held.code === country.code)
    try {
      const list = (await fetchText(country.list)).trim()
      const trust = await readTrustList(list, country.anchor.jwk, now)
      if (trust.country.code !== country.code) throw new PolisError('ERR_TRUST_ANCHOR_MISMATCH')
      const statuses = await fetchStatusLists({
        index: `${country.list.replace(/\/list$/, '')}/status/lists`,
        trust,
        kept: before?.statusLists ?? [],
        fetchText,
        fetchedAt,
      })
      complete &&= statuses.complete
      stored.push({ code: country.code, list: { jws: list, fetchedAt }, statusLists: statuses.lists })
    } catch {
      complete = false
      if (before) stored.push(before)
    }
  }
  return { stored: { jws, countries: stored }, complete }
}
