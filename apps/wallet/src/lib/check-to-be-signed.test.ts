import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { carriesDigest } from './check-to-be-signed.ts'

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url')
const document = Buffer.from('%PDF-1.7 a small document')
const sha256 = b64url(createHash('sha256').update(document).digest())
const described = { name: 'a.pdf', mediaType: 'application/pdf', size: document.length, sha256 }
const digest = createHash('sha256').update('the byte range').digest()

/** DER-like signed attributes around a message digest (an OCTET STRING of 32 bytes). */
const signedAttributes = (hash: Uint8Array) =>
  Buffer.concat([Buffer.from([0x31, 0x5c, 0x30, 0x2f, 0x04, 0x20]), hash, Buffer.from([0x30])])

/** A JAdES signing input as docs/signatures.md describes it: the encoded header and a dot. */
const jadesInput = (hashV: unknown) =>
  b64url(`${b64url(JSON.stringify({ alg: 'ES256', sigD: { mId: 'x', pars: ['a.pdf'], hashM: 'S256', hashV } }))}.`)

describe('what the wallet signs carries the digest (docs/signatures.md, signing step 3)', () => {
  it('finds the digest among the signed attributes of PAdES (the hash of the byte range)', () => {
    const attributes = signedAttributes(digest)
    const request = { format: 'PAdES' as const, document: described, digest: b64url(digest) }
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(attributes) }), true)
    const other = Buffer.from(attributes)
    other[10] = (other[10] ?? 0) ^ 1
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(other) }), false)
  })

  it('wants the CAdES digest to be the file’s own SHA-256, carried in the signed attributes', () => {
    const own = Buffer.from(sha256, 'base64url')
    const request = { format: 'CAdES' as const, document: described }
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(signedAttributes(own)), digest: sha256 }), true)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(signedAttributes(digest)), digest: sha256 }), false)
    // The attributes carry the digest named, but it is not the file shown.
    assert.equal(
      carriesDigest({ ...request, toBeSigned: b64url(signedAttributes(digest)), digest: b64url(digest) }),
      false,
    )
  })

  it('holds for any bytes with the digest put anywhere, and fails for the same bytes without it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, at) => {
        const cut = at % (bytes.length + 1)
        const carrying = Buffer.concat([bytes.subarray(0, cut), digest, bytes.subarray(cut)])
        const request = { format: 'PAdES' as const, document: described, digest: b64url(digest) }
        assert.equal(carriesDigest({ ...request, toBeSigned: b64url(carrying) }), true)
        if (!Buffer.from(bytes).includes(digest))
          assert.equal(carriesDigest({ ...request, toBeSigned: b64url(bytes) }), false)
      }),
    )
  })

  it('reads the JAdES header and wants sigD.hashV to name the document and the digest', () => {
    const request = { format: 'JAdES' as const, document: described, digest: sha256 }
    assert.equal(carriesDigest({ ...request, toBeSigned: jadesInput([sha256]) }), true)
    assert.equal(carriesDigest({ ...request, toBeSigned: jadesInput([b64url(digest)]) }), false)
    assert.equal(carriesDigest({ ...request, toBeSigned: jadesInput([]) }), false)
    assert.equal(carriesDigest({ ...request, toBeSigned: jadesInput('not a list') }), false)
    // The digest the platform names must be the document's own.
    assert.equal(carriesDigest({ ...request, digest: b64url(digest), toBeSigned: jadesInput([b64url(digest)]) }), false)
  })

  it('refuses a JAdES input that is not a header and a dot, or not JSON', () => {
    const request = { format: 'JAdES' as const, document: described, digest: sha256 }
    const header = b64url(JSON.stringify({ sigD: { hashV: [sha256] } }))
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(`${header}.`) }), true)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(header) }), false)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(`${header}.${b64url('payload')}`) }), false)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(`${b64url('{not json')}.`) }), false)
  })

  it('refuses what is not base64url, and a digest that is not 32 bytes', () => {
    const request = { format: 'PAdES' as const, document: described }
    assert.equal(carriesDigest({ ...request, toBeSigned: 'ab+/', digest: b64url(digest) }), false)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(digest), digest: b64url(digest) }), true)
    assert.equal(carriesDigest({ ...request, toBeSigned: b64url(digest), digest: '' }), false)
    assert.equal(
      carriesDigest({ ...request, toBeSigned: b64url(digest), digest: b64url(digest.subarray(0, 16)) }),
      false,
    )
  })
})
