import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { trustAnchors } from '@polis/trust'
import { FullDate } from './full-date.ts'
import { verifyDeviceResponse, verifyMdoc } from './verify-mdoc.ts'

const vectors = new URL('../../../../../shared/vectors/mdoc/', import.meta.url)
const readText = (path: string) => readFileSync(new URL(path, vectors), 'utf8')
const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex.trim(), 'hex'))

describe('ISO/IEC 18013-5 Annex D (D.4.1.2 mdoc response)', () => {
  const annexD: Record<string, string> = JSON.parse(readText('iso18013-5-annex-d/annex-d-test-vectors.json'))
  const vector = (name: string) => hexBytes(annexD[`ISO_18013_5_ANNEX_D_${name}`] ?? '')
  // The README: DS_CERT is valid 2020-10-01 to 2021-10-01 and no IACA is included, so it is the anchor.
  const options = {
    data: vector('DEVICE_RESPONSE'),
    anchors: trustAnchors([vector('DS_CERT')]),
    now: new Date('2021-09-25T00:00:00Z'),
  }

  it('verifies the issuer data of the DeviceResponse (section 9.3.1)', () => {
    const [document, ...rest] = verifyDeviceResponse(options)
    assert.equal(rest.length, 0)
    assert.ok(document)
    assert.equal(document.docType, 'org.iso.18013.5.1.mDL')
    assert.match(document.issuer.subject, /CN=utopia ds/)
    assert.equal(document.deviceAuthenticated, false)
    assert.deepEqual(document.validity, {
      signed: new Date('2020-10-01T13:30:02Z'),
      validFrom: new Date('2020-10-01T13:30:02Z'),
      validUntil: new Date('2021-10-01T13:30:02Z'),
    })
    const mdl = document.namespaces['org.iso.18013.5.1'] ?? {}
    assert.equal(mdl.family_name, 'Doe')
    assert.equal(mdl.document_number, '123456789')
    assert.deepEqual(mdl.issue_date, new FullDate('2019-10-20'))
    assert.deepEqual(mdl.expiry_date, new FullDate('2024-10-20'))
    assert.deepEqual(mdl.portrait, vector('DEVICE_RESPONSE_PORTRAIT_DATA'))
    assert.ok(Array.isArray(mdl.driving_privileges))
    // Section 9.1.2.4: deviceKeyInfo carries the static device key of the mdoc.
    assert.deepEqual(document.deviceKey, {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(vector('STATIC_DEVICE_KEY_X')).toString('base64url'),
      y: Buffer.from(vector('STATIC_DEVICE_KEY_Y')).toString('base64url'),
    })
  })

  it('verifyMdoc accepts the one-document DeviceResponse and checks the docType', () => {
    assert.equal(verifyMdoc({ ...options, expectedDocType: 'org.iso.18013.5.1.mDL' }).docType, 'org.iso.18013.5.1.mDL')
    assert.throws(
      () => verifyMdoc({ ...options, expectedDocType: 'eu.europa.ec.eudi.pid.1' }),
      (e) => isPolisError(e, 'ERR_MALFORMED'),
    )
  })

  it('refuses deviceMac device authentication (section 9.1.3.5), which needs the reader key agreement', () => {
    assert.throws(
      () => verifyDeviceResponse({ ...options, sessionTranscript: vector('SESSION_TRANSCRIPT_BYTES') }),
      (e) => isPolisError(e, 'ERR_UNSUPPORTED_ALGORITHM'),
    )
  })

  it('rejects it outside the DS certificate validity (section 9.3.3), which ends before the MSO validUntil', () => {
    for (const now of ['2021-10-01T12:00:00Z', '2020-09-01T00:00:00Z']) {
      assert.throws(
        () => verifyMdoc({ ...options, now: new Date(now) }),
        (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
      )
    }
  })
})

interface VerifyJson {
  structure: 'IssuerSigned' | 'DeviceResponse'
  file: string
  now: string
  trustedCertificates: string[]
  sessionTranscriptCborHex?: string
  docType?: string
}

describe('mdoc-ts real-world samples (ISO/IEC 18013-5 sections 9.3.1 and 9.1.3.6)', () => {
  for (const name of ['animo-mdoc-05', 'bdr', 'france', 'google', 'ubique']) {
    const sample: VerifyJson = JSON.parse(readText(`mdoc-ts-examples/${name}/verify.json`))
    const options = {
      data: hexBytes(readText(`mdoc-ts-examples/${name}/${sample.file}`)),
      anchors: trustAnchors(sample.trustedCertificates.map((file) => readText(`mdoc-ts-examples/${name}/${file}`))),
      now: new Date(`${sample.now}T00:00:00Z`),
    }

    if (sample.structure === 'IssuerSigned') {
      it(`${name}: verifies the IssuerSigned issuer data`, () => {
        const verified = verifyMdoc(options)
        assert.equal(verified.docType, 'org.iso.18013.5.1.mDL')
        assert.ok(Object.keys(verified.namespaces['org.iso.18013.5.1'] ?? {}).length > 0)
        assert.ok(Object.keys(verified.namespaces['org.iso.18013.5.1.DE'] ?? {}).length > 0)
      })
      continue
    }

    if (name === 'ubique') {
      it('ubique: is expired after its MSO validUntil of 2025-02-13 (section 9.1.2.4), its certificate still valid', () => {
        assert.throws(
          () => verifyMdoc({ ...options, now: new Date('2025-02-14T00:00:00Z') }),
          (e) => isPolisError(e, 'ERR_EXPIRED'),
        )
      })
    }

    const sessionTranscript = hexBytes(sample.sessionTranscriptCborHex ?? '')
    it(`${name}: verifies issuer data and the deviceSignature over the SessionTranscript`, () => {
      const [verified] = verifyDeviceResponse({ ...options, sessionTranscript })
      assert.ok(verified)
      assert.equal(verified.docType, sample.docType)
      assert.equal(verified.deviceAuthenticated, true)
      assert.ok(Object.keys(verified.namespaces).length > 0)
    })

    it(`${name}: rejects the deviceSignature for another session (section 9.1.5.1)`, () => {
      const otherSession = new Uint8Array(sessionTranscript)
      otherSession[otherSession.length - 1] = (otherSession.at(-1) ?? 0) ^ 0x01
      assert.throws(
        () => verifyDeviceResponse({ ...options, sessionTranscript: otherSession }),
        (e) => isPolisError(e, 'ERR_KB_SIGNATURE_INVALID'),
      )
    })
  }
})
