import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { newCliInstance, runPolis } from '../test/cli-instance.ts'

describe(`polis clients on ${testEngine}`, () => {
  it('registers a client with a secret or public keys, refuses a private key, and revokes one with a reason', async () => {
    const instance = await newCliInstance('clients')
    const polis = (...args: string[]) => runPolis(instance, args)
    const added = polis('clients', 'add', '--name', 'Demo Shop', '--redirect-uri', 'http://localhost:3000/cb', '--json')
    assert.equal(added.code, 0, added.stderr)
    const shop = JSON.parse(added.stdout) as { clientId: string; clientSecret: string; tokenEndpointAuthMethod: string }
    assert.equal(shop.tokenEndpointAuthMethod, 'client_secret_basic')
    assert.match(shop.clientSecret, /^[\w-]{43}$/)

    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
    const leaked = join(instance.dir, 'leaked.jwks.json')
    writeFileSync(leaked, JSON.stringify({ keys: [privateJwk] }))
    const refused = polis(
      'clients',
      'add',
      '--name',
      'Tax Office',
      '--redirect-uri',
      'https://tax.example/cb',
      '--jwks',
      leaked,
    )
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /ERR_CLIENT_REGISTRATION/)
    assert.ok(!refused.stderr.includes(String(privateJwk.d)) && !refused.stdout.includes(String(privateJwk.d)))
    const plain = polis('clients', 'add', '--name', 'Tax Office', '--redirect-uri', 'http://tax.example/cb')
    assert.equal(plain.code, 1)
    assert.match(plain.stderr, /ERR_CLIENT_REGISTRATION/)

    const keys = join(instance.dir, 'tax.jwks.json')
    writeFileSync(
      keys,
      JSON.stringify({ keys: [{ ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid: 't1' }] }),
    )
    const tax = polis(
      'clients',
      'add',
      '--name',
      'Tax Office',
      '--redirect-uri',
      'https://tax.example/cb',
      '--jwks',
      keys,
      '--json',
    )
    assert.equal(tax.code, 0, tax.stderr)
    assert.equal(
      (JSON.parse(tax.stdout) as { tokenEndpointAuthMethod: string }).tokenEndpointAuthMethod,
      'private_key_jwt',
    )

    assert.equal(polis('clients', 'revoke', '--client', shop.clientId).code, 1)
    const revoked = polis('clients', 'revoke', '--client', shop.clientId, '--reason', 'The shop closed')
    assert.equal(revoked.code, 0, revoked.stderr)
    const again = polis('clients', 'revoke', '--client', shop.clientId, '--reason', 'The shop closed')
    assert.equal(again.code, 0)
    assert.match(again.stdout, /revoked already/)
    const unknown = polis('clients', 'revoke', '--client', 'c-nobody', '--reason', 'The shop closed')
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /ERR_NOT_FOUND/)
    const listed = JSON.parse(polis('clients', 'list', '--json').stdout) as Array<{
      name: string
      revokedAt: string | null
      revokedBy: string | null
      registeredBy: string | null
    }>
    const byName = new Map(listed.map((c) => [c.name, c]))
    assert.equal(byName.get('Demo Shop')?.revokedBy, 'operator')
    assert.ok(byName.get('Demo Shop')?.revokedAt)
    assert.equal(byName.get('Tax Office')?.revokedAt, null)
    assert.equal(byName.get('Tax Office')?.registeredBy, 'operator')
  })
})
