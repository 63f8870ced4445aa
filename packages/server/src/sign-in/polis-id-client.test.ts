import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { findClient, revokeClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { registeredApp } from './polis-id-client.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 5 })
})
after(() => t.close())

/** One of the platform's apps, as the portal and the office are. */
const app = {
  metaKey: 'test-app.polis-id-client',
  name: 'Test app',
  purpose: { uk: 'Вхід до тестового застосунку', en: 'Sign-in to the test app', et: 'Testrakendusse sisselogimine' },
  callbackPath: '/test-app/callback',
  afterLogoutPath: '/test-app',
  scopes: ['openid' as const],
}

describe(`a platform app's registration at Polis ID on ${testEngine}`, () => {
  it('is made once, made again when the public URL changes, and the one it replaces is retired', async () => {
    const first = await registeredApp(t.platform, app)
    assert.deepEqual(await registeredApp(t.platform, app), first)

    // The platform moves to another address: a registration for it, and the old one revoked by the platform.
    const moved = { ...t.platform, publicUrl: 'https://polis.example' }
    const second = await registeredApp(moved, app)
    assert.notEqual(second.clientId, first.clientId)
    assert.equal(second.redirectUri, 'https://polis.example/test-app/callback')
    const old = await findClient(t.platform.store, first.clientId)
    assert.ok(old?.revokedAt)
    assert.equal(old.revokedBy, 'platform')
    assert.match(old.revocationReason ?? '', /public URL changed/)
    const live = await findClient(t.platform.store, second.clientId)
    assert.equal(live?.revokedAt, null)
    assert.equal(live?.platformOwn, true)
    // The one in use is still the platform's own, which no official revokes.
    const refused = await revokeClient(t.platform.store, {
      clientId: second.clientId,
      by: 'test',
      reason: 'a test',
      now: t.now(),
    })
    assert.equal(refused, 'platform-own')
    assert.deepEqual(await registeredApp(moved, app), second)
  })
})
