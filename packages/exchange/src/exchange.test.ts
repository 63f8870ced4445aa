import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { CompactSign, compactVerify, exportJWK, generateKeyPair, type JWK } from 'jose'
import {
  type AccessRight,
  checkRequestHash,
  createGlobalConfigurationClient,
  endpointsOf,
  exchangeFault,
  formatId,
  type GlobalConfiguration,
  isAllowed,
  memberClasses,
  parseClientId,
  parseServiceId,
  requestHash,
  responseDigest,
  signDigest,
  signGlobalConfiguration,
  verifyDigest,
  verifyGlobalConfiguration,
} from './index.ts'

const refused = (code: string) => (error: unknown) => isPolisError(error) && error.code === code

describe('exchange identifiers', () => {
  it('reads and writes members, subsystems and services as X-Road does', () => {
    assert.deepEqual(parseClientId('UA/GOV/00015622'), { instance: 'UA', memberClass: 'GOV', memberCode: '00015622' })
    const service = parseServiceId('UA/GOV/00015622/population/person')
    assert.deepEqual(service, {
      instance: 'UA',
      memberClass: 'GOV',
      memberCode: '00015622',
      subsystemCode: 'population',
      serviceCode: 'person',
    })
    assert.equal(formatId(service), 'UA/GOV/00015622/population/person')
    for (const bad of [
      '',
      'UA',
      'UA/GOV',
      'UA/XYZ/1',
      'UA/GOV/1/',
      'UA/GOV/1/a b',
      'UA/GOV/1/a/b/c',
      'UA/GOV/%2F',
      'UA/GOV/a:b',
    ]) {
      assert.throws(() => parseClientId(bad), refused('ERR_EXCHANGE_IDENTIFIER'), bad)
    }
    assert.throws(() => parseServiceId('UA/GOV/00015622/population'), refused('ERR_EXCHANGE_IDENTIFIER'))
  })

  it('gives back what it wrote for any identifier, and refuses any text that is not one without throwing anything else', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
    fc.assert(
      fc.property(
        part,
        fc.constantFrom(...memberClasses),
        part,
        part,
        part,
        (instance, memberClass, memberCode, subsystemCode, serviceCode) => {
          const id = { instance, memberClass, memberCode, subsystemCode, serviceCode }
          assert.deepEqual(parseServiceId(formatId(id)), id)
          const { serviceCode: _, ...subsystem } = id
          assert.deepEqual(parseClientId(formatId(subsystem)), subsystem)
        },
      ),
      { numRuns: fuzzRuns(100) },
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          const id = parseClientId(text)
          assert.equal(formatId(id), text)
        } catch (error) {
          assert.ok(refused('ERR_EXCHANGE_IDENTIFIER')(error), String(error))
        }
      }),
      { numRuns: fuzzRuns(200) },
    )
  })
})

const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'
const configuration = (serial: number, expiresAt: string): GlobalConfiguration => ({
  instance: 'UA',
  serial,
  issuedAt: '2026-06-01T10:00:00.000Z',
  expiresAt,
  centralServer: { address: 'https://central.polis.test' },
  exchangeCas: [pem],
  members: [
    {
      memberClass: 'GOV',
      memberCode: '00015622',
      name: 'Migration service',
      subsystems: ['population'],
      signingKeys: [],
    },
    {
      memberClass: 'GOV',
      memberCode: '00032684',
      name: 'Social protection',
      subsystems: ['benefits'],
      signingKeys: [],
    },
  ],
  securityServers: [
    {
      owner: { memberClass: 'GOV', memberCode: '00015622' },
      serverCode: 'ss1',
      address: 'https://ss1.migration.polis.test:5500',
      tlsCertificateSha256: 'A'.repeat(43),
      clients: ['UA/GOV/00015622/population'],
    },
  ],
  globalGroups: [{ code: 'registers', description: 'The base registers', members: ['UA/GOV/00015622/population'] }],
})

describe('the global configuration', async () => {
  const central = await generateKeyPair('ES256')
  const anchor = { instance: 'UA', publicKey: await exportJWK(central.publicKey) }
  const now = new Date('2026-06-01T12:00:00Z')

  it('is taken when signed by the anchor’s central registry, for its instance, not expired', async () => {
    const signed = await signGlobalConfiguration(configuration(1, '2026-06-02T10:00:00.000Z'), central.privateKey)
    assert.equal((await verifyGlobalConfiguration(signed, anchor, now)).serial, 1)
    const other = await generateKeyPair('ES256')
    const forged = await signGlobalConfiguration(configuration(2, '2026-06-02T10:00:00.000Z'), other.privateKey)
    await assert.rejects(verifyGlobalConfiguration(forged, anchor, now), refused('ERR_EXCHANGE_CONF_SIGNATURE'))
    await assert.rejects(
      verifyGlobalConfiguration(signed, { ...anchor, instance: 'EE' }, now),
      refused('ERR_EXCHANGE_CONF_SIGNATURE'),
    )
    await assert.rejects(
      verifyGlobalConfiguration(signed, anchor, new Date('2026-06-02T10:00:00Z')),
      refused('ERR_EXCHANGE_CONF_EXPIRED'),
    )
    // One byte of the payload changed.
    const [header, payload, signature] = signed.split('.') as [string, string, string]
    const altered = Buffer.from(payload, 'base64url').toString().replace('Migration', 'Migratiom')
    await assert.rejects(
      verifyGlobalConfiguration(`${header}.${Buffer.from(altered).toString('base64url')}.${signature}`, anchor, now),
      refused('ERR_EXCHANGE_CONF_SIGNATURE'),
    )
    // Signed, but not a configuration: said at its place.
    const malformed = await new CompactSign(new TextEncoder().encode(JSON.stringify({ instance: 'UA', serial: 0 })))
      .setProtectedHeader({ alg: 'ES256', typ: 'polis-globalconf+jws' })
      .sign(central.privateKey)
    await assert.rejects(verifyGlobalConfiguration(malformed, anchor, now), (error: unknown) => {
      return refused('ERR_EXCHANGE_CONF_INVALID')(error) && /serial/.test(String((error as Error).message))
    })
  })

  it('keeps working on the copy held while the central registry is down, until it expires, and never goes back', async () => {
    let clock = now
    let answer: () => Promise<string> = async () =>
      signGlobalConfiguration(configuration(5, '2026-06-01T18:00:00.000Z'), central.privateKey)
    const client = createGlobalConfigurationClient({ anchor, download: () => answer(), now: () => clock })
    assert.throws(() => client.current(), refused('ERR_EXCHANGE_CONF_EXPIRED'), 'nothing held yet')
    assert.deepEqual(await client.refresh(), { kept: true })
    assert.equal(client.current().serial, 5)

    // The central registry goes down: the copy held still serves.
    answer = async () => Promise.reject(new Error('connect ECONNREFUSED'))
    clock = new Date('2026-06-01T17:00:00Z')
    assert.deepEqual(await client.refresh(), { kept: false, error: 'ERR_EXCHANGE_CENTRAL_UNREACHABLE' })
    assert.equal(client.current().serial, 5)
    assert.equal(client.state().lastError, 'ERR_EXCHANGE_CENTRAL_UNREACHABLE')

    // An older configuration replayed is refused; the copy held stays.
    answer = async () => signGlobalConfiguration(configuration(4, '2026-06-02T18:00:00.000Z'), central.privateKey)
    assert.deepEqual(await client.refresh(), { kept: false, error: 'ERR_EXCHANGE_CONF_ROLLBACK' })
    assert.equal(client.current().serial, 5)

    // Past its expiry, with the central registry still down: no exchange.
    answer = async () => Promise.reject(new Error('connect ECONNREFUSED'))
    clock = new Date('2026-06-01T18:00:01Z')
    assert.throws(() => client.current(), refused('ERR_EXCHANGE_CONF_EXPIRED'))

    // Back up: a newer one is taken and serves again.
    answer = async () => signGlobalConfiguration(configuration(6, '2026-06-02T18:00:00.000Z'), central.privateKey)
    assert.deepEqual(await client.refresh(), { kept: true })
    assert.deepEqual(client.state(), {
      serial: 6,
      expiresAt: '2026-06-02T18:00:00.000Z',
      refreshedAt: '2026-06-01T18:00:01.000Z',
      lastError: undefined,
    })
  })
})

describe('access rights', () => {
  const service = parseServiceId('UA/GOV/00015622/population/person')
  const caller = parseClientId('UA/GOV/00032684/benefits')
  const conf = configuration(1, '2026-06-02T10:00:00.000Z')
  const call = (method: string, path: string, client = caller) => ({ client, service, method, path })

  it('opens nothing by default, and a right covers its method, template and client only', () => {
    assert.equal(isAllowed([], call('GET', '/persons/123'), conf), false)
    const rights: AccessRight[] = [
      { service, endpoint: { method: 'GET', path: '/persons/{id}' }, to: { client: 'UA/GOV/00032684/benefits' } },
    ]
    assert.equal(isAllowed(rights, call('GET', '/persons/123'), conf), true)
    assert.equal(isAllowed(rights, call('get', '/persons/123?fields=name'), conf), true)
    for (const [method, path] of [
      ['POST', '/persons/123'],
      ['GET', '/persons'],
      ['GET', '/persons/'],
      ['GET', '/persons/123/address'],
      ['GET', '/persons/1%2F2/x'],
    ] as const) {
      assert.equal(isAllowed(rights, call(method, path), conf), false, `${method} ${path}`)
    }
    // Another subsystem of the same member, the member itself, another service: not granted.
    assert.equal(isAllowed(rights, call('GET', '/persons/1', parseClientId('UA/GOV/00032684/other')), conf), false)
    assert.equal(isAllowed(rights, call('GET', '/persons/1', parseClientId('UA/GOV/00032684')), conf), false)
    const other = parseServiceId('UA/GOV/00015622/population/address')
    assert.equal(isAllowed(rights, { ...call('GET', '/persons/1'), service: other }, conf), false)
  })

  it('grants to a global group the subsystems it lists, and all of a service with * and **', () => {
    const rights: AccessRight[] = [{ service, endpoint: { method: '*', path: '**' }, to: { group: 'registers' } }]
    assert.equal(
      isAllowed(rights, call('DELETE', '/anything/at/all', parseClientId('UA/GOV/00015622/population')), conf),
      true,
    )
    assert.equal(isAllowed(rights, call('GET', '/persons/1'), conf), false)
  })

  it('reads the endpoints of an OpenAPI description', () => {
    const openapi = { paths: { '/persons/{id}': { get: {}, parameters: [] }, '/persons': { post: {}, get: {} } } }
    assert.deepEqual(endpointsOf(openapi), [
      { method: 'GET', path: '/persons/{id}' },
      { method: 'POST', path: '/persons' },
      { method: 'GET', path: '/persons' },
    ])
    assert.deepEqual(endpointsOf(null), [])
  })
})

describe('signed messages and the request hash', async () => {
  const member = await generateKeyPair('ES256')
  const expected = { signer: 'UA/GOV/00032684', publicKey: await exportJWK(member.publicKey) }
  const request = {
    id: 'b0f5c6d2-1',
    sentAt: '2026-06-01T10:00:00.000Z',
    client: parseClientId('UA/GOV/00032684/benefits'),
    service: parseServiceId('UA/GOV/00015622/population/person'),
    method: 'GET',
    path: '/persons/123',
    userId: 'citizen-1',
    issue: 'service:child-benefit',
    body: new Uint8Array(),
  }

  it('signs a request hash the provider checks, and refuses any change to what the request says', async () => {
    const hash = requestHash(request)
    assert.equal(Buffer.from(hash, 'base64').length, 64, 'SHA-512')
    const signature = await signDigest(hash, member.privateKey, expected.signer)
    await verifyDigest(signature, hash, expected)
    for (const changed of [
      { ...request, path: '/persons/124' },
      { ...request, issue: 'curiosity' },
      { ...request, userId: 'citizen-2' },
      { ...request, id: 'b0f5c6d2-2' },
      { ...request, sentAt: '2026-06-01T10:00:00.001Z' },
      { ...request, body: new Uint8Array([1]) },
      { ...request, client: parseClientId('UA/GOV/00032684/other') },
    ]) {
      await assert.rejects(verifyDigest(signature, requestHash(changed), expected), refused('ERR_EXCHANGE_SIGNATURE'))
    }
    await assert.rejects(
      verifyDigest(signature, hash, { ...expected, signer: 'UA/GOV/00015622' }),
      refused('ERR_EXCHANGE_SIGNATURE'),
    )
    const stranger = await generateKeyPair('ES256')
    await assert.rejects(
      verifyDigest(await signDigest(hash, stranger.privateKey, expected.signer), hash, expected),
      refused('ERR_EXCHANGE_SIGNATURE'),
    )
  })

  it('signs with a node:crypto key as any ES256 JWS is signed, and reads such a JWS (jose both ways)', async () => {
    const hash = requestHash(request)
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const publicJwk = keys.publicKey.export({ format: 'jwk' }) as JWK
    const signed = await signDigest(hash, keys.privateKey, expected.signer)
    // r‖s of 64 bytes, as RFC 7518 3.4 has it, whatever the DER node:crypto made was.
    assert.equal(Buffer.from(signed.split('.')[2] as string, 'base64url').length, 64)
    const read = await compactVerify(signed, keys.publicKey)
    assert.equal(new TextDecoder().decode(read.payload), hash)
    const byJose = await new CompactSign(new TextEncoder().encode(hash))
      .setProtectedHeader({ alg: 'ES256', typ: 'polis-exchange-sig+jws', kid: expected.signer })
      .sign(keys.privateKey)
    await verifyDigest(byJose, hash, { signer: expected.signer, publicKey: publicJwk })
    const [header, payload, signature] = byJose.split('.') as [string, string, string]
    const flipped = Buffer.from(signature, 'base64url')
    flipped[40] = (flipped[40] as number) ^ 1
    for (const wrong of [flipped.toString('base64url'), flipped.subarray(1).toString('base64url'), '']) {
      await assert.rejects(
        verifyDigest(`${header}.${payload}.${wrong}`, hash, { signer: expected.signer, publicKey: publicJwk }),
        refused('ERR_EXCHANGE_SIGNATURE'),
      )
    }
  })

  it('binds the response to the request it answers, and the consumer checks that it answered this one', () => {
    const response = { status: 200, contentType: 'application/json', body: new TextEncoder().encode('{"name":"A"}') }
    const hash = requestHash(request)
    assert.notEqual(responseDigest(response, hash), responseDigest(response, requestHash({ ...request, id: 'x' })))
    checkRequestHash(request, hash)
    assert.throws(
      () => checkRequestHash(request, requestHash({ ...request, path: '/persons/9' })),
      refused('ERR_EXCHANGE_REQUEST_HASH'),
    )
    assert.throws(() => checkRequestHash(request, undefined), refused('ERR_EXCHANGE_REQUEST_HASH'))
    assert.deepEqual(exchangeFault('ERR_EXCHANGE_ACCESS_DENIED', 'no right'), {
      header: 'Server.ServerProxy.AccessDenied',
      body: { type: 'Server.ServerProxy.AccessDenied', message: 'no right', detail: 'ERR_EXCHANGE_ACCESS_DENIED' },
    })
  })
})
