import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { CompactEncrypt } from 'jose'
import { decryptEcdhEs, readJweHeader } from './decrypt-ecdh-es.ts'

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const plaintext = new TextEncoder().encode('{"vp_token":{"a":["b"]},"state":"s"}')

function encrypt(enc: 'A128GCM' | 'A256GCM', parameters: { apu?: Uint8Array; apv?: Uint8Array } = {}) {
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'ECDH-ES', enc, kid: 'k' })
    .setKeyManagementParameters(parameters)
    .encrypt(publicKey)
}

const open = (jwe: string) => decryptEcdhEs({ ...readJweHeader(jwe), privateKey })

describe('ECDH-ES with AES-GCM on node:crypto (RFC 7518 sections 4.6 and 5.3)', () => {
  it('opens what jose (WebCrypto) sealed, A128GCM and A256GCM, with and without apu and apv', async () => {
    for (const enc of ['A128GCM', 'A256GCM'] as const) {
      assert.deepEqual(new Uint8Array(open(await encrypt(enc))), plaintext)
      const parties = { apu: new TextEncoder().encode('wallet nonce'), apv: new TextEncoder().encode('request nonce') }
      assert.deepEqual(new Uint8Array(open(await encrypt(enc, parties))), plaintext)
    }
  })

  it('refuses a changed header, tag or key (ERR_RESPONSE_UNDECRYPTABLE) and a point off the curve', async () => {
    const jwe = await encrypt('A128GCM', { apu: new Uint8Array([1]) })
    const { header, parts } = readJweHeader(jwe)
    const undecryptable = (e: unknown) => isPolisError(e, 'ERR_RESPONSE_UNDECRYPTABLE')
    assert.throws(() => decryptEcdhEs({ header: { ...header, apu: 'Ag' }, parts, privateKey }), undecryptable)
    const tag = parts[4] as string
    const changedTag = [...parts.slice(0, 4), (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1)]
    assert.throws(() => decryptEcdhEs({ header, parts: changedTag, privateKey }), undecryptable)
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    assert.throws(() => decryptEcdhEs({ header, parts, privateKey: other }), undecryptable)
    const epk = header.epk as { x: string; y: string }
    const offCurve = { ...header, epk: { ...epk, y: epk.x } }
    assert.throws(() => decryptEcdhEs({ header: offCurve, parts, privateKey }), undecryptable)
    assert.throws(
      () => decryptEcdhEs({ header: { ...header, alg: 'ECDH-ES+A128KW' }, parts, privateKey }),
      (e) => isPolisError(e, 'ERR_UNSUPPORTED_ALGORITHM'),
    )
  })
})
