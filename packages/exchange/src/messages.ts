/**
 * Messages between security servers, in X-Road's REST style: the headers it defines
 * (`X-Road-Client`, `X-Road-Id`, `X-Road-UserId`, `X-Road-Issue`, `X-Road-Request-Hash`,
 * `X-Road-Error`), a request hash over everything the request says (SHA-512, base64, as
 * X-Road's), and each message signed by its member's signing key: a JWS over the
 * message's digest, sent beside it. The provider answers the request hash it received,
 * signed with its response, and the consumer checks that it is the hash of what it sent.
 */
import { createPublicKey, hash, KeyObject, type JsonWebKey as NodeJwk, sign, verify, webcrypto } from 'node:crypto'
import { derSignatureToRaw, PolisError, rawSignatureToDer } from '@polis/kernel'
import type { JWK } from 'jose'
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
  /**
   * When the consumer's server sent it (ISO 8601, UTC), signed with it: a provider takes a
   * message only within a short window of its own clock, and so needs to remember ids only
   * that long.
   */
  sentAt: string
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

const sha512 = (bytes: Uint8Array | string) => hash('sha512', bytes, 'base64')
/** The hash of an empty body (a GET's), which most requests have. */
const emptySha512 = sha512('')
const bodySha512 = (body: Uint8Array) => (body.length === 0 ? emptySha512 : sha512(body))
const emptySha256 = hash('sha256', '', 'base64')

/**
 * The request hash: SHA-512 over the request's fields in one fixed order and its body's
 * own hash, so any change to a header that means something, the path or the body
 * changes it.
 */
export function requestHash(request: ExchangeRequest): string {
  const said = JSON.stringify([
    request.id,
    request.sentAt,
    formatId(request.client),
    formatId(request.service),
    request.method.toUpperCase(),
    request.path,
    request.userId ?? null,
    request.issue ?? null,
    request.contentType ?? null,
    bodySha512(request.body),
  ])
  return sha512(said)
}

/**
 * The response's digest, bound to the request it answers by the request hash: SHA-256,
 * which this machine's processors compute in hardware (a register's answer of kilobytes
 * in a third of SHA-512's time, on both servers of every message); the request hash
 * stays X-Road's SHA-512.
 */
export function responseDigest(response: ExchangeResponse, forRequestHash: string): string {
  const body = response.body.length === 0 ? emptySha256 : hash('sha256', response.body, 'base64')
  return hash('sha256', JSON.stringify([forRequestHash, response.status, response.contentType ?? null, body]), 'base64')
}

const typ = 'polis-exchange-sig+jws'
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url')

/** Public keys made once each, from the JWK the configuration gives (they recur on every message). */
const publicKeys = new Map<string, KeyObject>()
function publicKeyOf(key: CryptoKey | KeyObject | JWK): KeyObject {
  if (key instanceof KeyObject) return key
  if (isCryptoKey(key)) return KeyObject.from(key)
  const id = JSON.stringify([key.kty, key.crv, key.x, key.y])
  let made = publicKeys.get(id)
  if (!made) {
    made = createPublicKey({ key: key as NodeJwk, format: 'jwk' })
    if (publicKeys.size > 1000) publicKeys.clear()
    publicKeys.set(id, made)
  }
  return made
}
const isCryptoKey = (key: unknown): key is CryptoKey =>
  typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key && 'type' in key

/**
 * A member's signature of a digest (a request hash, a response digest): a compact JWS
 * (ES256, `kid` the signer). A `KeyObject` signs on the calling thread with node:crypto,
 * which a security server signing every message wants; a WebCrypto key goes through
 * its thread pool. node:crypto is given the key itself and its DER signature turned into
 * JOSE's r‖s after (verifyEs256Signature does the same): asked for r‖s with an options
 * object, it costs twice as much, Node trying the object as a key and throwing twice.
 */
export async function signDigest(
  digest: string,
  key: CryptoKey | KeyObject,
  signer: string,
  options: { typ?: string } = {},
): Promise<string> {
  const input = `${b64(JSON.stringify({ alg: 'ES256', typ: options.typ ?? typ, kid: signer }))}.${b64(digest)}`
  const signature =
    key instanceof KeyObject
      ? derSignatureToRaw(sign('sha256', Buffer.from(input), key))
      : new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(input)))
  return `${input}.${b64(signature)}`
}

/**
 * Checks that `signature` is the member's signature of exactly this digest:
 * ERR_EXCHANGE_SIGNATURE when the key, the signer or the digest differ.
 */
export async function verifyDigest(
  signature: string,
  digest: string,
  expected: { signer: string; publicKey: CryptoKey | KeyObject | JWK; typ?: string },
): Promise<void> {
  const parts = signature.split('.')
  let header: { alg?: unknown; typ?: unknown; kid?: unknown } = {}
  try {
    header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'))
  } catch {
    // Refused below.
  }
  let holds = false
  try {
    holds = checks()
  } catch {
    // A key or a signature that is not one: refused below.
  }
  if (!holds) throw new PolisError('ERR_EXCHANGE_SIGNATURE')

  function checks() {
    return (
      parts.length === 3 &&
      header.alg === 'ES256' &&
      header.typ === (expected.typ ?? typ) &&
      header.kid === expected.signer &&
      Buffer.from(parts[1] as string, 'base64url').toString('utf8') === digest &&
      verify(
        'sha256',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        publicKeyOf(expected.publicKey),
        rawSignatureToDer(Buffer.from(parts[2] as string, 'base64url')),
      )
    )
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
  ERR_EXCHANGE_FEDERATED_ACCESS_DENIED: 'Server.ServerProxy.AccessDenied',
  ERR_EXCHANGE_NOT_FEDERATED: 'Server.ClientProxy.UnknownMember',
  ERR_EXCHANGE_SIGNATURE: 'Server.ServerProxy.InvalidSignatureValue',
  ERR_EXCHANGE_MESSAGE_TIME: 'Server.ServerProxy.InvalidRequest',
  ERR_EXCHANGE_REQUEST_HASH: 'Server.ClientProxy.InconsistentResponse',
  ERR_EXCHANGE_CONF_EXPIRED: 'Server.ServerProxy.OutdatedGlobalConf',
  ERR_EXCHANGE_IDENTIFIER: 'Server.ClientProxy.InvalidRequest',
  ERR_EXCHANGE_PROVIDER_UNREACHABLE: 'Server.ClientProxy.NetworkError',
  ERR_EXCHANGE_CERTIFICATE: 'Server.ClientProxy.SslAuthenticationFailed',
  ERR_EXCHANGE_SERVICE_TIMEOUT: 'Server.ServerProxy.ServiceFailed',
} as const

/** An error as X-Road answers it: the `X-Road-Error` header's type, and a JSON body naming it. */
export function exchangeFault(code: keyof typeof faultTypes, message: string) {
  const type = faultTypes[code]
  return { header: type, body: { type, message, detail: code } }
}
