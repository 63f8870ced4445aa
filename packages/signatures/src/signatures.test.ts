import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { toPem } from '@polis/trust'
import fc from 'fast-check'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { readSignedData } from './cms.ts'
import {
  type CertificateStatus,
  embedPdfSignature,
  finishCms,
  finishJades,
  prepareCms,
  prepareJades,
  preparePdf,
  readPdfSignature,
  sha256,
  verifySignature,
} from './index.ts'

import { createTestSigningPki } from './testing.ts'

const signedAt = new Date('2026-06-01T10:00:00Z')
const good: CertificateStatus = async () => ({ known: true })

async function samplePdf(text = 'Lease agreement no. 42'): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const page = document.addPage([595, 842])
  page.drawText(text, { x: 72, y: 760, size: 14, font: await document.embedFont(StandardFonts.Helvetica) })
  return document.save()
}

type Pki = Awaited<ReturnType<typeof createTestSigningPki>>
type Citizen = Awaited<ReturnType<Pki['citizen']>>

async function signPdf(pki: Pki, citizen: Citizen, pdf: Uint8Array, now = signedAt) {
  const prepared = await preparePdf({
    pdf,
    signerName: 'Олена Коваленко',
    reason: 'Підписано в Polis',
    location: 'Testland',
    signingTime: now,
  })
  const signedBytes = prepareCms({ digest: prepared.digest, certificate: citizen.certificate })
  const cms = await finishCms({
    signedBytes,
    signature: await citizen.sign(signedBytes),
    certificates: citizen.chain,
    timestampAuthority: pki.timestampAuthority,
    now,
  })
  return embedPdfSignature(prepared.pdf, cms)
}

async function signCades(pki: Pki, citizen: Citizen, document: Uint8Array, now = signedAt) {
  const signedBytes = prepareCms({ digest: sha256(document), certificate: citizen.certificate, signingTime: now })
  return finishCms({
    signedBytes,
    signature: await citizen.sign(signedBytes),
    certificates: citizen.chain,
    timestampAuthority: pki.timestampAuthority,
    now,
  })
}

async function signJades(pki: Pki, citizen: Citizen, document: Uint8Array, now = signedAt) {
  const prepared = prepareJades({
    documentName: 'договір.txt',
    mediaType: 'text/plain',
    digest: sha256(document),
    certificates: citizen.chain,
    signingTime: now,
  })
  return finishJades({
    protectedHeader: prepared.protectedHeader,
    signature: await citizen.sign(prepared.signedBytes),
    certificate: citizen.certificate,
    timestampAuthority: pki.timestampAuthority,
    now,
  })
}

/** Where a signed PDF keeps its CMS: the /Contents hex string between the byte ranges. */
function pdfPlace(pdf: Uint8Array) {
  const match = [
    ...Buffer.from(pdf)
      .toString('latin1')
      .matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/g),
  ].at(-1)
  assert.ok(match)
  return { contents: [Number(match[2]), Number(match[3])] as const }
}

const work = mkdtempSync(join(tmpdir(), 'polis-signatures-'))
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(work, name)
  writeFileSync(path, bytes)
  return path
}

describe('signatures: PAdES, CAdES and JAdES at level B-T', () => {
  let pki: Pki
  let citizen: Citizen
  const verify = (
    document: Uint8Array,
    signature?: Uint8Array,
    status = good,
    now = new Date('2026-07-01T00:00:00Z'),
  ) => verifySignature({ document, ...(signature ? { signature } : {}), checkChain: pki.checkChain, status, now })

  before(async () => {
    pki = await createTestSigningPki()
    citizen = await pki.citizen()
  })

  it('signs a PDF that verifies, names the signer and the time-stamp, and that pdfsig finds intact', async () => {
    const signed = await signPdf(pki, citizen, await samplePdf())
    const report = await verify(signed)
    assert.equal(report.error, undefined)
    assert.equal(report.valid, true)
    assert.equal(report.format, 'PAdES')
    assert.equal(report.level, 'B-T')
    assert.equal(report.signer?.name, 'Olena Kovalenko')
    assert.equal(report.signer?.identifier, 'TINUA-1234567890')
    assert.equal(report.timestampedAt, signedAt.toISOString())
    assert.equal(report.certificateStatus, 'good')
    // Poppler, another implementation, checks the CMS against the byte range (trust aside).
    const out = execFileSync('pdfsig', [file('signed.pdf', signed)], { encoding: 'utf8' })
    assert.match(out, /Signature Validation: Signature is Valid\./)
    assert.match(out, /Signature Type: ETSI\.CAdES\.detached/)
    assert.match(out, /Total document signed/)
  })

  it('finds a PDF changed after signing, by a byte or by an appended update', async () => {
    const signed = await signPdf(pki, citizen, await samplePdf())
    const changed = new Uint8Array(signed)
    const at = Buffer.from(changed).indexOf('Lease agreement')
    assert.ok(at > 0 || Buffer.from(changed).indexOf('/MediaBox') > 0)
    const target = at > 0 ? at : Buffer.from(changed).indexOf('/MediaBox') + 1
    changed[target] = (changed[target] as number) ^ 0x01
    const byByte = await verify(changed)
    assert.equal(byByte.valid, false)
    assert.equal(byByte.error?.code, 'ERR_DOCUMENT_CHANGED')
    // Still named for what it is: a time-stamped signature, whose document changed.
    assert.equal(byByte.level, 'B-T')
    const appended = new Uint8Array(Buffer.concat([signed, Buffer.from('\n% appended\n')]))
    const byAppend = await verify(appended)
    assert.equal(byAppend.valid, false)
    assert.equal(byAppend.error?.code, 'ERR_DOCUMENT_CHANGED')
  })

  it('refuses to sign a PDF that is signed already (rewriting it would break that signature)', async () => {
    const signed = await signPdf(pki, citizen, await samplePdf())
    await assert.rejects(
      preparePdf({ pdf: signed, signerName: 'x', reason: 'x', location: 'x', signingTime: signedAt }),
      (e) => isPolisError(e, 'ERR_UNSUPPORTED_FORMAT'),
    )
  })

  it('makes a detached CAdES signature that OpenSSL verifies, and its time-stamp token too', async () => {
    const document = new TextEncoder().encode('Заява про реєстрацію місця проживання\n')
    const cms = await signCades(pki, citizen, document)
    const report = await verify(document, cms)
    assert.equal(report.valid, true, report.error?.message)
    assert.equal(report.format, 'CAdES')
    assert.equal(report.claimedSigningTime, signedAt.toISOString())
    const anchor = file('anchor.pem', toPem(pki.anchor))
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        file('doc.p7s', cms),
        '-content',
        file('doc.txt', document),
      ].concat(['-CAfile', anchor, '-purpose', 'any', '-out', '/dev/null']),
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    assert.equal(out, '')
    // The time-stamp token over the signature value, checked by OpenSSL's own TSP code.
    const { signerInfo } = readSignedData(cms)
    const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')?.values[0]
    assert.ok(token)
    const ts = execFileSync(
      'openssl',
      ['ts', '-verify', '-token_in', '-in', file('token.der', new Uint8Array(token.toBER(false)))]
        .concat(['-data', file('signature.der', new Uint8Array(signerInfo.signature.valueBlock.valueHexView))])
        .concat(['-CAfile', anchor]),
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    assert.match(ts, /Verification: OK/)
    const changed = await verify(new TextEncoder().encode('Заява про реєстрацію місця проживання!\n'), cms)
    assert.equal(changed.error?.code, 'ERR_DOCUMENT_CHANGED')
    assert.equal(changed.level, 'B-T')
  })

  it('makes a detached JAdES signature naming the document by hash, time-stamped in etsiU', async () => {
    const document = new TextEncoder().encode('{"contract":42}')
    const jades = new TextEncoder().encode(await signJades(pki, citizen, document))
    const report = await verify(document, jades)
    assert.equal(report.valid, true, report.error?.message)
    assert.equal(report.format, 'JAdES')
    assert.equal(report.level, 'B-T')
    assert.equal(report.documentName, 'договір.txt')
    const json = JSON.parse(new TextDecoder().decode(jades))
    assert.equal(json.payload, undefined)
    const header = JSON.parse(Buffer.from(json.protected, 'base64url').toString('utf8'))
    assert.deepEqual(header.crit, ['sigT', 'sigD'])
    assert.equal(header.sigD.hashV[0], Buffer.from(sha256(document)).toString('base64url'))
    const changed = await verify(new TextEncoder().encode('{"contract":43}'), jades)
    assert.deepEqual([changed.error?.code, changed.level], ['ERR_DOCUMENT_CHANGED', 'B-T'])
    // A header altered after signing: the signature no longer verifies.
    header.sigT = '2020-01-01T00:00:00Z'
    const forged = { ...json, protected: Buffer.from(JSON.stringify(header)).toString('base64url') }
    const report2 = await verify(document, new TextEncoder().encode(JSON.stringify(forged)))
    assert.equal(report2.error?.code, 'ERR_SIGNER_SIGNATURE_INVALID')
  })

  it('keeps a signature made before its certificate was revoked, and refuses one made after', async () => {
    const signed = await signPdf(pki, citizen, await samplePdf())
    const later = await verify(signed, undefined, async () => ({
      known: true,
      revokedAt: new Date('2026-06-02T00:00:00Z'),
    }))
    assert.equal(later.valid, true)
    assert.equal(later.certificateStatus, 'revoked-later')
    const before = await verify(signed, undefined, async () => ({
      known: true,
      revokedAt: new Date('2026-06-01T09:00:00Z'),
    }))
    assert.equal(before.valid, false)
    assert.equal(before.error?.code, 'ERR_SIGNER_CERTIFICATE_REVOKED')
    const unknown = await verify(signed, undefined, async () => ({ known: false }))
    assert.equal(unknown.error?.code, 'ERR_STATUS_UNAVAILABLE')
  })

  it('refuses a signature made outside the certificate’s validity, or under another country’s root', async () => {
    const short = await pki.citizen({}, { from: new Date('2026-01-01T00:00:00Z'), days: 30 })
    const expired = await verify(await signPdf(pki, short, await samplePdf()))
    assert.equal(expired.error?.code, 'ERR_SIGNER_CERTIFICATE_EXPIRED')
    const stranger = await createTestSigningPki()
    const foreign = await stranger.citizen()
    const untrusted = await verify(await signPdf(stranger, foreign, await samplePdf()))
    assert.equal(untrusted.error?.code, 'ERR_SIGNER_UNTRUSTED')
  })

  it('refuses to assemble a signature the certificate’s key did not make', async () => {
    const other = await pki.citizen()
    const signedBytes = prepareCms({ digest: sha256(new Uint8Array([1])), certificate: citizen.certificate })
    await assert.rejects(
      finishCms({
        signedBytes,
        signature: await other.sign(signedBytes),
        certificates: citizen.chain,
        timestampAuthority: pki.timestampAuthority,
        now: signedAt,
      }),
      (e) => isPolisError(e, 'ERR_SIGNER_SIGNATURE_INVALID'),
    )
  })

  it('answers no signature for a PDF without one and a file alone', async () => {
    await assert.rejects(verify(await samplePdf()), (e) => isPolisError(e, 'ERR_NO_SIGNATURE'))
    await assert.rejects(verify(new TextEncoder().encode('hello')), (e) => isPolisError(e, 'ERR_NO_SIGNATURE'))
  })

  it('never fails without a stable code on damaged signatures, PDFs and JSON (fuzzed)', async () => {
    const document = new TextEncoder().encode('fuzz')
    const cms = await signCades(pki, citizen, document)
    const jades = new TextEncoder().encode(await signJades(pki, citizen, document))
    const pdf = await signPdf(pki, citizen, await samplePdf())
    const { cms: pdfCms } = readPdfSignature(pdf)
    const damage = (bytes: Uint8Array) =>
      fc.array(fc.record({ at: fc.nat(bytes.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
        minLength: 1,
        maxLength: 4,
      })
    const outcome = async (run: () => Promise<{ valid: boolean }>) => {
      try {
        const report = await run()
        return report.valid
      } catch (error) {
        assert.ok(isPolisError(error), `not a Polis error: ${error}`)
        return false
      }
    }
    const { contents } = pdfPlace(pdf)
    for (const [name, bytes, run] of [
      ['CAdES', cms, (b: Uint8Array) => verify(document, b)],
      ['JAdES', jades, (b: Uint8Array) => verify(document, b)],
      ['PAdES', pdf, (b: Uint8Array) => verify(b)],
      ['PAdES CMS', pdfCms, (b: Uint8Array) => verify(document, b)],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(damage(bytes), async (changes) => {
          const copy = new Uint8Array(bytes)
          for (const { at, value } of changes) copy[at] = value
          const valid = await outcome(() => run(copy))
          // A PDF still verifies only if every change fell inside /Contents (the signature's own place).
          if (valid && name === 'PAdES') {
            for (const { at, value } of changes) {
              assert.ok(value === bytes[at] || (at > contents[0] && at < contents[1]), `byte ${at} changed`)
            }
          }
          if (name === 'PAdES CMS') assert.equal(valid, false)
        }),
        { numRuns: fuzzRuns(60) },
      )
    }
  })
})
