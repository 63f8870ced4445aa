/**
 * The bounds of a round trip through two security servers on this machine: the least
 * two servers in threads of their own can do for a call, and that least with, added in
 * steps, the exchange's essential work. Not the exchange's code: a lean stand-in for it,
 * to tell what of the gap to the direct call is the servers' code and what is the work
 * itself. Levels, chosen per call by the port the information system calls:
 * - `forward`: the consumer's server takes the HTTP call and forwards it, batched, in
 *   frames over one mutual-TLS connection; the provider's calls the register and answers;
 * - `signed`: and the exchange's signatures and hashes (the request hash, a batch signed
 *   by the consumer's member and checked whole, each answer's digest signed with the
 *   answers of its moment and checked with its audit path);
 * - `recorded`: and each message recorded by both servers as polis serve records it.
 * Between them, the exchange's own frames (door-wire.ts): a batch (JSON, its level in it)
 * one way, each answer the other.
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect, createServer as createTlsServer, type TLSSocket } from 'node:tls'
import { parentPort, workerData } from 'node:worker_threads'
import {
  type BatchSignature,
  type CheckedSignatures,
  createBatchSigner,
  type ExchangeRequest,
  formatId,
  parseClientId,
  parseServiceId,
  requestHash,
  responseDigest,
  type ServerTls,
  signBatch,
  verifyBatch,
  verifyInBatch,
} from '@polis/exchange'
import { openStore } from '@polis/store'
import type { ProviderLine } from '../packages/exchange/src/batches.ts'
import {
  answerPayload,
  frameKinds,
  frameOf,
  frameReader,
  largestBatch,
  parseAnswerPayload,
  requestOfWire,
  wireMessageOf,
} from '../packages/exchange/src/door-wire.ts'
import { exchangeRecorder } from '../packages/server/src/exchange/build-security-server.ts'
import { populationRegister } from './population-register.ts'

export const levels = ['forward', 'signed', 'recorded'] as const
export type Level = (typeof levels)[number]

export interface BoundsSetup {
  role: 'provider' | 'consumer'
  provider: ServerTls
  consumer: ServerTls
  caPem: string
  /** Each member's signing key pair (JWK). */
  keys: Record<'provider' | 'consumer', { privateJwk: JsonWebKey; publicJwk: JsonWebKey }>
  /** The provider's framed port, for the consumer. */
  providerPort?: number
}

const setup = workerData as BoundsSetup
const port = parentPort as NonNullable<typeof parentPort>
const now = () => new Date()
const members = { provider: 'UA/GOV/00015622', consumer: 'UA/GOV/00032684' }
const serviceId = 'UA/GOV/00015622/population/records'
const publicKeyOf = (role: 'provider' | 'consumer') =>
  createPublicKey({ key: setup.keys[role].publicJwk, format: 'jwk' })
const signingKey = createPrivateKey({ key: setup.keys[setup.role].privateJwk, format: 'jwk' })
// Each server's records in its own embedded database, as the exchange bench keeps them.
const recordStore = await openStore({ dataDir: ':memory:' })
const record = exchangeRecorder(recordStore)(`GOV/${setup.role}`)
const recordOf = (message: ExchangeRequest, hash: string, status: number) =>
  record({
    side: setup.role,
    id: message.id,
    client: formatId(message.client),
    service: formatId(message.service),
    issue: message.issue,
    requestHash: hash,
    status,
    fault: undefined,
    at: now().toISOString(),
  })

/** Writes frames to a socket once a turn, together. */
function writerTo(socket: TLSSocket) {
  let waiting: Buffer[] = []
  return (frame: Buffer) => {
    if (waiting.length === 0) {
      setImmediate(() => {
        socket.cork()
        for (const each of waiting) socket.write(each)
        socket.uncork()
        waiting = []
      })
    }
    waiting.push(frame)
  }
}
/** Bytes read from a connection, each whole frame handed on: the exchange's own frames. */
const readFrames = (socket: TLSSocket, onFrame: (batch: number, payload: Buffer) => void) =>
  socket.on(
    'data',
    frameReader(largestBatch, (_kind, batch, payload) => onFrame(batch, payload)),
  )

type WireMessage = ReturnType<typeof wireMessageOf>

let ready: Record<string, unknown>
if (setup.role === 'provider') {
  const { register, directPort, citizens } = await populationRegister(await openStore({ dataDir: ':memory:' }), now)
  const answerSigner = createBatchSigner({ key: signingKey, signer: members.provider })
  const consumerKey = publicKeyOf('consumer')
  const server = createTlsServer(
    {
      cert: setup.provider.certificatePem,
      key: setup.provider.keyPem,
      ca: [setup.caPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    },
    (socket) => {
      socket.setNoDelay(true)
      const send = writerTo(socket)
      readFrames(socket, (batchNumber, payload) => {
        const batch = JSON.parse(payload.toString('utf8')) as {
          level: Level
          signature?: string
          messages: WireMessage[]
        }
        const { level } = batch
        const messages = batch.messages.map(requestOfWire)
        const hashes = level === 'forward' ? [] : messages.map(requestHash)
        const checked =
          level === 'forward'
            ? Promise.resolve()
            : verifyBatch(batch.signature ?? '', hashes, { signer: members.consumer, publicKey: consumerKey })
        void checked.then(() =>
          messages.map(async (message, index) => {
            const answer = await register.backend(message)
            const line: ProviderLine = {
              index,
              status: answer.status,
              ...(answer.contentType ? { contentType: answer.contentType } : {}),
              body: answer.body,
            }
            if (level !== 'forward') {
              line.signed = await answerSigner.sign(responseDigest(answer, hashes[index] as string))
              if (level === 'recorded') await recordOf(message, hashes[index] as string, answer.status)
            }
            send(frameOf(frameKinds.answer, batchNumber, answerPayload(line)))
          }),
        )
      })
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  ready = { providerPort: (server.address() as AddressInfo).port, direct: directPort, citizens }
} else {
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    const opened: TLSSocket = connect(
      {
        host: '127.0.0.1',
        port: setup.providerPort as number,
        cert: setup.consumer.certificatePem,
        key: setup.consumer.keyPem,
        ca: [setup.caPem],
        minVersion: 'TLSv1.3',
        checkServerIdentity: () => undefined,
      },
      () => resolve(opened),
    )
    opened.once('error', reject)
  })
  socket.setNoDelay(true)
  const send = writerTo(socket)
  const providerKey = publicKeyOf('provider')
  const checked: CheckedSignatures = new Map()
  type Answer = NonNullable<ReturnType<typeof parseAnswerPayload>>
  type Waiting = (answer: Answer) => void
  const answersOf = new Map<number, Map<number, Waiting>>()
  readFrames(socket, (batchNumber, payload) => {
    const answer = parseAnswerPayload(payload)
    if (!answer) throw new Error('not an answer')
    const waiting = answersOf.get(batchNumber)
    waiting?.get(answer.index)?.(answer)
    waiting?.delete(answer.index)
    if (waiting?.size === 0) answersOf.delete(batchNumber)
  })
  let nextBatch = 0
  const outboxes = new Map<Level, Array<{ message: ExchangeRequest; hash: string; answered: Waiting }>>()
  async function leave(level: Level) {
    const leaving = outboxes.get(level) ?? []
    outboxes.delete(level)
    const batchNumber = nextBatch++
    const signature =
      level === 'forward'
        ? undefined
        : await signBatch(
            leaving.map((m) => m.hash),
            { key: signingKey, signer: members.consumer },
          )
    answersOf.set(batchNumber, new Map(leaving.map((m, index) => [index, m.answered])))
    const messages = leaving.map(({ message }) => wireMessageOf(message))
    send(frameOf(frameKinds.batch, batchNumber, [Buffer.from(JSON.stringify({ level, signature, messages }))]))
  }
  const door = (level: Level) => (request: IncomingMessage, response: ServerResponse) => {
    const header = (name: string) => (typeof request.headers[name] === 'string' ? request.headers[name] : undefined)
    const path = /^\/r1\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/[^/?]+(\/[^?]*)?(\?.*)?$/.exec(request.url ?? '')
    const userId = header('x-road-userid')
    const issue = header('x-road-issue')
    const message: ExchangeRequest = {
      id: randomUUID(),
      sentAt: now().toISOString(),
      client: parseClientId(header('x-road-client') ?? ''),
      service: parseServiceId(serviceId),
      method: 'GET',
      path: `${path?.[1] ?? '/'}${path?.[2] ?? ''}`,
      ...(userId ? { userId } : {}),
      ...(issue ? { issue } : {}),
      body: new Uint8Array(),
    }
    const hash = level === 'forward' ? '' : requestHash(message)
    const answered = async (answer: Answer) => {
      const { body } = answer
      if (level !== 'forward') {
        const { status, contentType } = answer
        const digest = responseDigest({ status, ...(contentType ? { contentType } : {}), body }, hash)
        await verifyInBatch(answer.signed as BatchSignature, digest, {
          signer: members.provider,
          publicKey: providerKey,
          checked,
        })
        if (level === 'recorded') await recordOf(message, hash, answer.status)
      }
      response.writeHead(answer.status, {
        'content-type': answer.contentType ?? 'application/json',
        'x-road-id': message.id,
        'x-road-request-hash': hash,
      })
      response.end(body)
    }
    let outbox = outboxes.get(level)
    if (!outbox) {
      outbox = []
      outboxes.set(level, outbox)
      setImmediate(() => void leave(level))
    }
    outbox.push({ message, hash, answered })
  }
  const doors: Partial<Record<Level, number>> = {}
  for (const level of levels) {
    const server = createServer(door(level))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    doors[level] = (server.address() as AddressInfo).port
  }
  ready = { doors }
}
port.postMessage({ ready })
port.on('message', (message: { close?: true }) => {
  if (message.close) process.exit(0)
})
