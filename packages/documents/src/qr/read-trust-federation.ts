import { PolisError } from '@polis/kernel/errors'
import { assertEs256, importVerifyKey, readCompactJws } from './read-signed-json.ts'
import type { QrCountry } from './read-trust-list.ts'

/** Another country a verifier's own country federates with: where its list is and the anchor it is signed by. */
export interface FederatedCountry extends QrCountry {
  /** Where the verifier's own instance serves the copy of that country's list it checked. */
  list: string
  anchor: { sha256: string; jwk: JsonWebKey }
}

/**
 * Verifies `/trust/federation` (a JWS of type `trust-federation+jwt`) against the verifier's
 * own national anchor, which it pinned, and gives the other countries it names with their
 * anchors' keys: so a verifier trusts another country's anchor only on its own country's word.
 */
export async function readTrustFederation(jws: string, anchor: JsonWebKey, now: Date): Promise<FederatedCountry[]> {
  const token = readCompactJws(jws, { typ: 'trust-federation+jwt', maxLength: 256 * 1024 })
  await assertEs256(await importVerifyKey(anchor), token.signature, token.signingInput)
  const { exp, countries } = token.payload
  if (typeof exp !== 'number' || !Array.isArray(countries)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the federation statement lacks exp or countries' })
  }
  if (now.getTime() >= exp * 1000)
    throw new PolisError('ERR_STATUS_STALE', { detail: 'the federation statement expired' })
  return countries.map((entry: Record<string, unknown>) => {
    const held = entry.anchor as { sha256?: unknown; jwk?: unknown } | undefined
    if (
      typeof entry.code !== 'string' ||
      typeof entry.list !== 'string' ||
      typeof held?.sha256 !== 'string' ||
      typeof held.jwk !== 'object' ||
      held.jwk === null
    ) {
      throw new PolisError('ERR_MALFORMED', { detail: 'a federated country lacks its code, list or anchor' })
    }
    return {
      code: entry.code,
      name: typeof entry.name === 'string' ? entry.name : entry.code,
      list: entry.list,
      anchor: { sha256: held.sha256, jwk: held.jwk as JsonWebKey },
    }
  })
}
