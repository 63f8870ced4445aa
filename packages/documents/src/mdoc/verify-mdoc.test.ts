import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { type ErrorCode, isPolisError } from '@polis/kernel'
import { concatBytes, encodeHead, encodeTag24 } from './cbor-bytes.ts'
import { CborTag } from './cbor-tag.ts'
import { coseKeyFromJwk } from './convert-cose-key.ts'
import { createTestIssuer, mdlNamespaces, type TestIssuer } from './create-test-issuer.ts'
import { asArray, asMap, asTag24, decodeCbor } from './decode-cbor.ts'
import { encodeCbor, toTdate } from './encode-cbor.ts'
import { issueMdoc } from './issue-mdoc.ts'
import { signCoseSign1 } from './sign-cose-sign1.ts'
import { maxMdocBytes, verifyDeviceResponse, verifyMdoc } from './verify-mdoc.ts'

const now = new Date('2026-06-01T10:00:00Z')
const validFrom = new Date('2026-05-01T00:00:00Z')
const validUntil = new Date('2027-05-01T00:00:00Z')
const namespace = 'org.iso.18013.5.1'

let issuer: TestIssuer
let otherIssuer: TestIssuer
let issued: Uint8Array
before(async () => {
  issuer = await createTestIssuer(new Date('2026-01-01T00:00:00Z'))
  otherIssuer = await createTestIssuer(new Date('2026-01-01T00:00:00Z'))
  issued = await issueMdoc({
    docType: 'org.iso.18013.5.1.mDL',
    namespaces: mdlNamespaces(),
    deviceKey: issuer.deviceKey,
    signingKey: issuer.signingKey,
    validFrom,
    validUntil,
    now: validFrom,
  })
})

const fails = (code: ErrorCode) => (e: unknown) => isPolisError(e, code)

/** A copy of the bytes with the first occurrence of `text` changed in one byte. */
function flipIn(data: Uint8Array, text: string): Uint8Array {
  const at = Buffer.from(data).indexOf(Buffer.from(text))
  assert.ok(at >= 0, `${text} not found`)
  const copy = new Uint8Array(data)
  copy[at] = (copy[at] ?? 0) ^ 0x01
  return copy
}

/** Re-encodes IssuerSigned after changing the item list of the mDL namespace; item bytes stay as issued. */
function withItems(data: Uint8Array, change: (items: unknown[]) => unknown[]): Uint8Array {
  const issuerSigned = asMap(decodeCbor(data, 'test'), 'test')
  const nameSpaces = asMap(issuerSigned.get('nameSpaces'), 'nameSpaces')
  nameSpaces.set(namespace, change(asArray(nameSpaces.get(namespace), 'items')))
  return encodeCbor(issuerSigned)
}

function itemOf(value: unknown) {
  return asMap(decodeCbor(asTag24(value, 'item').content, 'item'), 'item')
}

describe('verifyMdoc rejects (ISO/IEC 18013-5 section 9.3.1)', () => {
  it('a changed element value: ERR_DIGEST_MISMATCH (9.1.2.5)', () => {
    assert.throws(
      () => verifyMdoc({ data: flipIn(issued, 'Testenko'), anchors: issuer.anchors, now }),
      fails('ERR_DIGEST_MISMATCH'),
    )
  })

  it('a changed MSO: ERR_SIGNATURE_INVALID (9.1.2.4)', () => {
    assert.throws(
      () => verifyMdoc({ data: flipIn(issued, '2027-05-01T00:00:00Z'), anchors: issuer.anchors, now }),
      fails('ERR_SIGNATURE_INVALID'),
    )
  })

  it('an issuer under another root: ERR_UNTRUSTED_ISSUER (9.3.3)', () => {
    assert.throws(() => verifyMdoc({ data: issued, anchors: otherIssuer.anchors, now }), fails('ERR_UNTRUSTED_ISSUER'))
  })

  it('a document past validUntil or before validFrom: ERR_EXPIRED / ERR_NOT_YET_VALID (9.1.2.4)', () => {
    const options = { data: issued, anchors: issuer.anchors }
    assert.throws(() => verifyMdoc({ ...options, now: new Date('2027-05-01T00:00:01Z') }), fails('ERR_EXPIRED'))
    assert.throws(() => verifyMdoc({ ...options, now: new Date('2026-04-30T23:59:59Z') }), fails('ERR_NOT_YET_VALID'))
    assert.equal(verifyMdoc({ ...options, now: validUntil }).docType, 'org.iso.18013.5.1.mDL')
  })

  it('a duplicated digestID in a namespace: ERR_DISCLOSURE_DUPLICATE (9.1.2.5)', () => {
    const data = withItems(issued, (items) => [...items, items[0]])
    assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_DISCLOSURE_DUPLICATE'))
  })

  it('an element whose digestID the MSO lacks: ERR_DISCLOSURE_UNREFERENCED', () => {
    const forged = new Map<string, unknown>([
      ['digestID', 9999],
      ['random', new Uint8Array(32)],
      ['elementIdentifier', 'age_over_21'],
      ['elementValue', true],
    ])
    const data = withItems(issued, (items) => [...items, new CborTag({ tag: 24, value: encodeCbor(forged) })])
    assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_DISCLOSURE_UNREFERENCED'))
  })

  it('an algorithm other than ES256 (here EdDSA, ES384, RS256, none) in the protected header: ERR_UNSUPPORTED_ALGORITHM (9.1.3.6)', () => {
    const issuerSigned = asMap(decodeCbor(issued, 'test'), 'test')
    const issuerAuth = asArray(issuerSigned.get('issuerAuth'), 'issuerAuth')
    for (const protectedHeader of ['a10127', 'a1013822', 'a101390100', 'a0', '']) {
      issuerSigned.set('issuerAuth', [Buffer.from(protectedHeader, 'hex'), ...issuerAuth.slice(1)])
      assert.throws(
        () => verifyMdoc({ data: encodeCbor(issuerSigned), anchors: issuer.anchors, now }),
        fails('ERR_UNSUPPORTED_ALGORITHM'),
      )
    }
  })

  it('more than 1 MiB: ERR_TOO_LARGE, before decoding', () => {
    const data = new Uint8Array(maxMdocBytes + 1)
    assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_TOO_LARGE'))
  })

  it('garbage, truncation, trailing bytes and other structures: ERR_MALFORMED', () => {
    for (const data of [
      new Uint8Array(0),
      Uint8Array.of(0xff),
      issued.subarray(0, issued.length - 1),
      Uint8Array.of(...issued, 0x00),
      encodeCbor(new Map([['docType', 'x']])),
      encodeCbor(new Map([['issuerAuth', [1, 2, 3, 4]]])),
      Uint8Array.of(0xd8, 0x1c, 0x81, 0xd8, 0x1d, 0x00), // tags 28 and 29 (value sharing), which cbor-x turned into a cycle
    ]) {
      assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_MALFORMED'))
    }
  })
})

describe('IssuerSignedItemBytes digests (ISO/IEC 18013-5 section 9.1.2.5)', () => {
  /** An IssuerSigned with one item, given as its exact IssuerSignedItemBytes, whose MSO digest is over `signed`. */
  async function issuerSignedWith(presented: Uint8Array, signed: Uint8Array): Promise<Uint8Array> {
    const mso = new Map<string, unknown>([
      ['version', '1.0'],
      ['digestAlgorithm', 'SHA-256'],
      ['valueDigests', new Map([[namespace, new Map([[0, createHash('sha256').update(signed).digest()]])]])],
      ['deviceKeyInfo', new Map([['deviceKey', coseKeyFromJwk(issuer.deviceKey)]])],
      ['docType', 'org.iso.18013.5.1.mDL'],
      [
        'validityInfo',
        new Map([
          ['signed', toTdate(validFrom)],
          ['validFrom', toTdate(validFrom)],
          ['validUntil', toTdate(validUntil)],
        ]),
      ],
    ])
    const issuerAuth = await signCoseSign1({
      payload: encodeTag24(encodeCbor(mso)),
      unprotectedHeader: new Map([[33, issuer.signingKey.chain[0]]]),
      sign: issuer.signingKey.sign,
    })
    return concatBytes(
      encodeHead(5, 2),
      encodeCbor('nameSpaces'),
      encodeHead(5, 1),
      encodeCbor(namespace),
      encodeHead(4, 1),
      presented,
      encodeCbor('issuerAuth'),
      encodeCbor(issuerAuth),
    )
  }

  const item = encodeCbor(
    new Map<string, unknown>([
      ['digestID', 0],
      ['random', new Uint8Array(16)],
      ['elementIdentifier', 'family_name'],
      ['elementValue', 'Testenko'],
    ]),
  )
  // The same #6.24(bstr), once with the byte string length in a four-byte head instead of one.
  const longHead = concatBytes(Uint8Array.of(0xd8, 0x18, 0x5a, 0, 0, 0, item.length), item)
  const shortHead = encodeTag24(item)

  it('hashes the bytes as received, even with a bstr head longer than needed', async () => {
    const data = await issuerSignedWith(longHead, longHead)
    assert.deepEqual(verifyMdoc({ data, anchors: issuer.anchors, now }).namespaces, {
      [namespace]: { family_name: 'Testenko' },
    })
  })

  it('does not accept a re-encoding of the item: ERR_DIGEST_MISMATCH', async () => {
    for (const data of [await issuerSignedWith(shortHead, longHead), await issuerSignedWith(longHead, shortHead)]) {
      assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_DIGEST_MISMATCH'))
    }
  })
})

describe('selective disclosure and presentation (ISO/IEC 18013-5 sections 8.3.2.1.2.2 and 9.1.3)', () => {
  it('returns only the elements presented, each matching its digest', () => {
    const data = withItems(issued, (items) =>
      items.filter((item) => ['age_over_18', 'portrait'].includes(itemOf(item).get('elementIdentifier') as string)),
    )
    const verified = verifyMdoc({ data, anchors: issuer.anchors, now })
    const all = mdlNamespaces()[namespace] ?? {}
    assert.deepEqual(verified.namespaces, { [namespace]: { age_over_18: true, portrait: all.portrait } })
  })

  it('a DeviceResponse wraps the IssuerSigned; asking for device authentication of IssuerSigned alone fails', () => {
    const issuerSigned = decodeCbor(issued, 'test')
    const document = new Map<string, unknown>([
      ['docType', 'org.iso.18013.5.1.mDL'],
      ['issuerSigned', issuerSigned],
    ])
    const data = encodeCbor(
      new Map<string, unknown>([
        ['version', '1.0'],
        ['documents', [document, document]],
        ['status', 0],
      ]),
    )
    assert.equal(verifyDeviceResponse({ data, anchors: issuer.anchors, now }).length, 2)
    assert.throws(() => verifyMdoc({ data, anchors: issuer.anchors, now }), fails('ERR_MALFORMED'))
    const sessionTranscript = encodeCbor([null, null, null])
    assert.throws(
      () => verifyMdoc({ data: issued, anchors: issuer.anchors, now, sessionTranscript }),
      fails('ERR_KB_MISSING'),
    )
    assert.throws(
      () => verifyDeviceResponse({ data, anchors: issuer.anchors, now, sessionTranscript }),
      fails('ERR_MALFORMED'),
    )
    document.set('docType', 'eu.europa.ec.eudi.pid.1')
    assert.throws(
      () =>
        verifyDeviceResponse({
          data: encodeCbor(
            new Map<string, unknown>([
              ['version', '1.0'],
              ['documents', [document]],
              ['status', 0],
            ]),
          ),
          anchors: issuer.anchors,
          now,
        }),
      fails('ERR_MALFORMED'),
    )
  })
})
