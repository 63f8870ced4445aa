/**
 * Two instances' exchanges federated, as X-Road's Estonia–Finland federation: Ukraine's
 * social protection calls Estonia's population register over mutual TLS, its server
 * holding Estonia's configuration (checked against Estonia's anchor) beside its own, and
 * Estonia's server holding Ukraine's. Two CAs, two central registries, one thread.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import {
  type AccessRight,
  createExchangeCa,
  createGlobalConfigurationClient,
  createSecurityServer,
  type ExchangeCa,
  type ExchangeRecord,
  type GlobalConfiguration,
  type GlobalConfigurationClient,
  type GlobalConfigurationInput,
  isAllowed,
  issueServerTls,
  parseClientId,
  rightsOpenTo,
  type SecurityServer,
  type ServerTls,
  signGlobalConfiguration,
} from './index.ts'

const clock = new Date('2026-06-01T10:00:00Z')
const now = () => clock
/** TLS checks certificates against the machine's clock, not the platform's. */
const yesterday = new Date(Date.now() - 86_400_000)
const social = 'UA/GOV/00032684'
const population = 'EE/GOV/70008440'
const servers: SecurityServer[] = []
const records: Array<ExchangeRecord & { instance: string }> = []
let consumerUrl: string

type Jwk = JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string }
const jwk = async (key: CryptoKey) => (await exportJWK(key)) as Jwk

interface Instance {
  name: string
  ca: ExchangeCa
  central: CryptoKeyPair
  tls: ServerTls
  member: CryptoKeyPair
  /** The configuration as its central registry last signed it. */
  signed: string
}

async function instance(name: string, owner: string, serverCode: string): Promise<Instance> {
  const ca = await createExchangeCa({ instance: name, notBefore: yesterday, years: 5 })
  const tls = await issueServerTls(ca, {
    owner,
    serverCode,
    hosts: ['127.0.0.1'],
    notBefore: yesterday,
    days: 365,
  })
  return {
    name,
    ca,
    central: await generateKeyPair('ES256'),
    tls,
    member: await generateKeyPair('ES256'),
    signed: '',
  }
}

let ua: Instance
let ee: Instance

/** Each instance's central registry publishes its one member and server, at the port given. */
async function publish(at: Instance, port: number, serial: number, overrides: Partial<GlobalConfigurationInput> = {}) {
  const isUa = at === ua
  const [, memberClass, memberCode] = (isUa ? social : population).split('/') as [string, 'GOV', string]
  const subsystems = isUa ? ['benefits', 'archive'] : ['population']
  at.signed = await signGlobalConfiguration(
    {
      instance: at.name,
      serial,
      issuedAt: '2026-06-01T09:00:00.000Z',
      expiresAt: '2026-06-02T09:00:00.000Z',
      centralServer: { address: `https://central.${at.name.toLowerCase()}.polis.test` },
      exchangeCas: [at.ca.certificatePem],
      members: [{ memberClass, memberCode, name: at.name, subsystems, signingKeys: [await jwk(at.member.publicKey)] }],
      securityServers: [
        {
          owner: { memberClass, memberCode },
          serverCode: isUa ? 'ss-social' : 'ss-population',
          address: `https://127.0.0.1:${port}`,
          tlsCertificateSha256: at.tls.sha256,
          clients: subsystems.map((s) => `${at.name}/${memberClass}/${memberCode}/${s}`),
        },
      ],
      globalGroups: [],
      ...overrides,
    },
    at.central.privateKey,
  )
}

/** A server's copy of an instance's configuration: downloaded from its central registry, checked against the anchor given. */
async function follow(
  of: Instance,
  anchor: { instance?: string; key?: CryptoKey } = {},
  clockOf = now,
): Promise<GlobalConfigurationClient> {
  return createGlobalConfigurationClient({
    anchor: { instance: anchor.instance ?? of.name, publicKey: await exportJWK(anchor.key ?? of.central.publicKey) },
    download: async () => of.signed,
    now: clockOf,
  })
}

/** Ukraine's social protection server, federating with Estonia through the copies given. */
function uaServer(own: GlobalConfigurationClient, federated: GlobalConfigurationClient[]) {
  return createSecurityServer({
    owner: { instance: 'UA', memberClass: 'GOV', memberCode: '00032684' },
    serverCode: 'ss-social',
    tls: ua.tls,
    signingKey: ua.member.privateKey,
    configuration: own,
    federated,
    localDelivery: false,
    record: (r) => {
      records.push({ ...r, instance: 'UA' })
    },
    now,
  })
}

let uaOwn: GlobalConfigurationClient
/** Estonia's server's copy of Ukraine's configuration, on a clock of its own (to expire it). */
let eeClock = clock
let eeKeepsUa: GlobalConfigurationClient
let uaKeepsEe: GlobalConfigurationClient

before(async () => {
  ua = await instance('UA', social, 'ss-social')
  ee = await instance('EE', population, 'ss-population')
  await publish(ua, 1, 1)
  await publish(ee, 1, 1)
  uaOwn = await follow(ua)
  const eeOwn = await follow(ee)
  eeKeepsUa = await follow(ua, {}, () => eeClock)
  uaKeepsEe = await follow(ee)
  for (const copy of [uaOwn, eeOwn, eeKeepsUa, uaKeepsEe]) await copy.refresh()
  const provider = createSecurityServer({
    owner: { instance: 'EE', memberClass: 'GOV', memberCode: '70008440' },
    serverCode: 'ss-population',
    tls: ee.tls,
    signingKey: ee.member.privateKey,
    configuration: eeOwn,
    federated: () => [eeKeepsUa],
    services: {
      'population/person': {
        async backend(request) {
          return {
            status: 200,
            contentType: 'application/json',
            body: new TextEncoder().encode(JSON.stringify({ path: request.path, for: request.issue })),
          }
        },
      },
    },
    // Granted to Ukraine's benefits system by name; a group right is Estonia's own and opens nothing to Ukraine.
    rights: [
      {
        service: parse(`${population}/population/person`),
        endpoint: { method: 'GET', path: '/persons/{id}' },
        to: { client: `${social}/benefits` },
      },
      {
        service: parse(`${population}/population/person`),
        endpoint: { method: '*', path: '**' },
        to: { group: 'everyone' },
      },
    ],
    record: (r) => {
      records.push({ ...r, instance: 'EE' })
    },
    now,
  })
  const consumer = uaServer(uaOwn, [uaKeepsEe])
  servers.push(provider, consumer)
  const eePorts = await provider.listen({ consumer: 0, provider: 0 })
  const uaPorts = await consumer.listen({ consumer: 0, provider: 0 })
  // The configurations naming the real ports, and a group in Estonia's listing Ukraine's archive.
  await publish(ua, uaPorts.provider, 2)
  await publish(ee, eePorts.provider, 2, {
    globalGroups: [{ code: 'everyone', description: 'all', members: [`${social}/archive`] }],
  })
  for (const copy of [uaOwn, eeOwn, eeKeepsUa, uaKeepsEe]) assert.deepEqual(await copy.refresh(), { kept: true })
  consumerUrl = `http://127.0.0.1:${uaPorts.consumer}`
})
after(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

function parse(service: string) {
  const [instance, memberClass, memberCode, subsystemCode, serviceCode] = service.split('/') as [
    string,
    'GOV',
    string,
    string,
    string,
  ]
  return { instance, memberClass, memberCode, subsystemCode, serviceCode }
}

const ask = (url: string, client = `${social}/benefits`) =>
  fetch(`${url}/r1/${population}/population/person/persons/38001010001`, {
    headers: { 'x-road-client': client, 'x-road-userid': '38001010001', 'x-road-issue': 'service:benefit-abroad' },
  })

describe('exchange federation (X-Road federation between two instances)', () => {
  it('carries a call from Ukraine to an Estonian service over mutual TLS, recorded on both sides', async () => {
    records.length = 0
    const response = await ask(consumerUrl)
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { path: '/persons/38001010001', for: 'service:benefit-abroad' })
    const id = response.headers.get('x-road-id')
    const sides = records.filter((r) => r.id === id).map((r) => `${r.instance} ${r.side} ${r.status}`)
    assert.deepEqual(sides.sort(), ['EE provider 200', 'UA consumer 200'])
    const consumerRecord = records.find((r) => r.side === 'consumer')
    assert.equal(consumerRecord?.client, `${social}/benefits`)
    assert.equal(consumerRecord?.service, `${population}/population/person`)
    assert.equal(records.find((r) => r.side === 'provider')?.requestHash, consumerRecord?.requestHash)
  })

  it('refuses a foreign client no right names, naming the instance, though a group of its own lists it', async () => {
    records.length = 0
    const response = await ask(consumerUrl, `${social}/archive`)
    assert.equal(response.status, 403)
    assert.equal(response.headers.get('x-road-error'), 'Server.ServerProxy.AccessDenied')
    const body = (await response.json()) as { detail: string; instance: string; message: string }
    assert.equal(body.detail, 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED')
    assert.equal(body.instance, 'EE')
    assert.match(body.message, /\(EE\)$/)
    assert.deepEqual(records.map((r) => `${r.instance} ${r.side} ${r.fault}`).sort(), [
      'EE provider ERR_EXCHANGE_FEDERATED_ACCESS_DENIED',
      'UA consumer Server.ServerProxy.AccessDenied',
    ])
  })

  it('refuses a service of an instance it does not federate with', async () => {
    const response = await fetch(`${consumerUrl}/r1/FI/GOV/0245437-2/population/person/x`, {
      headers: { 'x-road-client': `${social}/benefits` },
    })
    assert.equal(response.status, 400)
    assert.equal(response.headers.get('x-road-error'), 'Server.ClientProxy.UnknownMember')
    const body = (await response.json()) as { detail: string; instance: string }
    assert.deepEqual([body.detail, body.instance], ['ERR_EXCHANGE_NOT_FEDERATED', 'FI'])
  })

  /** A Ukrainian server whose copy of Estonia's configuration is the one given, and its answer to the call. */
  async function callWith(copy: GlobalConfigurationClient) {
    const server = uaServer(uaOwn, [copy])
    try {
      const ports = await server.listen({ consumer: 0, provider: 0 })
      const response = await ask(`http://127.0.0.1:${ports.consumer}`)
      return { status: response.status, body: (await response.json()) as { detail: string; instance?: string } }
    } finally {
      await server.close()
    }
  }

  it('keeps no configuration signed by another key than the agreed anchor, and calls nothing on it', async () => {
    const other = await generateKeyPair('ES256')
    const copy = await follow(ee, { key: other.publicKey })
    assert.deepEqual(await copy.refresh(), { kept: false, error: 'ERR_EXCHANGE_CONF_SIGNATURE' })
    const { status, body } = await callWith(copy)
    assert.equal(status, 503)
    assert.deepEqual([body.detail, body.instance], ['ERR_EXCHANGE_CONF_EXPIRED', 'EE'])
  })

  it('keeps no configuration of another instance than the anchor names', async () => {
    // Ukraine's configuration under an anchor that says Estonia, with Ukraine's key: the instance does not match.
    const copy = await follow(ua, { instance: 'EE' })
    assert.deepEqual(await copy.refresh(), { kept: false, error: 'ERR_EXCHANGE_CONF_SIGNATURE' })
    assert.equal((await callWith(copy)).body.detail, 'ERR_EXCHANGE_CONF_EXPIRED')
  })

  it('refuses a rolled-back configuration and keeps the one held', async () => {
    const copy = await follow(ee)
    await copy.refresh()
    const current = ee.signed
    await publish(ee, 1, 1)
    try {
      assert.deepEqual(await copy.refresh(), { kept: false, error: 'ERR_EXCHANGE_CONF_ROLLBACK' })
      assert.equal(copy.state().serial, 2)
    } finally {
      ee.signed = current
    }
  })

  it('calls nothing on an expired configuration, and a provider lets in no caller of an expired one', async () => {
    let later = clock
    const copy = await follow(ee, {}, () => later)
    await copy.refresh()
    later = new Date('2026-06-02T09:00:01Z')
    const { status, body } = await callWith(copy)
    assert.equal(status, 503)
    assert.deepEqual([body.detail, body.instance], ['ERR_EXCHANGE_CONF_EXPIRED', 'EE'])
    // Estonia's copy of Ukraine's configuration expires: Ukraine's server is no longer one it knows.
    eeClock = new Date('2026-06-02T09:00:01Z')
    try {
      const refused = await ask(consumerUrl)
      assert.equal(refused.status, 403)
      assert.equal(((await refused.json()) as { detail: string }).detail, 'ERR_EXCHANGE_ACCESS_DENIED')
    } finally {
      eeClock = clock
    }
    assert.equal((await ask(consumerUrl)).status, 200)
  })

  it('opens nothing to another instance’s client but what a right names it for (property)', () => {
    const clients = ['UA/GOV/1', 'UA/GOV/1/a', 'UA/GOV/1/b', 'UA/COM/2/a', 'EE/GOV/1/a', 'EE/GOV/3', 'FI/GOV/1/a']
    const service = parse(`${population}/population/person`)
    const configuration = {
      instance: 'EE',
      globalGroups: [{ code: 'g', description: '', members: clients }],
    } as unknown as GlobalConfiguration
    const right = fc.record({
      to: fc.oneof(
        fc.constantFrom(...clients).map((client) => ({ client })),
        fc.constant({ group: 'g' }),
      ),
      method: fc.constantFrom('*', 'GET', 'POST'),
      path: fc.constantFrom('**', '/persons/{id}', '/other'),
    })
    fc.assert(
      fc.property(
        fc.array(right, { maxLength: 6 }),
        fc.constantFrom(...clients),
        fc.constantFrom('GET', 'POST'),
        (drawn, name, method) => {
          const rights: AccessRight[] = drawn.map(({ to, method, path }) => ({
            service,
            endpoint: { method, path },
            to,
          }))
          const client = parseClientId(name)
          const call = { client, service, method, path: '/persons/38001010001' }
          const allowed = isAllowed(rightsOpenTo(rights, client, 'EE'), call, configuration)
          if (client.instance === 'EE') {
            // The own instance's clients: the rights as they are, groups included.
            assert.equal(allowed, isAllowed(rights, call, configuration))
          } else {
            // Another instance's: only a right naming this very client, for this method and path.
            const named = rights.some(
              (r) =>
                'client' in r.to &&
                r.to.client === name &&
                (r.endpoint.method === '*' || r.endpoint.method === method) &&
                r.endpoint.path !== '/other',
            )
            assert.equal(allowed, named)
          }
        },
      ),
    )
  })
})
