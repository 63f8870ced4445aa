import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { TLSSocket } from 'node:tls'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import {
  answerPayload,
  frameKinds,
  frameOf,
  frameReader,
  framesProtocol,
  largestBatch,
  wireMessageOf,
} from './door-wire.ts'
import {
  type AccessRight,
  createExchangeCa,
  createGlobalConfigurationClient,
  createSecurityServer,
  type ExchangeRecord,
  type ExchangeRequest,
  formatId,
  type GlobalConfigurationClient,
  type GlobalConfigurationInput,
  issueServerTls,
  parseClientId,
  parseServiceId,
  requestHash,
  responseDigest,
  type SecurityServer,
  type SecurityServerOptions,
  type ServerTls,
  signBatch,
  signGlobalConfiguration,
  signTogether,
} from './index.ts'

/** The platform's clock, moved only by the test of the message window. */
const started = new Date('2026-06-01T10:00:00Z')
let clock = started
const now = () => clock
/** TLS checks certificates against the machine's clock, not the platform's. */
const yesterday = new Date(Date.now() - 86_400_000)
const servers: SecurityServer[] = []
let consumerUrl: string
let providerAddress: string
let setup: Awaited<ReturnType<typeof twoMembers>>
const records: ExchangeRecord[] = []
/** How long the provider's slow service takes to answer (ms). */
let slowFor = 0
let placeholderConfiguration: Awaited<ReturnType<typeof publish>>

/** Social protection's security server (the calling side), on a configuration and with options of the test's. */
function socialServer(
  configuration: GlobalConfigurationClient,
  options: Partial<SecurityServerOptions> & { now: () => Date },
) {
  return createSecurityServer({
    owner: { instance: 'UA', memberClass: 'GOV', memberCode: '00032684' },
    serverCode: 'ss-social',
    tls: setup.social.tls,
    signingKey: setup.social.keys.privateKey,
    configuration,
    // Over mutual TLS, as between two machines, though the test's servers share its thread.
    localDelivery: false,
    ...options,
  })
}

/** The migration service provides the population register's person service; social protection's benefits system calls it. */
async function twoMembers() {
  const ca = await createExchangeCa({ instance: 'UA', notBefore: yesterday, years: 5 })
  const tls = (owner: string, serverCode: string) =>
    issueServerTls(ca, {
      owner,
      serverCode,
      hosts: ['127.0.0.1', 'localhost'],
      notBefore: yesterday,
      days: 365,
    })
  const migration = { tls: await tls('UA/GOV/00015622', 'ss-migration'), keys: await generateKeyPair('ES256') }
  const social = { tls: await tls('UA/GOV/00032684', 'ss-social'), keys: await generateKeyPair('ES256') }
  const central = await generateKeyPair('ES256')
  return { ca, migration, social, central }
}

async function publish(ports: { migration: number; social: number }, stranger?: ServerTls, migrationTls?: ServerTls) {
  const jwk = async (key: CryptoKey) =>
    (await exportJWK(key)) as JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string }
  const configuration: GlobalConfigurationInput = {
    instance: 'UA',
    serial: 1,
    issuedAt: '2026-06-01T09:00:00.000Z',
    expiresAt: '2026-06-02T09:00:00.000Z',
    centralServer: { address: 'https://central.polis.test' },
    exchangeCas: [setup.ca.certificatePem],
    members: [
      {
        memberClass: 'GOV',
        memberCode: '00015622',
        name: 'Migration service',
        subsystems: ['population'],
        signingKeys: [await jwk(setup.migration.keys.publicKey)],
      },
      {
        memberClass: 'GOV',
        memberCode: '00032684',
        name: 'Social protection',
        subsystems: ['benefits', 'archive'],
        signingKeys: [await jwk(setup.social.keys.publicKey)],
      },
    ],
    securityServers: [
      {
        owner: { memberClass: 'GOV', memberCode: '00015622' },
        serverCode: 'ss-migration',
        address: `https://127.0.0.1:${ports.migration}`,
        tlsCertificateSha256: (migrationTls ?? setup.migration.tls).sha256,
        clients: ['UA/GOV/00015622/population'],
      },
      {
        owner: { memberClass: 'GOV', memberCode: '00032684' },
        serverCode: 'ss-social',
        address: `https://127.0.0.1:${ports.social}`,
        tlsCertificateSha256: (stranger ?? setup.social.tls).sha256,
        clients: ['UA/GOV/00032684/benefits', 'UA/GOV/00032684/archive'],
      },
    ],
    globalGroups: [],
  }
  const signed = await signGlobalConfiguration(configuration, setup.central.privateKey)
  const client = createGlobalConfigurationClient({
    anchor: { instance: 'UA', publicKey: await exportJWK(setup.central.publicKey) },
    download: async () => signed,
    now,
  })
  await client.refresh()
  return client
}

/** A right of social protection's benefits system to one of the population register's services. */
const benefitsMay = (serviceCode: string, endpoint: AccessRight['endpoint']): AccessRight => ({
  service: { instance: 'UA', memberClass: 'GOV', memberCode: '00015622', subsystemCode: 'population', serviceCode },
  endpoint,
  to: { client: 'UA/GOV/00032684/benefits' },
})

before(async () => {
  setup = await twoMembers()
  // Ports first, the configuration that names them next.
  const placeholder = await publish({ migration: 1, social: 2 })
  const provider = createSecurityServer({
    owner: { instance: 'UA', memberClass: 'GOV', memberCode: '00015622' },
    serverCode: 'ss-migration',
    tls: setup.migration.tls,
    signingKey: setup.migration.keys.privateKey,
    configuration: placeholder,
    services: {
      'population/person': {
        async backend(request) {
          const id = /^\/persons\/([^/?]+)/.exec(request.path)?.[1]
          return {
            status: 200,
            contentType: 'application/json',
            body: new TextEncoder().encode(JSON.stringify({ id, for: request.issue, about: request.userId })),
          }
        },
      },
      // Large batches both ways: a body sent is answered back.
      'population/echo': {
        async backend(request) {
          return { status: 200, contentType: 'application/octet-stream', body: request.body }
        },
      },
      'population/slow': {
        async backend() {
          await new Promise((resolve) => setTimeout(resolve, slowFor))
          return { status: 200, contentType: 'application/json', body: new TextEncoder().encode('{}') }
        },
      },
    },
    rights: [
      benefitsMay('person', { method: 'GET', path: '/persons/{id}' }),
      benefitsMay('slow', { method: '*', path: '**' }),
      benefitsMay('echo', { method: 'POST', path: '**' }),
    ],
    record: (r) => {
      records.push(r)
    },
    now,
    // Short, for the test of idle connections: two seconds idle, said in Keep-Alive (and cut a second later).
    keepAliveMs: 2_000,
  })
  const consumer = socialServer(placeholder, {
    record: (r) => {
      records.push(r)
    },
    now,
  })
  servers.push(provider, consumer)
  const providerPorts = await provider.listen({ consumer: 0, provider: 0 })
  const consumerPorts = await consumer.listen({ consumer: 0, provider: 0 })
  // The configuration with the real ports, taken by both (a new serial).
  const real = await publish({ migration: providerPorts.provider, social: consumerPorts.provider })
  Object.assign(placeholder, { current: real.current })
  placeholderConfiguration = placeholder
  consumerUrl = `http://127.0.0.1:${consumerPorts.consumer}`
  providerAddress = `https://127.0.0.1:${providerPorts.provider}`
})
after(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

const ask = (path: string, client = 'UA/GOV/00032684/benefits', init: RequestInit = {}) =>
  fetch(`${consumerUrl}/r1/UA/GOV/00015622/population/person${path}`, {
    ...init,
    headers: {
      'x-road-client': client,
      'x-road-userid': 'citizen-7',
      'x-road-issue': 'service:child-benefit',
      ...init.headers,
    },
  })

/** Social protection's member signing, as its security server signs a batch. */
const socialSigner = () => ({ key: setup.social.keys.privateKey, signer: 'UA/GOV/00032684' })

/**
 * A batch sent straight to the migration service's server, as social protection's server
 * sends one: its messages, each signed in it (or with the signatures given), over mutual
 * TLS with social protection's certificate (or the one given); answers the status, the
 * X-Road error of a batch refused whole, and the answers' lines.
 */
async function sendBatch(
  messages: ExchangeRequest[],
  options: { tls?: ServerTls; signature?: string; address?: string } = {},
): Promise<{ status: number; error: string | undefined; answers: Array<{ status: number; error?: string }> }> {
  const signature = options.signature ?? (await signBatch(messages.map(requestHash), socialSigner()))
  const body = JSON.stringify({
    signature,
    messages: messages.map(wireMessageOf),
  })
  return postBatch(body, options.tls, options.address)
}

/** A batch's bytes, whatever they say, posted to the migration service's server over mutual TLS. */
async function postBatch(
  body: string,
  tls: ServerTls = setup.social.tls,
  address = providerAddress,
): Promise<{ status: number; error: string | undefined; answers: Array<{ status: number; error?: string }> }> {
  const { request } = await import('node:https')
  return new Promise((resolve, reject) => {
    const call = request(
      `${address}/batch`,
      {
        method: 'POST',
        cert: tls.certificatePem,
        key: tls.keyPem,
        ca: [setup.ca.certificatePem],
        headers: { 'content-type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const error = response.headers['x-road-error']
          const text = Buffer.concat(chunks).toString()
          resolve({
            status: response.statusCode ?? 0,
            error: typeof error === 'string' ? error : undefined,
            answers:
              response.statusCode === 200
                ? text
                    .split('\n')
                    .filter(Boolean)
                    .map((line) => JSON.parse(line))
                : [],
          })
        })
      },
    )
    call.on('error', reject)
    call.end(body)
  })
}

describe('two security servers over mutual TLS', () => {
  it('carries an allowed call, signed both ways, and both sides record it', async () => {
    const response = await ask('/persons/123')
    assert.equal(response.status, 200, await response.clone().text())
    assert.deepEqual(await response.json(), { id: '123', for: 'service:child-benefit', about: 'citizen-7' })
    const id = response.headers.get('x-road-id')
    assert.ok(id && response.headers.get('x-road-request-hash'))
    const sides = records.filter((r) => r.id === id).map((r) => [r.side, r.status, r.issue])
    assert.deepEqual(sides.sort(), [
      ['consumer', 200, 'service:child-benefit'],
      ['provider', 200, 'service:child-benefit'],
    ])
  })

  it('drops its idle connection to a provider before the provider would, so no batch leaves on one being closed', async () => {
    assert.equal((await ask('/persons/1')).status, 200)
    const provider = servers[0] as SecurityServer
    assert.ok(provider.status().peerConnections >= 1)
    // The provider says two seconds: the consumer's server lets its connection go after one, the provider's after three.
    const asked = performance.now()
    while (provider.status().peerConnections > 0 && performance.now() - asked < 2_500) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(provider.status().peerConnections, 0)
    assert.equal((await ask('/persons/2')).status, 200)
  })

  it('carries large batches both ways, one after another on its kept connections', async () => {
    const body = new Uint8Array(200_000).fill(7)
    const failed: number[] = []
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${consumerUrl}/r1/UA/GOV/00015622/population/echo/x`, {
            method: 'POST',
            headers: { 'x-road-client': 'UA/GOV/00032684/benefits', 'content-type': 'application/octet-stream' },
            body,
          }),
        ),
      )
      for (const answer of answers) {
        if (answer.status !== 200 || (await answer.arrayBuffer()).byteLength !== body.length) failed.push(answer.status)
      }
    }
    assert.deepEqual(failed, [])
  })

  it('refuses what no right grants, in X-Road’s words, and records the refusal', async () => {
    const otherSubsystem = await ask('/persons/123', 'UA/GOV/00032684/archive')
    assert.equal(otherSubsystem.status, 403)
    assert.equal(otherSubsystem.headers.get('x-road-error'), 'Server.ServerProxy.AccessDenied')
    assert.equal(((await otherSubsystem.json()) as { detail: string }).detail, 'ERR_EXCHANGE_ACCESS_DENIED')
    const otherEndpoint = await ask('/persons/123/address')
    assert.equal(otherEndpoint.status, 403)
    const post = await ask('/persons/123', undefined, { method: 'POST', body: '{}' })
    assert.equal(post.status, 403)
    assert.ok(records.some((r) => r.side === 'provider' && r.fault === 'ERR_EXCHANGE_ACCESS_DENIED'))
  })

  it('takes calls only for the member’s own subsystems, and says a malformed call is one', async () => {
    const foreign = await ask('/persons/123', 'UA/GOV/00015622/population')
    assert.equal(foreign.status, 403)
    const malformed = await fetch(`${consumerUrl}/r1/UA/GOV/00015622/population`, {
      headers: { 'x-road-client': 'UA/GOV/00032684/benefits' },
    })
    assert.equal(malformed.status, 400)
    assert.equal(malformed.headers.get('x-road-error'), 'Server.ClientProxy.InvalidRequest')
  })

  it('lets no server in without the certificate the configuration names, nor a message its member did not sign', async () => {
    // A certificate of the exchange CA, but not the one named for the caller's server.
    const stranger = await issueServerTls(setup.ca, {
      owner: 'UA/GOV/00032684',
      serverCode: 'ss-other',
      hosts: ['127.0.0.1'],
      notBefore: yesterday,
      days: 365,
    })
    const message = {
      id: 'stranger-0001',
      sentAt: started.toISOString(),
      client: parseClientId('UA/GOV/00032684/benefits'),
      service: parseServiceId('UA/GOV/00015622/population/person'),
      method: 'GET',
      path: '/persons/1',
      body: new Uint8Array(),
    }
    const { status } = await sendBatch([message], { tls: stranger })
    assert.equal(status, 403)
    // No client certificate at all: the TLS handshake itself fails.
    const { request } = await import('node:https')
    await assert.rejects(
      new Promise((resolve, reject) => {
        const call = request(`${providerAddress}/batch`, { method: 'POST', ca: [setup.ca.certificatePem] }, resolve)
        call.on('error', reject)
        call.end()
      }),
    )
  })

  it('refuses a replayed message id, a message changed after its member signed it, and one slipped into a signed batch', async () => {
    const message = {
      id: 'replayed-0001',
      sentAt: started.toISOString(),
      client: parseClientId('UA/GOV/00032684/benefits'),
      service: parseServiceId('UA/GOV/00015622/population/person'),
      method: 'GET',
      path: '/persons/5',
      issue: 'service:child-benefit',
      body: new Uint8Array(),
    }
    // Sent straight to the provider's server, as the social protection's server would.
    const first = await sendBatch([message])
    assert.equal(first.status, 200)
    assert.deepEqual(
      first.answers.map((a) => [a.status, a.error]),
      [[200, undefined]],
    )
    const again = await sendBatch([message])
    assert.deepEqual(
      again.answers.map((a) => [a.status, a.error]),
      [[400, 'Server.ServerProxy.InvalidSignatureValue']],
    )
    // Signed for one message, sent with another: the whole batch is refused.
    const signedFor = await signBatch([requestHash(message)], socialSigner())
    const changed = await sendBatch([{ ...message, id: 'replayed-0002', path: '/persons/6' }], { signature: signedFor })
    assert.deepEqual([changed.status, changed.error], [400, 'Server.ServerProxy.InvalidSignatureValue'])
    // A batch of two signed, a third message slipped in, or the two sent in the other order.
    const two = [0, 1].map((i) => ({ ...message, id: `batch-of-two-${i}` }))
    const signedTwo = await signBatch(two.map(requestHash), socialSigner())
    for (const messages of [[...two, { ...message, id: 'slipped-in-0' }], [...two].reverse()]) {
      const slipped = await sendBatch(messages, { signature: signedTwo })
      assert.deepEqual([slipped.status, slipped.error], [400, 'Server.ServerProxy.InvalidSignatureValue'])
    }
  })

  it('answers any batch changed after signing, or not a batch at all, with a refusal, never a 5xx (fast-check)', async () => {
    let sent = 0
    const signedBatch = async () => {
      const message = {
        id: `fuzzed-${String(++sent).padStart(6, '0')}`,
        sentAt: started.toISOString(),
        client: parseClientId('UA/GOV/00032684/benefits'),
        service: parseServiceId('UA/GOV/00015622/population/person'),
        method: 'GET',
        path: '/persons/8',
        issue: 'service:child-benefit',
        body: new Uint8Array(),
      }
      return {
        signature: await signBatch([requestHash(message)], socialSigner()),
        messages: [
          {
            id: message.id,
            sentAt: message.sentAt,
            client: formatId(message.client),
            service: formatId(message.service),
            method: message.method,
            path: message.path,
            issue: message.issue,
            body: '',
          } as Record<string, unknown>,
        ],
      }
    }
    const fields = ['id', 'sentAt', 'client', 'service', 'method', 'path', 'issue', 'userId', 'body']
    const change = fc.oneof(
      // One field of the signed message given another value.
      fc.record({ field: fc.constantFrom(...fields), value: fc.jsonValue({ maxDepth: 2 }) }),
      // The batch's signature changed.
      fc.record({ field: fc.constant('signature'), value: fc.jsonValue({ maxDepth: 1 }) }),
      // Not a batch: any JSON, or bytes that are not JSON.
      fc.record({ field: fc.constant('whole'), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string()) }),
    )
    await fc.assert(
      fc.asyncProperty(change, async ({ field, value }) => {
        const batch = await signedBatch()
        const message = batch.messages[0] as Record<string, unknown>
        let body: string
        if (field === 'whole') body = typeof value === 'string' ? value : JSON.stringify(value)
        else if (field === 'signature') body = JSON.stringify({ ...batch, signature: value })
        else {
          if (JSON.stringify(message[field]) === JSON.stringify(value)) return
          body = JSON.stringify({ ...batch, messages: [{ ...message, [field]: value }] })
        }
        const answer = await postBatch(body)
        assert.ok(answer.status < 500, `${answer.status} for ${field}`)
        // Refused whole with X-Road's error, or the message's own line refused: never served.
        if (answer.status === 200) assert.ok(answer.answers.every((a) => a.status >= 400 && a.error))
        else assert.ok(answer.error?.startsWith('Server.'), `${answer.error}`)
      }),
      { numRuns: fuzzRuns(40) },
    )
  })

  it('takes a message only within two minutes of its time, and holds its id only that long and half a minute', async () => {
    const message = (id: string, sentAt: string) => ({
      id,
      sentAt,
      client: parseClientId('UA/GOV/00032684/benefits'),
      service: parseServiceId('UA/GOV/00015622/population/person'),
      method: 'GET',
      path: '/persons/7',
      issue: 'service:child-benefit',
      body: new Uint8Array(),
    })
    const answers = async (id: string, sentAt: string) =>
      (await sendBatch([message(id, sentAt)])).answers.map((a) => [a.status, a.error])
    const at = (ms: number) => new Date(started.getTime() + ms).toISOString()
    const taken: Array<[number, undefined]> = [[200, undefined]]
    const refused: Array<[number, string]> = [[400, 'Server.ServerProxy.InvalidRequest']]
    try {
      // Two minutes either way of the provider's clock: a consumer's clock a little off is fine.
      assert.deepEqual(await answers('window-edge-past', at(-120_000)), taken)
      assert.deepEqual(await answers('window-edge-ahead', at(120_000)), taken)
      assert.deepEqual(await answers('window-too-old', at(-120_001)), refused)
      assert.deepEqual(await answers('window-too-far-ahead', at(120_001)), refused)
      for (const notATime of ['yesterday', '2026-06-01T10:00:00+02:00', '2026-13-01T10:00:00Z', '']) {
        assert.deepEqual(await answers(`not-a-time-${notATime.length}`, notATime), refused, notATime)
      }
      // Sent now, replayed three minutes later: refused for its time, as its id may no longer be held.
      const sentNow = message('replayed-late-0001', started.toISOString())
      assert.equal((await sendBatch([sentNow])).answers[0]?.status, 200)
      const provider = servers[0] as SecurityServer
      assert.ok(provider.status().rememberedIds >= 3, `${provider.status().rememberedIds} ids held`)
      clock = new Date(started.getTime() + 3 * 60_000)
      assert.deepEqual(
        (await sendBatch([sentNow])).answers.map((a) => [a.status, a.error]),
        refused,
      )
      // An id is held until its message's window has passed, and half a minute more: the one sent
      // for two minutes ahead, to four and a half, and the one taken after it as long (never less).
      clock = new Date(started.getTime() + 4 * 60_000 + 20_000)
      assert.deepEqual(await answers('after-the-window', at(4 * 60_000)), taken)
      assert.equal(provider.status().rememberedIds, 3)
      // A clock set back meanwhile still refuses its replay.
      clock = new Date(started.getTime() + 3 * 60_000 + 50_000)
      assert.deepEqual(await answers('window-edge-ahead', at(120_000)), [
        [400, 'Server.ServerProxy.InvalidSignatureValue'],
      ])
      // Past it (held in whole seconds, rounded up), it is forgotten.
      clock = new Date(started.getTime() + 4 * 60_000 + 31_000)
      assert.deepEqual(await answers('after-the-slack', at(4 * 60_000 + 10_000)), taken)
      assert.equal(provider.status().rememberedIds, 2)
      clock = new Date(started.getTime() + 6 * 60_000 + 31_000)
      assert.deepEqual(await answers('the-last-one', at(6 * 60_000 + 31_000)), taken)
      assert.equal(provider.status().rememberedIds, 2)
    } finally {
      clock = started
    }
  })

  it('carries calls made at one moment in one batch, under one signature each way', async () => {
    const before = servers[0]?.status().provider as { messages: number; batches: number }
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(`/persons/${i}`)))
    assert.deepEqual(
      answers.map((a) => a.status),
      Array.from({ length: 12 }, () => 200),
    )
    assert.deepEqual(
      await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)),
      Array.from({ length: 12 }, (_, i) => String(i)),
    )
    const after = servers[0]?.status().provider as { messages: number; batches: number }
    assert.equal(after.messages - before.messages, 12)
    assert.ok(after.batches - before.batches < 12, `${after.batches - before.batches} batches for 12 messages`)
  })

  it('stops calling a provider that hangs: each call times out, then its circuit opens and calls fail at once, until a probe gets through', async () => {
    // The social protection's server again, with a short patience and a quick breaker.
    const impatient = socialServer(placeholderConfiguration, {
      now,
      timeout: 500,
      breaker: { failures: 2, openMs: 800 },
    })
    servers.push(impatient)
    const door = `http://127.0.0.1:${(await impatient.listen({ consumer: 0, provider: 0 })).consumer}`
    const call = async () => {
      const started = performance.now()
      const response = await fetch(`${door}/r1/UA/GOV/00015622/population/slow/anything`, {
        headers: { 'x-road-client': 'UA/GOV/00032684/benefits' },
      })
      return {
        status: response.status,
        error: response.headers.get('x-road-error'),
        detail: ((await response.json()) as { detail?: string }).detail,
        took: performance.now() - started,
      }
    }
    slowFor = 2_000
    for (let i = 0; i < 2; i++) {
      const timedOut = await call()
      assert.equal(timedOut.status, 502)
      assert.equal(timedOut.error, 'Server.ClientProxy.NetworkError')
      assert.ok(timedOut.took >= 490, `waited for the provider (${timedOut.took} ms)`)
    }
    const fast = await call()
    assert.equal(fast.detail, 'ERR_EXCHANGE_PROVIDER_UNREACHABLE')
    assert.ok(fast.took < 450, `failed at once (${fast.took} ms)`)
    assert.equal(impatient.status().openCircuits.length, 1)
    assert.equal(impatient.status().consumer.byCode.ERR_EXCHANGE_PROVIDER_UNREACHABLE, 3)
    // The provider answers again: after the open period one call goes through and closes the circuit.
    slowFor = 0
    await new Promise((resolve) => setTimeout(resolve, 900))
    assert.equal((await call()).status, 200)
    assert.deepEqual(impatient.status().openCircuits, [])
    assert.equal((await call()).status, 200)
  })

  it('answers a message whose service does not answer within its patience with a fault then, and the others of its batch as they are ready', async () => {
    // Another server of the migration service, with a patience of 300 ms for its services.
    const tls = await issueServerTls(setup.ca, {
      owner: 'UA/GOV/00015622',
      serverCode: 'ss-migration-2',
      hosts: ['127.0.0.1'],
      notBefore: new Date(Date.now() - 86_400_000),
      days: 30,
    })
    const patient = (ms: number) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms))
      return { status: 200, contentType: 'application/json', body: new TextEncoder().encode('{}') }
    }
    const impatient = createSecurityServer({
      owner: { instance: 'UA', memberClass: 'GOV', memberCode: '00015622' },
      serverCode: 'ss-migration-2',
      tls,
      signingKey: setup.migration.keys.privateKey,
      configuration: placeholderConfiguration,
      services: { 'population/person': { backend: patient(0) }, 'population/slow': { backend: patient(2_000) } },
      rights: [
        benefitsMay('person', { method: 'GET', path: '/persons/{id}' }),
        benefitsMay('slow', { method: '*', path: '**' }),
      ],
      timeout: 300,
      now,
    })
    servers.push(impatient)
    const { provider } = await impatient.listen({ consumer: 0, provider: 0 })
    const message = (id: string, service: string) => ({
      id,
      sentAt: started.toISOString(),
      client: parseClientId('UA/GOV/00032684/benefits'),
      service: parseServiceId(`UA/GOV/00015622/population/${service}`),
      method: 'GET',
      path: '/persons/5',
      body: new Uint8Array(),
    })
    const began = performance.now()
    const batch = await sendBatch([message('late-0001', 'slow'), message('late-0002', 'person')], {
      address: `https://127.0.0.1:${provider}`,
    })
    const took = performance.now() - began
    assert.equal(batch.status, 200)
    // The quick one first, as soon as it was ready; the slow one a fault at the patience, not two seconds on.
    assert.deepEqual(
      batch.answers.map((a) => [a.status, a.error]),
      [
        [200, undefined],
        [504, 'Server.ServerProxy.ServiceFailed'],
      ],
    )
    assert.ok(took >= 290 && took < 1_500, `answered at its patience (${took} ms)`)
  })

  it('refuses a provider whose certificate has expired, saying so in X-Road’s words, over TLS and handed over in the thread', async () => {
    for (const localDelivery of [false, true]) {
      // The migration service's server, on a certificate that ended yesterday.
      const expired = await issueServerTls(setup.ca, {
        owner: 'UA/GOV/00015622',
        serverCode: 'ss-migration',
        hosts: ['127.0.0.1'],
        notBefore: new Date(Date.now() - 10 * 86_400_000),
        days: 9,
      })
      const placeholder = await publish({ migration: 1, social: 2 }, undefined, expired)
      const stale = createSecurityServer({
        owner: { instance: 'UA', memberClass: 'GOV', memberCode: '00015622' },
        serverCode: 'ss-migration',
        tls: expired,
        signingKey: setup.migration.keys.privateKey,
        configuration: placeholder,
        services: {},
        now,
      })
      const consumer = socialServer(placeholder, { now, localDelivery })
      servers.push(stale, consumer)
      const staleDoor = await stale.listen({ consumer: 0, provider: 0 })
      const door = await consumer.listen({ consumer: 0, provider: 0 })
      const real = await publish({ migration: staleDoor.provider, social: door.provider }, undefined, expired)
      Object.assign(placeholder, { current: real.current })
      const response = await fetch(`http://127.0.0.1:${door.consumer}/r1/UA/GOV/00015622/population/person/persons/1`, {
        headers: { 'x-road-client': 'UA/GOV/00032684/benefits' },
      })
      assert.equal(response.status, 502)
      assert.equal(response.headers.get('x-road-error'), 'Server.ClientProxy.SslAuthenticationFailed')
      assert.equal(((await response.json()) as { detail: string }).detail, 'ERR_EXCHANGE_CERTIFICATE')
      assert.equal(consumer.status().consumer.byCode.ERR_EXCHANGE_CERTIFICATE, 1)
      await Promise.all([stale.close(), consumer.close()])
    }
  })

  it('refuses a provider’s answer to another request and an answer changed after its member signed it, and fails a batch whose connection is cut', async () => {
    const { createServer: createHttpsServer } = await import('node:https')
    // A server with the migration service's own certificate, answering wrongly on purpose.
    let mode: 'cut' | 'right' | 'other request' | 'changed body' = 'cut'
    const rogue = createHttpsServer({
      cert: setup.migration.tls.certificatePem,
      key: setup.migration.tls.keyPem,
      ca: [setup.ca.certificatePem],
      requestCert: true,
    })
    // It speaks the frames of the exchange, as a provider's server does once a connection is upgraded.
    rogue.on('upgrade', (_request, socket: TLSSocket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${framesProtocol}\r\nConnection: Upgrade\r\n\r\n`)
      const read = frameReader(largestBatch, async (_kind, number, payload) => {
        // The connection cut with a batch on it.
        if (mode === 'cut') return socket.destroy()
        const batch = JSON.parse(payload.toString()) as { messages: Array<Record<string, string>> }
        for (const [index, m] of batch.messages.entries()) {
          const body = new TextEncoder().encode('{"id":"1"}')
          const sent = {
            id: m.id as string,
            sentAt: m.sentAt as string,
            client: parseClientId(m.client as string),
            service: parseServiceId(m.service as string),
            method: m.method as string,
            path: m.path as string,
            body: new Uint8Array(),
          }
          const hash = mode === 'other request' ? requestHash({ ...sent, path: '/persons/2' }) : requestHash(sent)
          const [signed] = await signTogether(
            [responseDigest({ status: 200, contentType: 'application/json', body }, hash)],
            { key: setup.migration.keys.privateKey, signer: 'UA/GOV/00015622' },
          )
          // Changed after signing: the signature no longer covers what is sent.
          const sentBody = mode === 'changed body' ? new TextEncoder().encode('{"id":"2"}') : body
          const line = { index, status: 200, contentType: 'application/json', body: sentBody, requestHash: hash }
          socket.write(frameOf(frameKinds.answer, number, answerPayload({ ...line, ...(signed ? { signed } : {}) })))
        }
      })
      socket.on('data', read)
    })
    await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve))
    const rogueCertificate = { ...setup.migration.tls }
    const placeholder = await publish({ migration: 1, social: 2 }, undefined, rogueCertificate)
    const consumer = socialServer(placeholder, { now })
    servers.push(consumer)
    try {
      const door = await consumer.listen({ consumer: 0, provider: 0 })
      const real = await publish(
        { migration: (rogue.address() as { port: number }).port, social: door.provider },
        undefined,
        rogueCertificate,
      )
      Object.assign(placeholder, { current: real.current })
      const call = async () => {
        const response = await fetch(
          `http://127.0.0.1:${door.consumer}/r1/UA/GOV/00015622/population/person/persons/1`,
          {
            headers: { 'x-road-client': 'UA/GOV/00032684/benefits' },
          },
        )
        return { status: response.status, error: response.headers.get('x-road-error') }
      }
      // A connection cut with the batch on it fails the batch, and the next opens another.
      assert.deepEqual(await call(), { status: 502, error: 'Server.ClientProxy.NetworkError' })
      mode = 'right'
      assert.deepEqual(await call(), { status: 200, error: null })
      mode = 'other request'
      assert.deepEqual(await call(), { status: 502, error: 'Server.ClientProxy.InconsistentResponse' })
      mode = 'changed body'
      assert.deepEqual(await call(), { status: 502, error: 'Server.ServerProxy.InvalidSignatureValue' })
    } finally {
      rogue.closeAllConnections()
      rogue.close()
    }
  })
})

describe('two security servers in one thread', () => {
  it('hands a batch over without TLS, with the same signatures, checks and records', async () => {
    const provider = servers[0] as SecurityServer
    const local = socialServer(placeholderConfiguration, {
      now,
      localDelivery: true,
      record: (r) => {
        records.push(r)
      },
    })
    servers.push(local)
    const door = `http://127.0.0.1:${(await local.listen({ consumer: 0, provider: 0 })).consumer}`
    const before = provider.status().provider.batches
    const call = (client: string) =>
      fetch(`${door}/r1/UA/GOV/00015622/population/person/persons/42`, {
        headers: { 'x-road-client': client, 'x-road-userid': 'citizen-7', 'x-road-issue': 'service:child-benefit' },
      })
    const answered = await call('UA/GOV/00032684/benefits')
    assert.equal(answered.status, 200)
    assert.deepEqual(await answered.json(), { id: '42', for: 'service:child-benefit', about: 'citizen-7' })
    const id = answered.headers.get('x-road-id')
    assert.deepEqual(
      records
        .filter((r) => r.id === id)
        .map((r) => r.side)
        .sort(),
      ['consumer', 'provider'],
    )
    assert.equal(provider.status().provider.batches, before + 1)
    // The provider's access rights, as over the network.
    const refused = await call('UA/GOV/00032684/archive')
    assert.equal(refused.status, 403)
    assert.equal(refused.headers.get('x-road-error'), 'Server.ServerProxy.AccessDenied')
  })
})
