import { createPrivateKey, type KeyObject, type JsonWebKey as NodeJsonWebKey } from 'node:crypto'
import type { StatusOf, VerifyChain } from '@polis/documents'
import { epochSeconds, fromBase64url, PolisError } from '@polis/kernel'
import type { TrustAnchors } from '@polis/trust'
import { buildSessionTranscript } from './build-session-transcript.ts'
import type { PendingPresentationRequest } from './create-presentation-request.ts'
import { decryptEcdhEs, type JweHeader, readJweHeader } from './decrypt-ecdh-es.ts'
import { AuthorizationResponse, supportedEncValues } from './request-object.ts'
import { credentialSetsMet } from './select-claims.ts'
import type { VerifiedCredential } from './verified-credential.ts'
import { verifyMdocEntry } from './verify-mdoc-entry.ts'
import { verifySdJwtEntry } from './verify-sd-jwt-entry.ts'

export interface ReceivePresentationResponseOptions {
  /** The `response` parameter the wallet posted: a compact JWE. */
  response: string
  /** The open request this response URI belongs to, as the verifier stored it. */
  request: PendingPresentationRequest
  /** Checks SD-JWT VC issuer chains against the national anchors (cached). */
  verifyChain: VerifyChain
  /** The same anchors, for mdoc issuer chains. */
  anchors: TrustAnchors
  statusOf: StatusOf
  /**
   * Marks the request answered and says whether it was open until now: true once, false
   * for every later call (an atomic update of the stored request).
   */
  claimResponse: (requestId: string) => boolean | Promise<boolean>
  now: Date
  /** How old a key-binding JWT may be; five minutes unless given. */
  maxAgeSeconds?: number
}

/** The answer to a request, verified: only the claims asked for, with their evidence. */
export interface PresentationResult {
  requestId: string
  credentials: VerifiedCredential[]
  /** The transaction data entries the holder signed for, as sent. */
  transactionData: string[]
  verifiedAt: Date
}

/** A compact JWE of a few presentations; a portrait or two fit well within it. */
export const maxResponseLength = 1024 * 1024

/**
 * Receives a `direct_post.jwt` answer (OpenID4VP 1.0 section 8.3, HAIP 1.0): decrypts it
 * with this request's key, binds it to this request by `kid` and `state`, verifies every
 * presentation against the DCQL query, nonce and client id, and accepts it only once.
 * Throws PolisError with a stable code.
 */
export async function receivePresentationResponse(
  options: ReceivePresentationResponseOptions,
): Promise<PresentationResult> {
  const { request, now } = options
  if (typeof options.response !== 'string' || options.response.length === 0) throw new PolisError('ERR_MALFORMED')
  if (options.response.length > maxResponseLength) throw new PolisError('ERR_TOO_LARGE')
  const { header, parts } = readJweHeader(options.response)
  if (header.alg !== 'ECDH-ES' || !supportedEncValues.includes(header.enc as 'A128GCM')) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', {
      detail: 'the response must be ECDH-ES with A128GCM or A256GCM',
    })
  }
  if (header.kid !== undefined && header.kid !== request.encryption.kid) {
    throw new PolisError('ERR_RESPONSE_MIXUP', { detail: 'the response is encrypted to another request' })
  }
  if (epochSeconds(now) > request.expiresAt) throw new PolisError('ERR_REQUEST_EXPIRED')
  const payload = decrypt(header, parts, request)
  if (payload.state !== request.state) throw new PolisError('ERR_STATE_MISMATCH')

  const query = request.dcqlQuery
  const credentials: VerifiedCredential[] = []
  let transcript: Uint8Array | undefined
  for (const [queryId, presentations] of Object.entries(payload.vp_token)) {
    const credentialQuery = query.credentials.find((c) => c.id === queryId)
    if (!credentialQuery) throw new PolisError('ERR_CLAIM_NOT_REQUESTED', { detail: 'an answer to no query' })
    if (presentations.length > 1 && credentialQuery.multiple !== true) {
      throw new PolisError('ERR_MALFORMED', { detail: `query ${queryId} takes one presentation` })
    }
    for (const presentation of presentations) {
      if (credentialQuery.format === 'dc+sd-jwt') {
        credentials.push(
          await verifySdJwtEntry({
            presentation,
            query: credentialQuery,
            clientId: request.clientId,
            nonce: request.nonce,
            transactionData: request.transactionData.filter((encoded) => namesQuery(encoded, queryId)),
            verifyChain: options.verifyChain,
            statusOf: options.statusOf,
            now,
            maxAgeSeconds: options.maxAgeSeconds ?? 300,
          }),
        )
      } else {
        transcript ??= await buildSessionTranscript({
          clientId: request.clientId,
          nonce: request.nonce,
          jwkThumbprint: fromBase64url(request.encryption.thumbprint),
          responseUri: request.responseUri,
        })
        const documents = await verifyMdocEntry({
          presentation,
          query: credentialQuery,
          sessionTranscript: transcript,
          anchors: options.anchors,
          statusOf: options.statusOf,
          now,
        })
        credentials.push(...documents)
      }
    }
  }
  if (!credentialSetsMet(query, new Set(Object.keys(payload.vp_token)))) {
    throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: 'a required credential is missing' })
  }
  if (!(await options.claimResponse(request.id))) throw new PolisError('ERR_RESPONSE_REPLAYED')
  return { requestId: request.id, credentials, transactionData: request.transactionData, verifiedAt: now }
}

function decrypt(header: JweHeader, parts: string[], request: PendingPresentationRequest): AuthorizationResponse {
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey({ key: request.encryption.privateJwk as NodeJsonWebKey, format: 'jwk' })
  } catch (cause) {
    throw new PolisError('ERR_INTERNAL', { detail: 'the stored request key cannot be read', cause })
  }
  const plaintext = decryptEcdhEs({ header, parts, privateKey })
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the response is not JSON', cause })
  }
  const parsed = AuthorizationResponse.safeParse(json)
  if (!parsed.success) throw new PolisError('ERR_MALFORMED', { detail: 'the response is not a DCQL vp_token answer' })
  return parsed.data
}

function namesQuery(encoded: string, queryId: string): boolean {
  const bytes = fromBase64url(encoded)
  const entry = bytes ? (JSON.parse(bytes.toString('utf8')) as { credential_ids?: unknown }) : undefined
  return Array.isArray(entry?.credential_ids) && entry.credential_ids.includes(queryId)
}
