import { PolisError } from '@polis/kernel/errors'
import { readStatusListToken, readTrustList } from './qr-core.ts'
import { sameKey } from './same-key.ts'
import { AnchorJwk, StatusListIndex } from './schemas.ts'
import type { StoredStatusList, StoredTrust } from './verifier-store.ts'

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

  const previous = new Map(stored.statusLists.map((list) => [list.uri, list]))
  let complete = true
  let lists: StoredStatusList[] = stored.statusLists
  try {
    const index = StatusListIndex.parse(parseJson(await fetchText('/status/lists')))
    const fetched = await Promise.all(
      index.lists.map(async ({ uri }): Promise<StoredStatusList | undefined> => {
        try {
          const jwt = (await fetchText(uri)).trim()
          const snapshot = await readStatusListToken(jwt, trust)
          return { uri: snapshot.uri, jwt, fetchedAt }
        } catch {
          complete = false
          return previous.get(uri)
        }
      }),
    )
    lists = fetched.filter((list) => list !== undefined)
  } catch {
    complete = false
  }
  return { stored: { anchor: pinned, list: { jws, fetchedAt }, statusLists: lists }, complete }
}
