import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { frozenClock, isPolisError, loadConfig } from '@polis/kernel'
import { openTestStore, testEngine } from '@polis/store'
import { trustAnchors, verifyCertificateChain } from '@polis/trust'
import { createPlatform } from './create-platform.ts'

const now = frozenClock('2026-06-01T10:00:00Z')
const kek = 'a'.repeat(64)
const config = (overrides: Record<string, string> = {}) =>
  loadConfig({ POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-')), POLIS_KEY_ENCRYPTION_KEY: kek, ...overrides })

describe(`platform bootstrap on ${testEngine}`, () => {
  it('creates the national anchor and one certificate per agency once, and loads them after', async () => {
    const store = await openTestStore()
    const first = await createPlatform({ config: config(), store, now })
    assert.ok(first.trust.certificates.length >= 8, 'an issuing certificate per agency')
    for (const { der } of first.trust.certificates) {
      verifyCertificateChain({ chain: [der], anchors: trustAnchors([first.trust.anchor]), now: now() })
    }
    const second = await createPlatform({ config: config(), store, now })
    assert.deepEqual(second.trust.anchor, first.trust.anchor)
    assert.equal(second.trust.certificates.length, first.trust.certificates.length)
    await store.close()
  })

  it('refuses a wrong key-encryption key before touching anything', async () => {
    const store = await openTestStore()
    await createPlatform({ config: config(), store, now })
    await assert.rejects(
      createPlatform({ config: config({ POLIS_KEY_ENCRYPTION_KEY: 'b'.repeat(64) }), store, now }),
      (e) => isPolisError(e, 'ERR_KEY_DECRYPTION'),
    )
    await assert.rejects(createPlatform({ config: config({ POLIS_KEY_ENCRYPTION_KEY: 'short' }), store, now }), (e) =>
      isPolisError(e, 'ERR_CONFIG_INVALID'),
    )
    await store.close()
  })

  it('refuses bad configuration with the variable named', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' }),
      (e) =>
        isPolisError(e, 'ERR_CONFIG_INVALID') && /PORT/.test(String(e.detail)) && /DATABASE_URL/.test(String(e.detail)),
    )
  })
})
