/**
 * What both doors of a security server share on the wire: the limits, reading a body and
 * a batch, X-Road's faults as answers, and who a TLS peer or a member is.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { type ErrorCode, messageOf, PolisError } from '@polis/kernel'
import { AnswerHeader, type ProviderLine, RequestBatch } from './batches.ts'
import type { GlobalConfiguration } from './global-configuration.ts'
import { formatId, type MemberId, parseClientId, parseServiceId } from './identifiers.ts'
import { type ExchangeRequest, faultTypes, xRoadHeaders } from './messages.ts'
import type { ConsumerAnswer } from './security-server.ts'

export const largestBody = 5 * 1024 * 1024
/** Where a provider's server takes batches from other security servers. */
export const batchPath = '/batch'
/** At most this many messages in a batch, and this many bytes of bodies but for a single larger one. */
export const largestBatchCount = 256
export const batchBytes = 1024 * 1024
/** A batch as sent: the bodies base64 and their envelope. */
export const largestBatch = 8 * 1024 * 1024
/**
 * How long a provider's server keeps a connection from another security server open while
 * it is idle (ms), as its `Keep-Alive` header says: a handshake of mutual TLS is dear, and
 * the servers calling it are few.
 */
export const keptAliveMs = 60_000
/**
 * How long a consumer's server keeps its own idle connection to a provider's (ms), and
 * never longer than a second short of the provider's `Keep-Alive`: a batch is not sent on a
 * connection the provider is closing, which would fail it (a reset, ECONNRESET).
 */
export const idleConnectionMs = 30_000

/** The HTTP status a provider's fault is answered with. */
export function providerStatus(code: ErrorCode): number {
  if (code === 'ERR_EXCHANGE_ACCESS_DENIED' || code === 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED') return 403
  if (code === 'ERR_NOT_FOUND') return 404
  if (code === 'ERR_INTERNAL') return 500
  if (code === 'ERR_EXCHANGE_SERVICE_TIMEOUT') return 504
  return 400
}

/** A body's JSON, or ERR_EXCHANGE_IDENTIFIER. */
export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'))
  } catch {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a batch is JSON' })
  }
}

/** A message as a batch carries it between the servers (`parseBatch` reads it back): identifiers written out, the body base64. */
export function wireMessageOf(exchange: ExchangeRequest): RequestBatch['messages'][number] {
  return {
    id: exchange.id,
    sentAt: exchange.sentAt,
    client: formatId(exchange.client),
    service: formatId(exchange.service),
    method: exchange.method,
    path: exchange.path,
    ...(exchange.userId ? { userId: exchange.userId } : {}),
    ...(exchange.issue ? { issue: exchange.issue } : {}),
    ...(exchange.contentType ? { contentType: exchange.contentType } : {}),
    body: Buffer.from(exchange.body).toString('base64'),
  }
}

/**
 * A message of a batch as the provider's server takes it (`wireMessageOf` the other way):
 * its identifiers parsed and its body's bytes, ERR_EXCHANGE_IDENTIFIER when either is not one.
 */
export function requestOfWire(message: RequestBatch['messages'][number]): ExchangeRequest {
  return {
    id: message.id,
    sentAt: message.sentAt,
    client: parseClientId(message.client),
    service: parseServiceId(message.service),
    method: message.method,
    path: message.path,
    ...(message.userId ? { userId: message.userId } : {}),
    ...(message.issue ? { issue: message.issue } : {}),
    ...(message.contentType ? { contentType: message.contentType } : {}),
    body: canonicalBase64(message.body),
  }
}

/**
 * A body's bytes from its base64, which must be the one way of writing them: Node reads
 * base64 leniently (a space is an empty body), and a batch says each message one way.
 */
function canonicalBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64')
  if (bytes.toString('base64') !== text) throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a body’s base64' })
  return bytes
}

/** A batch from another security server, or ERR_EXCHANGE_IDENTIFIER naming what is wrong with it. */
export function parseBatch(json: unknown): RequestBatch {
  const parsed = RequestBatch.safeParse(json)
  if (!parsed.success) {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: `batch: ${parsed.error.issues[0]?.path.join('.')}` })
  }
  return parsed.data
}

/**
 * One of a provider's answers as its JSON line, the body base64. The base64 (a register's
 * answer is kilobytes of it) is made here and put in as it is: it has nothing to escape,
 * and JSON.stringify would scan it for that.
 */
export function answerLine(line: ProviderLine): string {
  const { body, ...rest } = line
  return `${JSON.stringify(rest).slice(0, -1)},"body":"${Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64')}"}\n`
}

/**
 * The protocol a consumer's server asks for when it upgrades its connection to a
 * provider's (`Upgrade:` on `POST /batch`): from then on both send frames on it, batches
 * one way and their answers the other, several batches in flight at once.
 */
export const framesProtocol = 'polis-batches/1'
/** What a frame carries: a batch (JSON, as `POST /batch` takes it), one answer, or a batch refused whole. */
export const frameKinds = { batch: 1, answer: 2, refusal: 3 } as const
export type FrameKind = (typeof frameKinds)[keyof typeof frameKinds]
const frameHead = 9

/** A frame: its payload's length (4 bytes), the batch's number on the connection (4), its kind (1), the payload. */
export function frameOf(kind: FrameKind, batch: number, payload: readonly Uint8Array[]): Buffer {
  let length = 0
  for (const part of payload) length += part.length
  const frame = Buffer.allocUnsafe(frameHead + length)
  frame.writeUInt32BE(length, 0)
  frame.writeUInt32BE(batch, 4)
  frame.writeUInt8(kind, 8)
  let at = frameHead
  for (const part of payload) {
    frame.set(part, at)
    at += part.length
  }
  return frame
}

/**
 * Reads frames from a connection's bytes as they come, in whatever pieces, and hands
 * each whole one on. Throws ERR_EXCHANGE_IDENTIFIER for a frame larger than `largest` or
 * of no known kind: the connection is then not one to go on reading.
 */
export function frameReader(largest: number, onFrame: (kind: FrameKind, batch: number, payload: Buffer) => void) {
  // The pieces of a frame not yet whole, joined once it is: a batch of megabytes comes in
  // hundreds of pieces, and joining at each would copy it hundreds of times.
  let pieces: Buffer[] = []
  let size = 0
  return (chunk: Buffer) => {
    pieces.push(chunk)
    size += chunk.length
    while (size >= frameHead) {
      if ((pieces[0] as Buffer).length < frameHead) pieces = [Buffer.concat(pieces, size)]
      const head = pieces[0] as Buffer
      const length = head.readUInt32BE(0)
      const kind = head.readUInt8(8)
      if (length > largest) throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a frame too large' })
      if (kind !== frameKinds.batch && kind !== frameKinds.answer && kind !== frameKinds.refusal) {
        throw new PolisError('ERR_EXCHANGE_IDENTIFIER', { detail: 'a frame of no known kind' })
      }
      if (size < frameHead + length) return
      const held = pieces.length === 1 ? head : Buffer.concat(pieces, size)
      // The payload copied out: the piece it came in is not held on for it.
      const payload = Buffer.from(held.subarray(frameHead, frameHead + length))
      const rest = held.subarray(frameHead + length)
      pieces = rest.length > 0 ? [rest] : []
      size = rest.length
      onFrame(kind as FrameKind, head.readUInt32BE(4), payload)
    }
  }
}

/** One of a provider's answers as a frame's payload: its header's length (4 bytes), the header (JSON), the body's bytes. */
export function answerPayload(line: ProviderLine): Uint8Array[] {
  const { body, ...header } = line
  const json = Buffer.from(JSON.stringify(header))
  const length = Buffer.allocUnsafe(4)
  length.writeUInt32BE(json.length, 0)
  return [length, json, body]
}

/** An answer from a frame's payload, its body the bytes after its header, or undefined when it is not one. */
export function parseAnswerPayload(payload: Buffer): (AnswerHeader & { body: Buffer }) | undefined {
  if (payload.length < 4) return undefined
  const length = payload.readUInt32BE(0)
  if (length > payload.length - 4) return undefined
  try {
    const header = AnswerHeader.safeParse(JSON.parse(payload.toString('utf8', 4, 4 + length)))
    return header.success ? { ...header.data, body: payload.subarray(4 + length) } : undefined
  } catch {
    return undefined
  }
}

/** The SHA-256 of the certificate a TLS peer presented, worked out once a connection. */
const peerHashes = new WeakMap<TLSSocket, string>()
export function peerHashOf(socket: TLSSocket): string {
  let hash = peerHashes.get(socket)
  if (hash === undefined) {
    const raw = socket.getPeerCertificate()?.raw
    hash = raw ? createHash('sha256').update(raw).digest('base64url') : ''
    peerHashes.set(socket, hash)
  }
  return hash
}

/** An empty body, shared by the requests that have none. */
const noBody = new Uint8Array()

export async function readBody(request: IncomingMessage, largest = largestBody): Promise<Uint8Array> {
  // HTTP/1.1: a request without Content-Length or Transfer-Encoding has no body (most GETs);
  // an answer without them has one, up to the connection's end.
  const isRequest = typeof request.method === 'string'
  if (
    isRequest &&
    request.headers['content-length'] === undefined &&
    request.headers['transfer-encoding'] === undefined
  ) {
    return noBody
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > largest) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the body is too large' })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * A fault as X-Road answers it: the `X-Road-Error` header's type and a JSON body naming the
 * code, and the other instance when the fault concerns one (a federated call).
 */
export function faultAnswer(status: number, code: ErrorCode, about: { instance?: string } = {}): ConsumerAnswer {
  const type = (faultTypes as Record<string, string>)[code] ?? 'Server.ServerProxy.InternalError'
  const message = about.instance ? `${messageOf(code)} (${about.instance})` : messageOf(code)
  return {
    status,
    headers: { 'content-type': 'application/json', [xRoadHeaders.error]: type },
    body: Buffer.from(
      JSON.stringify({ type, message, detail: code, ...(about.instance ? { instance: about.instance } : {}) }),
    ),
  }
}

/** A fault as a line of a batch's answers: a message refused, or every message of a batch refused whole. */
export function faultLine(
  status: number,
  code: ErrorCode,
  about: { instance?: string } = {},
): { status: number; contentType: string; body: Buffer; error: string } {
  const fault = faultAnswer(status, code, about)
  return {
    status,
    contentType: 'application/json',
    body: Buffer.from(fault.body),
    error: fault.headers[xRoadHeaders.error] as string,
  }
}

export function fault(response: ServerResponse, status: number, code: ErrorCode) {
  const answer = faultAnswer(status, code)
  response.writeHead(answer.status, answer.headers)
  response.end(answer.body)
}

/** An answer that failed where it should not have: a fault if nothing was sent yet, else the connection cut. */
export function failed(response: ServerResponse) {
  if (response.headersSent) response.destroy()
  else fault(response, 500, 'ERR_INTERNAL')
}

/** The member's key of the configuration, to check a signature by. */
export function memberKey(configuration: GlobalConfiguration, member: MemberId) {
  const found = configuration.members.find(
    (m) => m.memberClass === member.memberClass && m.memberCode === member.memberCode,
  )
  const key = found?.signingKeys[0]
  if (!found || !key || configuration.instance !== member.instance) {
    throw new PolisError('ERR_EXCHANGE_SIGNATURE', { detail: 'no signing key for this member' })
  }
  return key
}

/**
 * Whether a call failed at the TLS handshake over a certificate: the provider's expired
 * or not the one the configuration names, or ours refused by the provider (its alert).
 */
export function tlsRefused(cause: unknown): boolean {
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown }
  return (
    (typeof code === 'string' &&
      (/^CERT_|CERTIFICATE|^ERR_SSL_/.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID')) ||
    (typeof message === 'string' && message === 'not the provider’s security server')
  )
}
