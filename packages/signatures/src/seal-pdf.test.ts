import assert from 'node:assert/strict'
import { webcrypto } from 'node:crypto'
import { describe, it } from 'node:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { CertificateStatus } from './cades.ts'
import { allowsNonRepudiation, createSealCertificate, signerOf } from './certificates.ts'
import { sealPdf } from './seal-pdf.ts'
import { createTestSigningPki } from './testing.ts'
import { verifySignature } from './verify-signature.ts'

const sealedAt = new Date('2026-06-01T10:00:00Z')
const known: CertificateStatus = async () => ({ known: true })

async function certificatePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const page = document.addPage([595, 842])
  page.drawText('Criminal record certificate', {
    x: 72,
    y: 760,
    size: 14,
    font: await document.embedFont(StandardFonts.Helvetica),
  })
  return document.save()
}

describe('the platform’s electronic seal (ETSI EN 319 412-3) on a PDF (PAdES B-T)', async () => {
  const pki = await createTestSigningPki()
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const certificate = await createSealCertificate({
    publicKey: keys.publicKey,
    signingCa: pki.signingCa,
    country: { code: 'UA', name: 'Testland' },
    name: 'Testland e-services',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    days: 3650,
    crlUrl: 'https://polis.test/signatures/crl',
  })
  const sign = async (data: Uint8Array) =>
    new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data))
  const seal = (pdf: Uint8Array) =>
    sealPdf({
      pdf,
      seal: { certificate, sign },
      caCertificate: pki.anchor,
      timestampAuthority: pki.timestampAuthority,
      name: 'Testland e-services',
      reason: 'Criminal record certificate',
      location: 'Testland',
      now: sealedAt,
    })
  const verify = (document: Uint8Array) =>
    verifySignature({ document, checkChain: pki.checkChain, status: known, now: sealedAt })

  it('names the platform as an organisation and commits to content', () => {
    assert.deepEqual(signerOf(certificate), { name: 'Testland e-services', country: 'UA' })
    assert.equal(allowsNonRepudiation(certificate), true)
  })

  it('is a valid signature of the platform, time-stamped, that a changed byte breaks', async () => {
    const sealed = await seal(await certificatePdf())
    const report = await verify(sealed)
    assert.equal(report.valid, true, report.error?.message)
    assert.deepEqual(
      [report.format, report.level, report.signer?.name, report.timestampedAt],
      ['PAdES', 'B-T', 'Testland e-services', sealedAt.toISOString()],
    )
    const changed = sealed.slice()
    const at = Buffer.from(changed).indexOf('/Producer')
    assert.ok(at > 0)
    changed[at + 3] = (changed[at + 3] as number) ^ 1
    const broken = await verify(changed)
    assert.deepEqual([broken.valid, broken.error?.code], [false, 'ERR_DOCUMENT_CHANGED'])
  })

  it('is not trusted under another signing CA', async () => {
    const other = await createTestSigningPki()
    const report = await verifySignature({
      document: await seal(await certificatePdf()),
      checkChain: other.checkChain,
      status: known,
      now: sealedAt,
    })
    assert.deepEqual([report.valid, report.error?.code], [false, 'ERR_SIGNER_UNTRUSTED'])
  })
})
