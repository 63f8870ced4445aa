import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { CompactSign, exportJWK, generateKeyPair } from 'jose'
import {
  createGlobalConfigurationClient,
  formatId,
  type GlobalConfiguration,
  memberClasses,
  parseClientId,
  parseServiceId,
  signGlobalConfiguration,
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
    { memberClass: 'GOV', memberCode: '00015622', name: 'Migration service', subsystems: ['population'] },
    { memberClass: 'GOV', memberCode: '00032684', name: 'Social protection', subsystems: ['benefits'] },
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
