import type { Sign } from '@polis/kernel'
import { PolisError } from '@polis/kernel/errors'
import { base64url, CompactEncrypt, calculateJwkThumbprint, importJWK } from 'jose'
import { buildSessionTranscript } from './build-session-transcript.ts'
import { hashTransactionData } from './hash-transaction-data.ts'
import type { DcqlCandidate } from './match-dcql-query.ts'
import { presentMdoc, readHeldMdoc } from './present-mdoc.ts'
import { readHeldSdJwt } from './read-held-sd-jwt.ts'
import type { PresentationRequest } from './read-presentation-request.ts'
import { credentialSetsMet } from './select-claims.ts'

export interface AnswerPresentationRequestOptions {
  request: PresentationRequest
  /** The candidate the holder chose for each credential query answered. */
  chosen: Record<string, DcqlCandidate>
  now: Date
}

/** What the wallet posts: `response=<jwe>` as a form to `responseUri` (`direct_post.jwt`). */
export interface PresentationAnswer {
  responseUri: string
  /** The compact JWE. */
  response: string
  vpToken: Record<string, string[]>
}

const encoder = new TextEncoder()

async function signJwt(header: object, payload: object, sign: Sign): Promise<string> {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`
  return `${input}.${base64url.encode(await sign(encoder.encode(input)))}`
}

/** An SD-JWT+KB with only the chosen disclosures, bound to this request (OpenID4VP 1.0 Annex B.3.6). */
async function presentSdJwt(
  candidate: DcqlCandidate,
  request: PresentationRequest,
  queryId: string,
  now: Date,
): Promise<string> {
  const held = await readHeldSdJwt(candidate.credential.credential as string)
  const disclosures = candidate.disclose.flatMap((name) => held.disclosuresOf.get(name) ?? [])
  const sdJwt = `${held.jwt}~${disclosures.map((d) => `${d}~`).join('')}`
  const sdHash = base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(sdJwt))))
  const entries = request.transactionData.filter(({ entry }) => entry.credential_ids.includes(queryId))
  const payload: Record<string, unknown> = {
    iat: Math.floor(now.getTime() / 1000),
    aud: request.payload.client_id,
    nonce: request.payload.nonce,
    sd_hash: sdHash,
  }
  if (entries.length > 0) {
    payload.transaction_data_hashes = await Promise.all(entries.map(({ encoded }) => hashTransactionData(encoded)))
    payload.transaction_data_hashes_alg = 'sha-256'
  }
  return `${sdJwt}${await signJwt({ alg: 'ES256', typ: 'kb+jwt' }, payload, candidate.credential.sign)}`
}

/** The mdoc SessionTranscript of this request: its client id, nonce, encryption key and response URI. */
async function sessionTranscriptOf(request: PresentationRequest): Promise<Uint8Array> {
  const { jwk } = request.encryption
  const thumbprint = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256')
  return buildSessionTranscript({
    clientId: request.payload.client_id,
    nonce: request.payload.nonce,
    jwkThumbprint: base64url.decode(thumbprint),
    responseUri: request.payload.response_uri,
  })
}

/**
 * Builds the holder's answer: one presentation per chosen credential, bound to the
 * verifier's client id and nonce, in a DCQL `vp_token` with the request's `state`,
 * encrypted ECDH-ES to the request's key (`direct_post.jwt`, HAIP 1.0 section 5).
 */
export async function answerPresentationRequest(
  options: AnswerPresentationRequestOptions,
): Promise<PresentationAnswer> {
  const { request } = options
  const query = request.payload.dcql_query
  const { jwk, enc } = request.encryption
  // Imported while the presentations are made: each WebCrypto call waits on the thread pool.
  const key = importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ECDH-ES').catch((cause: unknown) => {
    throw new PolisError('ERR_MALFORMED', { detail: 'the request’s encryption key is not a P-256 point', cause })
  })
  // Handled where it is awaited; this keeps an early failure above from leaving it unhandled.
  key.catch(() => undefined)
  const vpToken: Record<string, string[]> = {}
  let transcript: Uint8Array | undefined
  for (const [queryId, candidate] of Object.entries(options.chosen)) {
    if (!query.credentials.some((c) => c.id === queryId)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `no credential query ${queryId}` })
    }
    if (candidate.credential.format === 'dc+sd-jwt') {
      vpToken[queryId] = [await presentSdJwt(candidate, request, queryId, options.now)]
    } else {
      transcript ??= await sessionTranscriptOf(request)
      const deviceResponse = await presentMdoc({
        held: readHeldMdoc(candidate.credential.credential),
        elements: candidate.elements,
        sessionTranscript: transcript,
        sign: candidate.credential.sign,
      })
      vpToken[queryId] = [base64url.encode(deviceResponse)]
    }
  }
  if (!credentialSetsMet(query, new Set(Object.keys(vpToken)))) {
    throw new PolisError('ERR_DCQL_UNSATISFIED', { detail: 'a required credential is not chosen' })
  }
  const plaintext = encoder.encode(JSON.stringify({ vp_token: vpToken, state: request.payload.state }))
  const response = await new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'ECDH-ES', enc, kid: jwk.kid })
    .encrypt(await key)
  return { responseUri: request.payload.response_uri, response, vpToken }
}
