import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { encodeTag24 } from './cbor-bytes.ts'
import { createTestIssuer, mdlNamespaces, pidNamespaces, type TestIssuer } from './create-test-issuer.ts'
import { asArray, asBytes, asMap, asTag24, decodeCbor } from './decode-cbor.ts'
import { FullDate, fullDate } from './full-date.ts'
import { type IssueMdocOptions, issueMdoc } from './issue-mdoc.ts'
import { verifyMdoc } from './verify-mdoc.ts'

const now = new Date('2026-06-01T10:00:00Z')
const validity = { now, validFrom: now, validUntil: new Date('2027-06-01T10:00:00Z') }

/** Deterministic randomBytes (a SHA-256 counter stream), so that a test run is repeatable. */
function seededRandom(seed: string) {
  let counter = 0
  return (length: number) => {
    const out = new Uint8Array(length)
    for (let offset = 0; offset < length; offset += 32) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest()
      out.set(block.subarray(0, Math.min(32, length - offset)), offset)
    }
    return out
  }
}

let issuer: TestIssuer
before(async () => {
  issuer = await createTestIssuer(new Date('2026-01-01T00:00:00Z'))
})

function mdlOptions(): IssueMdocOptions {
  return {
    docType: 'org.iso.18013.5.1.mDL',
    namespaces: mdlNamespaces(),
    deviceKey: issuer.deviceKey,
    signingKey: issuer.signingKey,
    ...validity,
  }
}

describe('issueMdoc -> verifyMdoc round trip (ISO/IEC 18013-5 sections 8.3.2.1.2.2 and 9.3.1)', () => {
  it('an mDL (org.iso.18013.5.1.mDL) comes back with every element, date and binary value intact', async () => {
    const verified = verifyMdoc({ data: await issueMdoc(mdlOptions()), anchors: issuer.anchors, now })
    assert.equal(verified.docType, 'org.iso.18013.5.1.mDL')
    assert.deepEqual(verified.namespaces, mdlNamespaces())
    assert.deepEqual(verified.deviceKey, issuer.deviceKey)
    assert.deepEqual(verified.validity, { signed: now, validFrom: now, validUntil: validity.validUntil })
    assert.match(verified.issuer.subject, /CN=Test Document Signer/)
    assert.deepEqual(verified.issuer.certificate, issuer.signingKey.chain[0])
    assert.equal(verified.deviceAuthenticated, false)
  })

  it('a PID (eu.europa.ec.eudi.pid.1) round-trips and checks the expected docType', async () => {
    const data = await issueMdoc({ ...mdlOptions(), docType: 'eu.europa.ec.eudi.pid.1', namespaces: pidNamespaces() })
    const verified = verifyMdoc({ data, anchors: issuer.anchors, now, expectedDocType: 'eu.europa.ec.eudi.pid.1' })
    assert.deepEqual(verified.namespaces, pidNamespaces())
    assert.throws(
      () => verifyMdoc({ data, anchors: issuer.anchors, now, expectedDocType: 'org.iso.18013.5.1.mDL' }),
      (e) => isPolisError(e, 'ERR_MALFORMED'),
    )
  })

  it('carries the Token Status List reference in the MSO (draft-ietf-oauth-status-list section 6.3)', async () => {
    const status = { uri: 'https://polis.example/status/1', idx: 4242 }
    const verified = verifyMdoc({ data: await issueMdoc({ ...mdlOptions(), status }), anchors: issuer.anchors, now })
    assert.deepEqual(verified.status, status)
    assert.equal(verifyMdoc({ data: await issueMdoc(mdlOptions()), anchors: issuer.anchors, now }).status, undefined)
  })

  it('an x5chain of several certificates is an array of bstr (RFC 9360 section 2)', async () => {
    const signingKey = { ...issuer.signingKey, chain: [...issuer.signingKey.chain, ...issuer.signingKey.chain] }
    const issuerSigned = asMap(decodeCbor(await issueMdoc({ ...mdlOptions(), signingKey }), 'test'), 'test')
    const issuerAuth = asArray(issuerSigned.get('issuerAuth'), 'issuerAuth')
    assert.equal(asArray(asMap(issuerAuth[1], 'unprotected').get(33), 'x5chain').length, 2)
  })
})

describe('issueMdoc encoding (ISO/IEC 18013-5 section 9.1.2)', () => {
  it('writes salted tag-24 items with shuffled digestIDs and full-dates as tag 1004 (9.1.2.5)', async () => {
    const data = await issueMdoc({ ...mdlOptions(), randomBytes: seededRandom('encoding') })
    const issuerSigned = asMap(decodeCbor(data, 'test'), 'test')
    const items = asArray(asMap(issuerSigned.get('nameSpaces'), 'ns').get('org.iso.18013.5.1'), 'items').map((value) =>
      asMap(decodeCbor(asTag24(value, 'item').content, 'item'), 'item'),
    )
    const ids = items.map((item) => item.get('digestID') as number)
    assert.deepEqual(
      [...ids].sort((a, b) => a - b),
      items.map((_, index) => index),
    )
    assert.notDeepEqual(
      ids,
      items.map((_, index) => index),
    )
    for (const item of items) assert.ok(asBytes(item.get('random'), 'random').length >= 16)
    // Each IssuerSignedItemBytes appears verbatim, in preferred serialisation, so its digest is the one in the MSO.
    for (const value of asArray(asMap(issuerSigned.get('nameSpaces'), 'ns').get('org.iso.18013.5.1'), 'items')) {
      const { content, bytes } = asTag24(value, 'item')
      assert.deepEqual(bytes, encodeTag24(content))
      assert.ok(Buffer.from(data).includes(Buffer.from(bytes)))
    }
    const birthDate = items.find((item) => item.get('elementIdentifier') === 'birth_date')?.get('elementValue')
    assert.deepEqual(birthDate, new FullDate('1990-01-02'))
    const portrait = items.find((item) => item.get('elementIdentifier') === 'portrait')?.get('elementValue')
    assert.ok(portrait instanceof Uint8Array)
  })

  it('signs an MSO 1.0 with SHA-256 digests and tdates in whole seconds, alg ES256 protected (9.1.2.4, 9.1.3.6)', async () => {
    const data = await issueMdoc({ ...mdlOptions(), now: new Date('2026-06-01T10:00:00.789Z') })
    const issuerAuth = asArray(asMap(decodeCbor(data, 'test'), 'test').get('issuerAuth'), 'issuerAuth')
    assert.equal(Buffer.from(asBytes(issuerAuth[0], 'protected')).toString('hex'), 'a10126')
    assert.deepEqual(asMap(issuerAuth[1], 'unprotected').get(33), issuer.signingKey.chain[0])
    const msoBytes = asTag24(decodeCbor(asBytes(issuerAuth[2], 'payload'), 'mso'), 'mso').content
    const mso = asMap(decodeCbor(msoBytes, 'mso'), 'mso')
    assert.equal(mso.get('version'), '1.0')
    assert.equal(mso.get('digestAlgorithm'), 'SHA-256')
    // tag 0, text of 20 characters: no fractional seconds.
    assert.ok(Buffer.from(msoBytes).includes(Buffer.from('c074323032362d30362d30315431303a30303a30305a', 'hex')))
  })

  it('refuses options it cannot encode faithfully', async () => {
    const refused = (e: unknown) => isPolisError(e, 'ERR_BAD_REQUEST')
    await assert.rejects(issueMdoc({ ...mdlOptions(), validUntil: now }), refused)
    await assert.rejects(
      issueMdoc({ ...mdlOptions(), deviceKey: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } }),
      refused,
    )
    await assert.rejects(issueMdoc({ ...mdlOptions(), namespaces: { 'org.iso.18013.5.1': {} } }), refused)
    await assert.rejects(issueMdoc({ ...mdlOptions(), namespaces: { ns: { f: () => 1 } } }), refused)
    assert.throws(() => fullDate('1990-02-30'), refused)
    assert.throws(() => fullDate('2 Jan 1990'), refused)
  })
})
