/**
 * Messages between security servers, in X-Road's REST style: the headers it defines
 * (`X-Road-Client`, `X-Road-Id`, `X-Road-UserId`, `X-Road-Issue`, `X-Road-Request-Hash`,
 * `X-Road-Error`), a request hash over everything the request says (SHA-512, base64, as
 * X-Road's), and each message signed by its member's signing key: a JWS over the
 * message's digest, sent beside it. The provider answers the request hash it received,
 * signed with its response, and the consumer checks that it is the hash of what it sent.
 */
import { createHash } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { CompactSign, compactVerify, type JWK } from 'jose'
import { type ClientId, formatId, type ServiceId } from './identifiers.ts'

/** The headers of X-Road's REST protocol, as Node reads them (lower case). */
export const xRoadHeaders = {
  client: 'x-road-client',
  id: 'x-road-id',
  userId: 'x-road-userid',
  issue: 'x-road-issue',
  requestHash: 'x-road-request-hash',
  error: 'x-road-error',
  /** The security server's signature of the message (Polis's own, between security servers only). */
  signature: 'x-polis-signature',
} as const

/** A request as security servers pass it on. */
export interface ExchangeRequest {
  /** `X-Road-Id`: unique per message, so a replay is known. */
  id: string
  client: ClientId
  service: ServiceId
  method: string
  /** The path within the service, with its query. */
  path: string
  /** `X-Road-UserId`: the person the call is made for (the citizen's identifier), when it is. */
  userId?: string
  /** `X-Road-Issue`: why, the service or case the call serves. */
  issue?: string
  contentType?: string
  body: Uint8Array
}

export interface ExchangeResponse {
  status: number
  contentType?: string
  body: Uint8Array
}

const sha512 = (bytes: Uint8Array | string) => createHash('sha512').update(bytes).digest('base64')

/**
 * The request hash: SHA-512 over the request's fields in one fixed order and its body's
 * own hash, so any change to a header that means something, the path or the body
 * changes it.
 */
export function requestHash(request: ExchangeRequest): string {
  const said = JSON.stringify([
    request.id,
    formatId(request.client),
    formatId(request.service),
    request.method.toUpperCase(),
    request.path,
    request.userId ?? null,
    request.issue ?? null,
    request.contentType ?? null,
    sha512(request.body),
  ])
  return sha512(said)
}

/** The response's digest, bound to the request it answers by the request hash. */
export function responseDigest(response: ExchangeResponse, forRequestHash: string): string {
  return sha512(JSON.stringify([forRequestHash, response.status, response.contentType ?? null, sha512(response.body)]))
}

const typ = 'polis-exchange-sig+jws'

/** A member's signature of a digest (a request hash, a response digest), as a compact JWS. */
export async function signDigest(digest: string, key: CryptoKey, signer: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(digest))
    .setProtectedHeader({ alg: 'ES256', typ, kid: signer })
    .sign(key)
}

/**
 * Checks that `signature` is the member's signature of exactly this digest:
 * ERR_EXCHANGE_SIGNATURE when the key, the signer or the digest differ.
 */
export async function verifyDigest(
  signature: string,
  digest: string,
  expected: { signer: string; publicKey: CryptoKey | JWK },
): Promise<void> {
  try {
    const { payload, protectedHeader } = await compactVerify(signature, expected.publicKey, { algorithms: ['ES256'] })
    if (protectedHeader.typ !== typ || protectedHeader.kid !== expected.signer) throw new Error('another signer')
    if (new TextDecoder().decode(payload) !== digest) throw new Error('another message')
  } catch (cause) {
    throw new PolisError('ERR_EXCHANGE_SIGNATURE', { cause })
  }
}

/**
 * The consumer's check of an answer: the provider says which request it answered
 * (`X-Road-Request-Hash`), and it must be the one sent. ERR_EXCHANGE_REQUEST_HASH otherwise.
 */
export function checkRequestHash(sent: ExchangeRequest, answeredHash: string | undefined): void {
  if (answeredHash !== requestHash(sent)) throw new PolisError('ERR_EXCHANGE_REQUEST_HASH')
}

/** X-Road's fault types, by where the fault is: the consumer's server, the provider's, or the service. */
export const faultTypes = {
  ERR_EXCHANGE_ACCESS_DENIED: 'Server.ServerProxy.AccessDenied',
  ERR_EXCHANGE_SIGNATURE: 'Server.ServerProxy.InvalidSignatureValue',
  ERR_EXCHANGE_REQUEST_HASH: 'Server.ClientProxy.InconsistentResponse',
  ERR_EXCHANGE_CONF_EXPIRED: 'Server.ServerProxy.OutdatedGlobalConf',
  ERR_EXCHANGE_IDENTIFIER: 'Server.ClientProxy.InvalidRequest',
  ERR_EXCHANGE_PROVIDER_UNREACHABLE: 'Server.ClientProxy.NetworkError',
} as const

/** An error as X-Road answers it: the `X-Road-Error` header's type, and a JSON body naming it. */
export function exchangeFault(code: keyof typeof faultTypes, message: string) {
  const type = faultTypes[code]
  return { header: type, body: { type, message, detail: code } }
}
