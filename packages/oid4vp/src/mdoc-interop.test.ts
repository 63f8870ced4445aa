import assert from 'node:assert/strict'
import { createHash, createPublicKey, randomBytes, verify, X509Certificate } from 'node:crypto'
import { describe, it } from 'node:test'
import { CoseKey, DeviceResponse, type MdocContext, Verifier } from '@owf/mdoc'
import { fullDate, issueMdoc } from '@polis/documents'
import { createTestKey, createTestPki } from '@polis/trust/testing'
import {
  buildSessionTranscript,
  createAccessCertificateCheck,
  createPresentationRequest,
  type PendingPresentationRequest,
} from './index.ts'
import { createTestAccess } from './testing.ts'
import { answerPresentationRequest, matchDcqlQuery, readPresentationRequest } from './wallet.ts'

// Our wallet's mdoc answer checked by the OpenWallet Foundation's @owf/mdoc 0.6 (mdoc-ts),
// given the OpenID4VP 1.0 SessionTranscript: issuer data, device signature over the
// handover, and only the elements asked. The library's crypto callbacks are node:crypto.
const now = new Date('2026-06-01T12:00:00Z')
const pid = 'eu.europa.ec.eudi.pid.1'
const pki = await createTestPki({ issuerName: 'Test Document Signer' })
const device = createTestKey()
const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })

function publicJwk(key: CoseKey) {
  const { kty, crv, x, y } = key.jwk as { kty: string; crv: string; x: string; y: string }
  return { kty, crv, x, y }
}

const unsupported = (): never => {
  throw new Error('not used in this test')
}

const context: MdocContext = {
  crypto: {
    random: (length) => new Uint8Array(randomBytes(length)),
    digest: ({ bytes }) => new Uint8Array(createHash('sha256').update(bytes).digest()),
    calculateEphemeralMacKey: unsupported,
  },
  cose: {
    sign1: {
      sign: unsupported,
      verify: ({ key, sign1 }) =>
        sign1.signatureAlgorithmName === 'ES256' &&
        verify(
          'sha256',
          sign1.toBeSigned,
          { key: createPublicKey({ key: publicJwk(key), format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
          sign1.signature,
        ),
    },
    mac0: { sign: unsupported, verify: unsupported },
  },
  x509: {
    getIssuerNameField: ({ certificate, field }) =>
      new X509Certificate(certificate).issuer
        .split('\n')
        .filter((line) => line.startsWith(`${field}=`))
        .map((line) => line.slice(field.length + 1)),
    getPublicKey: ({ certificate }) =>
      CoseKey.fromJwk(new X509Certificate(certificate).publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
    verifyCertificateChain: ({ trustedCertificates, x5chain }) => {
      const leaf = new X509Certificate(x5chain[0] as Uint8Array)
      const trusted = trustedCertificates.map((der) => new X509Certificate(der))
      if (!trusted.some((root) => leaf.checkIssued(root) && leaf.verify(root.publicKey))) {
        throw new Error('not issued by a trusted certificate')
      }
    },
    getCertificateData: ({ certificate }) => {
      const parsed = new X509Certificate(certificate)
      return {
        issuerName: parsed.issuer,
        subjectName: parsed.subject,
        serialNumber: parsed.serialNumber,
        thumbprint: parsed.fingerprint256.replaceAll(':', '').toLowerCase(),
        notBefore: parsed.validFromDate,
        notAfter: parsed.validToDate,
        pem: parsed.toString(),
      }
    },
  },
}

async function answerWithMdoc(): Promise<{ deviceResponse: Uint8Array; pending: PendingPresentationRequest }> {
  const issuerSigned = await issueMdoc({
    docType: pid,
    namespaces: { [pid]: { family_name: 'Testenko', given_name: 'Olena', birth_date: fullDate('1990-01-02') } },
    deviceKey: device.publicJwk,
    signingKey: pki.signingKey,
    validFrom: new Date('2026-05-01T00:00:00Z'),
    validUntil: new Date('2027-05-01T00:00:00Z'),
    now,
  })
  const { requestObject, pending } = await createPresentationRequest({
    signingKey: access.business.signingKey,
    responseUri: 'https://bank.example/oid4vp/response',
    dcqlQuery: {
      credentials: [
        {
          id: 'pid',
          format: 'mso_mdoc',
          meta: { doctype_value: pid },
          claims: [{ path: [pid, 'family_name'] }, { path: [pid, 'birth_date'] }],
        },
      ],
    },
    now,
  })
  const request = await readPresentationRequest({
    requestObject,
    checkAccessCertificate: createAccessCertificateCheck([access.accessCa]),
    now,
  })
  const match = await matchDcqlQuery(request.payload.dcql_query, [
    { id: 'pid-1', format: 'mso_mdoc', credential: issuerSigned, sign: device.sign },
  ])
  const chosen = { pid: match.pid?.[0] ?? assert.fail('no candidate') }
  const { vpToken } = await answerPresentationRequest({ request, chosen, now })
  return { deviceResponse: Buffer.from(vpToken.pid?.[0] ?? '', 'base64url'), pending }
}

async function transcriptOf(pending: PendingPresentationRequest, nonce = pending.nonce) {
  return buildSessionTranscript({
    clientId: pending.clientId,
    nonce,
    jwkThumbprint: Buffer.from(pending.encryption.thumbprint, 'base64url'),
    responseUri: pending.responseUri,
  })
}

describe('our wallet’s mdoc answer verified by @owf/mdoc (OpenID4VP 1.0 Annex B.2.6.1)', () => {
  it('accepts the DeviceResponse with the OpenID4VP handover, holding only the asked elements', async () => {
    const { deviceResponse, pending } = await answerWithMdoc()
    await Verifier.verifyDeviceResponse(
      { deviceResponse, sessionTranscript: await transcriptOf(pending), trustedCertificates: [pki.anchor], now },
      context,
    )
    const [document] = DeviceResponse.decode(deviceResponse).documents ?? assert.fail()
    assert.deepEqual(Object.keys(document?.issuerSigned.getPrettyClaims(pid) ?? {}).sort(), [
      'birth_date',
      'family_name',
    ])
  })

  it('refuses it for another request’s nonce', async () => {
    const { deviceResponse, pending } = await answerWithMdoc()
    await assert.rejects(
      Verifier.verifyDeviceResponse(
        {
          deviceResponse,
          sessionTranscript: await transcriptOf(pending, 'another-nonce'),
          trustedCertificates: [pki.anchor],
          now,
        },
        context,
      ),
      /Device signature must be valid/,
    )
  })
})
