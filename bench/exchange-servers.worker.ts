/**
 * The exchange bench's servers, in a worker thread of their own: the consumer's and the
 * provider's security servers (mutual TLS between them, every message signed both ways
 * and recorded), and the same registry backend served directly over plain HTTP for the
 * baseline. Answers their ports over the message port.
 */
import { generateKeyPairSync, KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parentPort } from 'node:worker_threads'
import {
  createExchangeCa,
  createGlobalConfigurationClient,
  createSecurityServer,
  type ExchangeResponse,
  type GlobalConfigurationInput,
  issueServerTls,
  signGlobalConfiguration,
} from '@polis/exchange'
import { exportJWK, generateKeyPair, type JWK } from 'jose'

const now = () => new Date()
const yesterday = new Date(Date.now() - 86_400_000)
const ca = await createExchangeCa({ instance: 'UA', notBefore: yesterday, years: 1 })
const tlsOf = (owner: string, serverCode: string) =>
  issueServerTls(ca, { owner, serverCode, hosts: ['127.0.0.1'], notBefore: yesterday, days: 30 })
// Members' signing keys as node:crypto keys, as a security server holds them.
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' })
const provider = { tls: await tlsOf('UA/GOV/00015622', 'ss-migration'), keys: keyPair() }
const consumer = { tls: await tlsOf('UA/GOV/00032684', 'ss-social'), keys: keyPair() }
const central = await generateKeyPair('ES256')
const jwk = async (key: CryptoKey | KeyObject) =>
  (key instanceof KeyObject ? key.export({ format: 'jwk' }) : await exportJWK(key)) as JWK & {
    kty: 'EC'
    crv: 'P-256'
    x: string
    y: string
  }

/** A person record as the population register answers it. */
const person = new TextEncoder().encode(
  JSON.stringify({
    id: 'p1',
    given_name: 'Олена',
    family_name: 'Коваль',
    birth_date: '1990-04-12',
    address: { formatted: 'м. Київ, вул. Хрещатик, 1, кв. 5' },
  }),
)
const backend = async (): Promise<ExchangeResponse> => ({ status: 200, contentType: 'application/json', body: person })

let records = 0
const serverOf = (
  side: typeof provider,
  owner: string,
  code: string,
  configuration: Awaited<ReturnType<typeof client>>,
) =>
  createSecurityServer({
    owner: { instance: 'UA', memberClass: 'GOV', memberCode: owner },
    serverCode: code,
    tls: side.tls,
    signingKey: side.keys.privateKey,
    configuration,
    services: { 'population/person': { backend } },
    rights: [
      {
        service: {
          instance: 'UA',
          memberClass: 'GOV',
          memberCode: '00015622',
          subsystemCode: 'population',
          serviceCode: 'person',
        },
        endpoint: { method: 'GET', path: '/persons/{id}' },
        to: { client: 'UA/GOV/00032684/benefits' },
      },
    ],
    record: () => {
      records++
    },
    now,
  })

async function client(ports: { provider: number; consumer: number }) {
  const configuration: GlobalConfigurationInput = {
    instance: 'UA',
    serial: ports.provider,
    issuedAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    centralServer: { address: 'https://central.polis.test' },
    exchangeCas: [ca.certificatePem],
    members: [
      {
        memberClass: 'GOV',
        memberCode: '00015622',
        name: 'Migration service',
        subsystems: ['population'],
        signingKeys: [await jwk(provider.keys.publicKey)],
      },
      {
        memberClass: 'GOV',
        memberCode: '00032684',
        name: 'Social protection',
        subsystems: ['benefits'],
        signingKeys: [await jwk(consumer.keys.publicKey)],
      },
    ],
    securityServers: [
      {
        owner: { memberClass: 'GOV', memberCode: '00015622' },
        serverCode: 'ss-migration',
        address: `https://127.0.0.1:${ports.provider}`,
        tlsCertificateSha256: provider.tls.sha256,
        clients: ['UA/GOV/00015622/population'],
      },
      {
        owner: { memberClass: 'GOV', memberCode: '00032684' },
        serverCode: 'ss-social',
        address: `https://127.0.0.1:${ports.consumer}`,
        tlsCertificateSha256: consumer.tls.sha256,
        clients: ['UA/GOV/00032684/benefits'],
      },
    ],
    globalGroups: [],
  }
  const signed = await signGlobalConfiguration(configuration, central.privateKey)
  const copy = createGlobalConfigurationClient({
    anchor: { instance: 'UA', publicKey: await jwk(central.publicKey) },
    download: async () => signed,
    now,
  })
  await copy.refresh()
  return copy
}

// Free ports first, then the configuration that names them.
const free = async () => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
const ports = { provider: await free(), consumer: await free() }
const configuration = await client(ports)
const providerServer = serverOf(provider, '00015622', 'ss-migration', configuration)
const consumerServer = serverOf(consumer, '00032684', 'ss-social', configuration)
await providerServer.listen({ consumer: 0, provider: ports.provider })
const consumerPorts = await consumerServer.listen({ consumer: 0, provider: ports.consumer })

// The baseline: the same backend, called directly.
const direct = createServer((_request, response) => {
  void backend().then((answer) => {
    response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' })
    response.end(answer.body)
  })
})
await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve))

const port = parentPort as NonNullable<typeof parentPort>
port.postMessage({
  ready: { consumer: consumerPorts.consumer, direct: (direct.address() as AddressInfo).port },
})
port.on('message', async (message: { close?: true; records?: true }) => {
  if (message.records) port.postMessage({ records })
  if (message.close) {
    await Promise.all([providerServer.close(), consumerServer.close()])
    direct.close()
    port.postMessage({ closed: true })
    port.close()
  }
})
