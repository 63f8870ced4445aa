import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  CoseKey,
  DateOnly,
  DeviceKey,
  DeviceResponse,
  Holder,
  Issuer,
  IssuerSigned,
  SignatureAlgorithm,
  type VerificationAssessment,
  Verifier,
} from '@owf/mdoc'
import { isPolisError, toBase64url } from '@polis/kernel'
import { trustAnchors } from '@polis/trust'
import { concatBytes, encodeHead, encodeTag24 } from '../mdoc/cbor-bytes.ts'
import { CborTag } from '../mdoc/cbor-tag.ts'
import { mdlNamespaces } from '../mdoc/create-test-issuer.ts'
import { encodeCbor } from '../mdoc/encode-cbor.ts'
import { issueMdoc, type VerifyMdocOptions, verifyMdoc } from '../mdoc/index.ts'
import { signCoseSign1 } from '../mdoc/sign-cose-sign1.ts'
import { createInteropKey, createInteropPki, type InteropKey } from './create-interop-pki.ts'
import { createMdocContext } from './create-mdoc-context.ts'
import { toComparable } from './to-comparable.ts'

// Interoperability of Polis's mdoc (ISO/IEC 18013-5) with the OpenWallet Foundation's
// @owf/mdoc 0.6 (mdoc-ts), whose crypto callbacks are written on node:crypto alone.
// @owf/mdoc is imported first, so it has registered its cbor-x extensions for tags 0, 24
// and 1004 before Polis issues or verifies anything: Polis reads CBOR with its own reader
// and writes tags with cbor-x's plain Tag, so both run in this one process.
const now = new Date('2026-06-01T10:00:00Z')
const validFrom = new Date('2026-05-01T00:00:00Z')
const validUntil = new Date('2027-05-01T00:00:00Z')
const docType = 'org.iso.18013.5.1.mDL'
const namespace = 'org.iso.18013.5.1'
const status = { uri: 'https://polis.example/status/mdl/1', idx: 12 }
const pki = await createInteropPki()
const stranger = await createInteropPki()
const device = createInteropKey()
const elements = mdlNamespaces()[namespace] ?? assert.fail()

/** SessionTranscript for OpenID4VP 1.0 (appendix B.2.6.1): [null, null, ["OpenID4VPHandover", sha256(info)]]. */
function sessionTranscriptFor(nonce: string): Uint8Array {
  const info = encodeCbor(['https://verifier.example', nonce, null, 'https://verifier.example/response'])
  return encodeCbor([null, null, ['OpenID4VPHandover', new Uint8Array(createHash('sha256').update(info).digest())]])
}

/**
 * A DeviceResponse (ISO/IEC 18013-5 section 8.3.2.1.2.2) around Polis's IssuerSigned, as
 * a wallet would send it: the IssuerSigned bytes spliced in unchanged, and a deviceSignature
 * (section 9.1.3.6) with detached payload DeviceAuthenticationBytes over the transcript,
 * built as verify-device-signature.ts checks it.
 */
async function deviceResponse(options: { issuerSigned: Uint8Array; transcript: Uint8Array; key: InteropKey }) {
  const deviceNameSpaces = encodeCbor(new Map())
  const deviceAuthentication = concatBytes(
    encodeHead(4, 4),
    encodeCbor('DeviceAuthentication'),
    options.transcript,
    encodeCbor(docType),
    encodeTag24(deviceNameSpaces),
  )
  const deviceSignature = await signCoseSign1({
    payload: encodeTag24(deviceAuthentication),
    unprotectedHeader: new Map(),
    sign: options.key.sign,
  })
  deviceSignature[2] = null
  const deviceSigned = new Map<string, unknown>([
    ['nameSpaces', new CborTag({ tag: 24, value: deviceNameSpaces })],
    ['deviceAuth', new Map([['deviceSignature', deviceSignature]])],
  ])
  const document = [encodeCbor('docType'), encodeCbor(docType), encodeCbor('issuerSigned'), options.issuerSigned]
  return concatBytes(
    encodeHead(5, 3),
    encodeCbor('version'),
    encodeCbor('1.0'),
    encodeCbor('documents'),
    encodeHead(4, 1),
    encodeHead(5, 3),
    ...document,
    encodeCbor('deviceSigned'),
    encodeCbor(deviceSigned),
    encodeCbor('status'),
    encodeCbor(0),
  )
}

const issued = await issueMdoc({
  docType,
  namespaces: mdlNamespaces(),
  deviceKey: device.publicJwk,
  signingKey: pki.signingKey,
  validFrom,
  validUntil,
  now: validFrom,
  status,
})
const transcript = sessionTranscriptFor('nonce-1')
const presented = await deviceResponse({ issuerSigned: issued, transcript, key: device })
const presentedWithOtherKey = await deviceResponse({ issuerSigned: issued, transcript, key: createInteropKey() })

const ctx = createMdocContext()

/** Polis's verifyMdoc with the result in comparable form, or the PolisError code. */
function verifyWithPolis(
  options: Omit<VerifyMdocOptions, 'anchors'> & { anchor: Uint8Array },
): { ok: true; [key: string]: unknown } | { ok: false; code: string } {
  const { anchor, ...rest } = options
  try {
    const verified = verifyMdoc({ ...rest, anchors: trustAnchors([anchor]) })
    return {
      ok: true,
      docType: verified.docType,
      namespaces: toComparable(verified.namespaces),
      deviceKey: verified.deviceKey,
      deviceAuthenticated: verified.deviceAuthenticated,
      status: verified.status,
    }
  } catch (error) {
    if (isPolisError(error)) return { ok: false, code: error.code }
    throw error
  }
}

/** Records every check @owf/mdoc reports instead of stopping at the first failure. */
function recorder() {
  const checks: VerificationAssessment[] = []
  return { checks, record: (check: VerificationAssessment) => void checks.push(check) }
}

/** A copy of the bytes with the first occurrence of `text` changed in one bit. */
function flipIn(data: Uint8Array, text: string): Uint8Array {
  const at = Buffer.from(data).indexOf(Buffer.from(text))
  assert.ok(at >= 0, `${text} not found`)
  const copy = new Uint8Array(data)
  copy[at] = (copy[at] ?? 0) ^ 0x01
  return copy
}

describe('Polis-issued mDL verified by @owf/mdoc (ISO/IEC 18013-5 section 9.3.1)', () => {
  it('accepts the IssuerSigned as OpenID4VCI carries it: x5chain to our anchor, issuerAuth signature, every digest', async () => {
    const { checks, record } = recorder()
    await Holder.verifyIssuerSigned(
      { issuerSigned: toBase64url(issued), trustedCertificates: [pki.anchor], now, verificationCallback: record },
      ctx,
    )
    assert.deepEqual(
      checks.filter((check) => check.status !== 'PASSED'),
      [],
    )
    const passed = checks.map((check) => check.check)
    assert.ok(passed.includes('Issuer certificate must be valid'))
    assert.ok(passed.includes('Issuer auth signature is invalid'), 'the library names its signature check this way')
    const digests = passed.filter((check) => check.startsWith(`The calculated digest for ${namespace}/`))
    assert.equal(digests.length, Object.keys(elements).length)
  })

  it('reads the element values, docType, validity, device key and MSO status that Polis issued and reads', () => {
    const mso = IssuerSigned.decode(issued).issuerAuth.mobileSecurityObject
    assert.deepEqual(toComparable(IssuerSigned.decode(issued).getPrettyClaims(namespace)), toComparable(elements))
    assert.equal(mso.docType, docType)
    assert.equal(mso.digestAlgorithm, 'SHA-256')
    assert.deepEqual(
      [mso.validityInfo.signed, mso.validityInfo.validFrom, mso.validityInfo.validUntil],
      [validFrom, validFrom, validUntil],
    )
    const { kty, crv, x, y } = mso.deviceKeyInfo.deviceKey.jwk
    assert.deepEqual({ kty, crv, x, y }, { kty: 'EC', crv: 'P-256', x: device.publicJwk.x, y: device.publicJwk.y })
    // The library keeps MSO members it does not model, such as `status` (draft-ietf-oauth-status-list section 6.3).
    assert.deepEqual(toComparable(new Map<unknown, unknown>(mso.decodedStructure.toMap()).get('status')), {
      status_list: status,
    })
    assert.deepEqual(verifyWithPolis({ data: issued, anchor: pki.anchor, now }), {
      ok: true,
      docType,
      namespaces: { [namespace]: toComparable(elements) },
      deviceKey: { kty, crv, x, y },
      deviceAuthenticated: false,
      status,
    })
  })

  it('rejects a changed element value (digest, 9.1.2.5), a changed MSO (signature, 9.1.2.4) and a foreign root (9.3.3)', async () => {
    const verify = (issuerSigned: Uint8Array, trusted = pki.anchor) =>
      Holder.verifyIssuerSigned({ issuerSigned, trustedCertificates: [trusted], now }, ctx)
    await assert.rejects(verify(flipIn(issued, 'Testenko')), /calculated digest for org\.iso\.18013\.5\.1\/family_name/)
    await assert.rejects(verify(flipIn(issued, '2027-05-01T00:00:00Z')), /Issuer auth signature is invalid/)
    await assert.rejects(verify(issued, stranger.anchor), /does not end at a trusted root/)
  })

  it('Polis issues and verifies its own mDL in a process that has loaded @owf/mdoc (and its cbor-x tags)', () => {
    // Issued above, after @owf/mdoc registered its extensions for tags 0, 24 and 1004.
    const verified = verifyMdoc({ data: issued, anchors: pki.anchors, now })
    assert.equal(verified.docType, docType)
    assert.deepEqual(verified.validity, { signed: validFrom, validFrom, validUntil })
    assert.deepEqual(toComparable(verified.namespaces[namespace]), toComparable(elements))
    // Tags written with cbor-x's plain Tag, not with @owf/mdoc's Date and DataItem extensions.
    assert.equal(
      Buffer.from(encodeCbor(new Date('2026-06-01T10:00:00.789Z')))
        .toString('hex')
        .slice(0, 4),
      'c074',
    )
    assert.deepEqual(
      encodeCbor(new CborTag({ tag: 24, value: Uint8Array.of(0xf6) })),
      Uint8Array.of(0xd8, 0x18, 0x41, 0xf6),
    )
  })
})

describe('Polis-issued mDL in a DeviceResponse verified by @owf/mdoc (ISO/IEC 18013-5 sections 8.3.2.1.2.2 and 9.1.3)', () => {
  const verify = (
    deviceResponse: Uint8Array,
    sessionTranscript: Uint8Array,
    onCheck?: (c: VerificationAssessment) => void,
  ) =>
    Verifier.verifyDeviceResponse(
      { deviceResponse, sessionTranscript, trustedCertificates: [pki.anchor], now, ...(onCheck ? { onCheck } : {}) },
      ctx,
    )

  it('accepts the issuer data and a deviceSignature over DeviceAuthentication by the MSO device key; Polis agrees', async () => {
    const { checks, record } = recorder()
    await verify(presented, transcript, record)
    assert.deepEqual(
      checks.filter((check) => check.status !== 'PASSED'),
      [],
    )
    assert.ok(
      checks.some((check) => check.category === 'DEVICE_AUTH' && check.check === 'Device signature must be valid'),
    )
    const [document] = DeviceResponse.decode(presented).documents ?? assert.fail()
    assert.deepEqual(toComparable(document?.issuerSigned.getPrettyClaims(namespace)), toComparable(elements))
    const ours = verifyWithPolis({ data: presented, anchor: pki.anchor, now, sessionTranscript: transcript })
    assert.equal(ours.ok && ours.deviceAuthenticated, true)
  })

  it('rejects the deviceSignature for another session, or by a key other than the MSO device key (9.1.3.6)', async () => {
    await assert.rejects(verify(presented, sessionTranscriptFor('nonce-2')), /Device signature must be valid/)
    await assert.rejects(verify(presentedWithOtherKey, transcript), /Device signature must be valid/)
  })
})

describe('@owf/mdoc-issued mDL verified by Polis (ISO/IEC 18013-5 section 9.3.1)', () => {
  it('accepts an IssuerSigned the library signs with our issuer certificate, with the same element values', async () => {
    const theirs = await new Issuer(docType, ctx)
      .addIssuerNamespace(namespace, {
        family_name: 'Testenko',
        given_name: 'Olena',
        birth_date: new DateOnly('1990-01-02'),
        document_number: 'ZZ1234567',
        portrait: Uint8Array.of(0xff, 0xd8, 0xff, 0xd9),
        driving_privileges: [{ vehicle_category_code: 'B', issue_date: new DateOnly('2008-03-04') }],
        age_over_18: true,
      })
      .sign({
        signingKey: CoseKey.fromJwk({ ...pki.issuer.privateJwk }),
        algorithm: SignatureAlgorithm.ES256,
        digestAlgorithm: 'SHA-256',
        validityInfo: { signed: validFrom, validFrom, validUntil },
        deviceKeyInfo: { deviceKey: DeviceKey.fromJwk({ ...device.publicJwk }) },
        certificates: [pki.certificate],
      })
    const data = theirs.encode()
    assert.deepEqual(verifyWithPolis({ data, anchor: pki.anchor, now, expectedDocType: docType }), {
      ok: true,
      docType,
      namespaces: {
        [namespace]: {
          family_name: 'Testenko',
          given_name: 'Olena',
          birth_date: 'full-date 1990-01-02',
          document_number: 'ZZ1234567',
          portrait: 'bytes ffd8ffd9',
          driving_privileges: [{ vehicle_category_code: 'B', issue_date: 'full-date 2008-03-04' }],
          age_over_18: true,
        },
      },
      deviceKey: { kty: 'EC', crv: 'P-256', x: device.publicJwk.x, y: device.publicJwk.y },
      deviceAuthenticated: false,
      status: undefined,
    })
    assert.deepEqual(verifyWithPolis({ data: flipIn(data, 'Testenko'), anchor: pki.anchor, now }), {
      ok: false,
      code: 'ERR_DIGEST_MISMATCH',
    })
  })
})
