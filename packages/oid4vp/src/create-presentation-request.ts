import { generateKeyPairSync, hash, randomBytes as nodeRandomBytes } from 'node:crypto'
import { signCompactJws } from '@polis/documents'
import { epochSeconds, PolisError, type RandomBytes, type SigningKey, toBase64url } from '@polis/kernel'
import { DcqlQuery } from './dcql-query.ts'
import { type EncryptionJwk, type RequestObject, supportedEncValues, TransactionDataEntry } from './request-object.ts'

export interface CreatePresentationRequestOptions {
  /** The business's request-signing key; `chain` starts with its access certificate. */
  signingKey: SigningKey
  /** Where the wallet posts its encrypted answer (`direct_post.jwt`); one per request is best. */
  responseUri: string
  /** What to ask for, as DCQL; parsed here. */
  dcqlQuery: unknown
  /** Transaction data entries (section 8.4), e.g. `{ type, credential_ids, ... }`; SD-JWT VC queries only. */
  transactionData?: readonly Record<string, unknown>[]
  now: Date
  /** How long the wallet may take to answer; five minutes unless given. */
  lifetimeSeconds?: number
  randomBytes?: RandomBytes
}

/**
 * What the verifier keeps of an open request until its answer comes: plain JSON, so it
 * can be stored in a row. `encryption.privateJwk` opens the answer; it never leaves the verifier.
 */
export interface PendingPresentationRequest {
  id: string
  clientId: string
  nonce: string
  state: string
  responseUri: string
  dcqlQuery: DcqlQuery
  /** The entries as sent, base64url JSON: what the key-binding JWT hashes. */
  transactionData: string[]
  encryption: { kid: string; privateJwk: JsonWebKey; thumbprint: string }
  /** Seconds since the epoch. */
  expiresAt: number
}

export interface CreatedPresentationRequest {
  /** The signed request object (`oauth-authz-req+jwt`), served at the request URI. */
  requestObject: string
  pending: PendingPresentationRequest
}

const maxLifetimeSeconds = 3600

function clientIdOf(signingKey: SigningKey): string {
  const leaf = signingKey.chain[0]
  if (!leaf) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the signing key has no access certificate' })
  return `x509_hash:${hash('sha256', leaf, 'base64url')}`
}

/** RFC 7638 thumbprint of a P-256 key: the SHA-256 of its required members in order. */
function thumbprintOf(jwk: { crv: string; kty: string; x: string; y: string }): string {
  return hash('sha256', `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`, 'base64url')
}

/**
 * Creates an OpenID4VP 1.0 request as HAIP 1.0 profiles it: a request object signed
 * ES256 with the business's access certificate in `x5c`, client `x509_hash:...`,
 * `direct_post.jwt` to `responseUri`, fresh nonce and state, a DCQL query, and an
 * ephemeral ECDH-ES P-256 key of this request alone for the wallet to encrypt to.
 */
export async function createPresentationRequest(
  options: CreatePresentationRequestOptions,
): Promise<CreatedPresentationRequest> {
  const random = options.randomBytes ?? nodeRandomBytes
  const parsed = DcqlQuery.safeParse(options.dcqlQuery)
  if (!parsed.success)
    throw new PolisError('ERR_BAD_REQUEST', { detail: `dcql_query: ${parsed.error.issues[0]?.message}` })
  const dcqlQuery = parsed.data
  if (dcqlQuery.credentials.some((c) => c.require_cryptographic_holder_binding === false)) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'HAIP 1.0 asks holder binding of every credential' })
  }
  const transactionData = encodeTransactionData(options.transactionData ?? [], dcqlQuery)
  const lifetime = options.lifetimeSeconds ?? 300
  if (!(lifetime > 0 && lifetime <= maxLifetimeSeconds)) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'a request lives between a second and an hour' })
  }
  let responseUri: URL
  try {
    responseUri = new URL(options.responseUri)
  } catch (cause) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'response_uri is not a URL', cause })
  }
  if (responseUri.protocol !== 'https:' && responseUri.hostname !== 'localhost') {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'response_uri must be https' })
  }

  const entropy = random(64)
  const nonce = toBase64url(entropy.subarray(0, 32))
  const state = toBase64url(entropy.subarray(32, 64))
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const privateJwk = privateKey.export({ format: 'jwk' })
  const { crv, kty, x, y } = privateJwk as { crv: string; kty: string; x: string; y: string }
  const kid = thumbprintOf({ crv, kty, x, y })
  const encryptionJwk: EncryptionJwk = { kty: 'EC', crv: 'P-256', x, y, use: 'enc', alg: 'ECDH-ES', kid }
  const clientId = clientIdOf(options.signingKey)
  const iat = epochSeconds(options.now)
  const payload: RequestObject = {
    client_id: clientId,
    response_type: 'vp_token',
    response_mode: 'direct_post.jwt',
    response_uri: responseUri.href,
    nonce,
    state,
    dcql_query: dcqlQuery,
    client_metadata: {
      jwks: { keys: [encryptionJwk] },
      encrypted_response_enc_values_supported: [...supportedEncValues],
      vp_formats_supported: {
        'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256'] },
        mso_mdoc: { issuerauth_alg_values: [-7], deviceauth_alg_values: [-7] },
      },
    },
    ...(transactionData.length > 0 ? { transaction_data: transactionData } : {}),
    // Static discovery of the wallet (OpenID4VP 1.0 section 5.8): the audience is the self-issued one.
    aud: 'https://self-issued.me/v2',
    iat,
    exp: iat + lifetime,
  }
  const requestObject = await signCompactJws({
    header: {
      alg: 'ES256',
      typ: 'oauth-authz-req+jwt',
      x5c: options.signingKey.chain.map((der) => Buffer.from(der).toString('base64')),
    },
    payload,
    sign: options.signingKey.sign,
  })
  return {
    requestObject,
    pending: {
      id: kid,
      clientId,
      nonce,
      state,
      responseUri: responseUri.href,
      dcqlQuery,
      transactionData,
      encryption: { kid, privateJwk, thumbprint: kid },
      expiresAt: iat + lifetime,
    },
  }
}

function encodeTransactionData(entries: readonly Record<string, unknown>[], query: DcqlQuery): string[] {
  return entries.map((entry) => {
    const parsed = TransactionDataEntry.safeParse(entry)
    if (!parsed.success)
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'a transaction data entry needs type and credential_ids' })
    for (const id of parsed.data.credential_ids) {
      const credential = query.credentials.find((c) => c.id === id)
      if (credential?.format !== 'dc+sd-jwt') {
        throw new PolisError('ERR_BAD_REQUEST', { detail: 'transaction data names an SD-JWT VC credential query' })
      }
    }
    return toBase64url(JSON.stringify(entry))
  })
}

/** The link or QR content that starts a cross-device or same-device flow (`openid4vp://` by default). */
export function presentationRequestLink(options: { clientId: string; requestUri: string; scheme?: string }): string {
  const query = new URLSearchParams({ client_id: options.clientId, request_uri: options.requestUri })
  return `${options.scheme ?? 'openid4vp://'}?${query.toString()}`
}
