import { PolisError } from '@polis/kernel/errors'
import { base64url, compactVerify, decodeProtectedHeader } from 'jose'
import type { AccessCertificate, CheckAccessCertificate } from './check-access-certificate.ts'
import { EncryptionJwk, RequestObject, supportedEncValues, TransactionDataEntry } from './request-object.ts'

export interface ReadPresentationRequestOptions {
  /** The signed request object fetched from `request_uri`. */
  requestObject: string
  /** The `client_id` of the link or QR that named the request URI, which must be the signed one. */
  clientId?: string | undefined
  checkAccessCertificate: CheckAccessCertificate
  now: Date
}

/** A request the wallet may show its holder: who asks (from the certificate), what and why. */
export interface PresentationRequest {
  payload: RequestObject
  verifier: AccessCertificate
  /** The key to encrypt the answer to, and the `enc` to use. */
  encryption: { jwk: EncryptionJwk; enc: (typeof supportedEncValues)[number] }
  transactionData: Array<{ encoded: string; entry: TransactionDataEntry }>
}

/** A signed request object of a few kilobytes; a long DCQL query fits well within. */
export const maxRequestObjectLength = 64 * 1024

const invalid = (detail: string, cause?: unknown) => new PolisError('ERR_REQUEST_OBJECT_INVALID', { detail, cause })

/**
 * Reads a request object as a HAIP 1.0 wallet must: ES256 `oauth-authz-req+jwt`, an
 * `x5c` chain to the access CA, a signature by its leaf, `client_id` equal to
 * `x509_hash:` of that leaf (and to the link's), not expired, and an encryption key
 * to answer with. Throws PolisError with a stable code; nothing unchecked reaches the holder.
 */
export async function readPresentationRequest(options: ReadPresentationRequestOptions): Promise<PresentationRequest> {
  const jws = options.requestObject
  if (typeof jws !== 'string' || jws.length > maxRequestObjectLength) throw invalid('too long or not text')
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(jws)
  } catch (cause) {
    throw invalid('not a JWS', cause)
  }
  if (header.alg !== 'ES256') throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'request alg must be ES256' })
  if (header.typ !== 'oauth-authz-req+jwt') throw invalid('typ must be oauth-authz-req+jwt')
  if (!Array.isArray(header.x5c) || header.x5c.length === 0 || !header.x5c.every((c) => typeof c === 'string')) {
    throw invalid('no x5c header')
  }
  const verifier = await options.checkAccessCertificate(header.x5c, options.now)
  let payloadBytes: Uint8Array
  try {
    payloadBytes = (await compactVerify(jws, verifier.publicKey, { algorithms: ['ES256'] })).payload
  } catch (cause) {
    throw invalid('the signature does not verify', cause)
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes))
  } catch (cause) {
    throw invalid('the payload is not JSON', cause)
  }
  const parsed = RequestObject.safeParse(json)
  if (!parsed.success) {
    throw new PolisError('ERR_MALFORMED', { detail: `request object: ${parsed.error.issues[0]?.message}` })
  }
  const payload = parsed.data
  if (payload.client_id !== verifier.clientId) {
    throw new PolisError('ERR_CLIENT_ID_MISMATCH', {
      detail: 'client_id is not the x509_hash of the signing certificate',
    })
  }
  if (options.clientId !== undefined && options.clientId !== payload.client_id) {
    throw new PolisError('ERR_CLIENT_ID_MISMATCH', { detail: 'the link names another client_id than the request' })
  }
  const queryIds = new Set(payload.dcql_query.credentials.map((c) => c.id))
  const transactionData = (payload.transaction_data ?? []).map((encoded) => ({ encoded, entry: decodeEntry(encoded) }))
  if (transactionData.some(({ entry }) => entry.credential_ids.some((id) => !queryIds.has(id)))) {
    throw new PolisError('ERR_MALFORMED', { detail: 'transaction data names a credential the query does not ask for' })
  }
  const now = Math.floor(options.now.getTime() / 1000)
  if (payload.exp !== undefined && now >= payload.exp) throw new PolisError('ERR_REQUEST_EXPIRED')
  return {
    payload,
    verifier,
    encryption: chooseEncryption(payload),
    transactionData,
  }
}

function chooseEncryption(payload: RequestObject): PresentationRequest['encryption'] {
  const jwk = payload.client_metadata.jwks.keys.map((key) => EncryptionJwk.safeParse(key)).find((r) => r.success)?.data
  if (!jwk) throw new PolisError('ERR_MALFORMED', { detail: 'no ECDH-ES P-256 key to encrypt the answer to' })
  const offered = payload.client_metadata.encrypted_response_enc_values_supported ?? ['A128GCM']
  const enc = supportedEncValues.find((value) => offered.includes(value))
  if (!enc) throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'no enc value the wallet supports' })
  return { jwk, enc }
}

function decodeEntry(encoded: string): TransactionDataEntry {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(encoded)))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a transaction data entry is not base64url JSON', cause })
  }
  const parsed = TransactionDataEntry.safeParse(json)
  if (!parsed.success)
    throw new PolisError('ERR_MALFORMED', { detail: 'a transaction data entry lacks type or credential_ids' })
  return parsed.data
}

/** The `client_id` and `request_uri` of an `openid4vp://` link or QR (OpenID4VP 1.0 section 5.10). */
export function parsePresentationLink(link: string): { clientId: string; requestUri: string } {
  let url: URL
  try {
    url = new URL(link)
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'not a link', cause })
  }
  const clientId = url.searchParams.get('client_id')
  const requestUri = url.searchParams.get('request_uri')
  // Plain http only to localhost, as createPresentationRequest allows: an instance in development.
  const allowed = (uri: string) =>
    uri.startsWith('https://') || uri.startsWith('http://localhost:') || uri.startsWith('http://localhost/')
  if (!clientId || !requestUri || !allowed(requestUri)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the link needs client_id and an https request_uri' })
  }
  return { clientId, requestUri }
}
