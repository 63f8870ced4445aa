import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from './config.ts'
import { isPolisError } from './errors.ts'

const provider = {
  id: 'bank-x',
  name: { uk: 'Банк Х', en: 'Bank X', et: 'Pank X' },
  issuer: 'https://id.bank-x.example',
  clientId: 'polis',
  clientSecret: 's3cret',
}

describe('configuration', () => {
  it('reads identity providers as a JSON array', () => {
    const config = loadConfig({ POLIS_IDENTITY_PROVIDERS: JSON.stringify([provider]) })
    assert.deepEqual(config.POLIS_IDENTITY_PROVIDERS, [provider])
    assert.equal(loadConfig({}).POLIS_IDENTITY_PROVIDERS, undefined)
  })

  it('refuses identity providers that are not JSON, incomplete or named twice, naming the variable', () => {
    for (const value of [
      'not json',
      '[]',
      JSON.stringify([{ ...provider, issuer: 'nope' }]),
      JSON.stringify([provider, provider]),
    ]) {
      assert.throws(
        () => loadConfig({ POLIS_IDENTITY_PROVIDERS: value }),
        (e) => isPolisError(e, 'ERR_CONFIG_INVALID') && /POLIS_IDENTITY_PROVIDERS/.test(e.detail ?? ''),
        value,
      )
    }
  })

  it('keeps the client secret out of the error', () => {
    assert.throws(
      () => loadConfig({ POLIS_IDENTITY_PROVIDERS: JSON.stringify([{ ...provider, id: 'Bad Id' }]) }),
      (e) => isPolisError(e, 'ERR_CONFIG_INVALID') && !String(e.message).includes('s3cret'),
    )
  })

  it('gives each demo country its own data directory, port and name, which set variables override', () => {
    const ukraine = loadConfig({})
    assert.deepEqual(
      [
        ukraine.POLIS_COUNTRY,
        ukraine.POLIS_COUNTRY_CODE,
        ukraine.POLIS_COUNTRY_NAME,
        ukraine.POLIS_DATA_DIR,
        ukraine.PORT,
      ],
      ['UA', 'UA', 'Ukraine (Polis demo)', './data', 8080],
    )
    const estonia = loadConfig({ POLIS_COUNTRY: 'EE' })
    assert.deepEqual(
      [estonia.POLIS_COUNTRY_CODE, estonia.POLIS_COUNTRY_NAME, estonia.POLIS_DATA_DIR, estonia.PORT],
      ['EE', 'Estonia (Polis demo)', './data-ee', 8081],
    )
    assert.equal(loadConfig({ POLIS_COUNTRY: 'EE', PORT: '9000', POLIS_DATA_DIR: '/srv/ee' }).PORT, 9000)
    assert.throws(
      () => loadConfig({ POLIS_COUNTRY: 'FI' }),
      (e) => isPolisError(e, 'ERR_CONFIG_INVALID'),
    )
  })
})
