import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { createChainCache, trustAnchors, verifyCertificateChain } from './index.ts'
import { createTestPki } from './testing.ts'

const notBefore = new Date('2026-01-01T00:00:00Z')
const now = new Date('2026-06-01T00:00:00Z')

async function pki() {
  const { anchor, certificate } = await createTestPki({ notBefore })
  return { anchor, issuer: certificate }
}

describe('verifyCertificateChain (RFC 5280 section 6 subset)', () => {
  it('accepts an issuer certificate signed by the anchor', async () => {
    const { anchor, issuer } = await pki()
    const verified = verifyCertificateChain({ chain: [issuer], anchors: trustAnchors([anchor]), now })
    assert.match(verified.leaf.subject, /CN=Test Issuing Agency/)
    assert.equal(verified.publicKey.asymmetricKeyType, 'ec')
  })

  it('accepts a chain that includes the anchor itself', async () => {
    const { anchor, issuer } = await pki()
    verifyCertificateChain({ chain: [issuer, anchor], anchors: trustAnchors([anchor]), now })
  })

  it('rejects a chain from another root', async () => {
    const ours = await pki()
    const theirs = await pki()
    assert.throws(
      () => verifyCertificateChain({ chain: [theirs.issuer], anchors: trustAnchors([ours.anchor]), now }),
      (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
    )
    assert.throws(
      () => verifyCertificateChain({ chain: [theirs.issuer, ours.anchor], anchors: trustAnchors([ours.anchor]), now }),
      (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
    )
  })

  it('rejects a certificate outside its validity period, also from the cache', async () => {
    const { anchor, issuer } = await pki()
    const later = new Date('2029-06-01T00:00:00Z')
    assert.throws(
      () => verifyCertificateChain({ chain: [issuer], anchors: trustAnchors([anchor]), now: later }),
      (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
    )
    const cached = createChainCache(trustAnchors([anchor]))
    cached([issuer], now)
    assert.throws(
      () => cached([issuer], later),
      (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
    )
  })

  it('rejects garbage and empty chains', async () => {
    const { anchor } = await pki()
    assert.throws(
      () => verifyCertificateChain({ chain: [new Uint8Array([1, 2, 3])], anchors: trustAnchors([anchor]), now }),
      (e) => isPolisError(e, 'ERR_MALFORMED'),
    )
    assert.throws(
      () => verifyCertificateChain({ chain: [], anchors: trustAnchors([anchor]), now }),
      (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
    )
  })
})

describe('certificate serial numbers (RFC 5280 section 4.1.2.2)', () => {
  it('are positive and minimally encoded, so every certificate made verifies', async () => {
    for (let i = 0; i < 40; i++) {
      const { anchor, certificate } = await createTestPki({ notBefore })
      for (const der of [anchor, certificate]) {
        const serial = new X509Certificate(Buffer.from(der)).serialNumber
        assert.match(serial, /^[4-7][0-9A-F]{31}$/)
      }
    }
  })
})
