import fontkit from '@pdf-lib/fontkit'
import { findDocumentType } from '@polis/documents'
import { PolisError } from '@polis/kernel'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { Business } from '../business/businesses.ts'
import type { Platform } from '../platform/create-platform.ts'
import { fontFiles, wrap } from '../services/lay-out-certificate.ts'
import { sealAsPlatform } from '../services/seal-certificate.ts'
import type { VerifiedAnswer } from './verifier-requests.ts'

/** The machine-readable copy embedded in the package, the same facts as its pages. */
export interface SharingManifest {
  type: 'polis-sharing-package'
  version: 1
  platform: { url: string; country: string }
  business: { legal_name: string; register_number: string; client_id: string | null }
  request: { id: string; purpose: { id: string; description: string }; created_at: string; answered_at: string }
  credentials: VerifiedAnswer['credentials']
  transaction_data: unknown[]
  verified_at: string
  sealed_at: string
}

/** The name of the embedded manifest, a PDF attachment (ISO 32000 embedded file). */
export const manifestFileName = 'sharing-manifest.json'

const a4 = [595.28, 841.89] as const
const margin = 50
const width = a4[0] - 2 * margin
const grey = rgb(0.35, 0.35, 0.35)

/**
 * The paper-world bridge of issue 7: for a request this business's wallet answer
 * verified, a PDF listing the claims per document, the business, purpose, times and the
 * evidence, with the same as a JSON manifest attached, sealed by the platform (PAdES
 * B-T, as certificates are) so anyone can check it at /signatures/verify. Only while
 * the platform still keeps the claims: ERR_CLAIMS_ERASED after the retention period,
 * ERR_NOT_SHARED for a request that did not end verified.
 */
export async function sealSharingPackage(
  platform: Platform,
  options: { business: Business; id: string },
): Promise<{ fileName: string; pdf: Uint8Array }> {
  const row = await platform.store.db
    .selectFrom('verifier_requests')
    .select(['id', 'business_id', 'purpose', 'created_at', 'answered_at', 'outcome', 'result'])
    .where('id', '=', options.id)
    .executeTakeFirst()
  if (!row || row.business_id !== options.business.id) {
    throw new PolisError('ERR_NOT_FOUND', { detail: 'no such request' })
  }
  if (row.outcome !== 'verified' || !row.answered_at) throw new PolisError('ERR_NOT_SHARED')
  if (!row.result) throw new PolisError('ERR_CLAIMS_ERASED')
  const answer = JSON.parse(row.result) as VerifiedAnswer
  const { business } = options
  const purpose = business.purposes.find((p) => p.id === row.purpose)
  const country = platform.config.POLIS_COUNTRY_NAME
  const now = platform.now()
  const manifest: SharingManifest = {
    type: 'polis-sharing-package',
    version: 1,
    platform: { url: platform.publicUrl, country },
    business: {
      legal_name: business.legalName,
      register_number: business.registerNumber,
      client_id: business.clientId ?? null,
    },
    request: {
      id: row.id,
      purpose: { id: row.purpose, description: purpose?.description ?? row.purpose },
      created_at: row.created_at,
      answered_at: row.answered_at,
    },
    credentials: answer.credentials,
    transaction_data: answer.transaction_data,
    verified_at: answer.verified_at,
    sealed_at: now.toISOString(),
  }
  const pdf = await layOutPackage(manifest, { verifyUrl: `${platform.publicUrl}/signatures/verify` })
  const sealed = await sealAsPlatform(platform, {
    pdf,
    reason: `Documents shared with ${business.legalName} (${business.registerNumber})`,
    now,
  })
  return { fileName: `shared-documents-${row.id}.pdf`, pdf: sealed }
}

/** A claim's words: its catalogue label and value; images and nested values said briefly. */
function claimLine(document: string | undefined, name: string, value: unknown): string {
  const label = document ? findDocumentType(document)?.claims.find((c) => c.name === name)?.label.en : undefined
  const shown =
    name === 'portrait' || name === 'signature_usual_mark'
      ? '(image)'
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value)
  return `${label ?? name}: ${shown}`
}

/** The document type code behind a `vct` of this instance or an mdoc docType. */
function documentOf(type: string, publicUrl: string): string | undefined {
  const prefix = `${publicUrl}/vct/`
  return type.startsWith(prefix) ? type.slice(prefix.length) : undefined
}

async function layOutPackage(manifest: SharingManifest, options: { verifyUrl: string }): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false })
  document.registerFontkit(fontkit)
  const files = fontFiles()
  const regular = await document.embedFont(files.regular, { subset: true })
  const bold = await document.embedFont(files.bold, { subset: true })
  const sealedAt = new Date(manifest.sealed_at)
  document.setTitle(`Documents shared with ${manifest.business.legal_name}`)
  document.setProducer('Polis')
  document.setCreationDate(sealedAt)
  document.setModificationDate(sealedAt)
  await document.attach(Buffer.from(JSON.stringify(manifest, null, 2)), manifestFileName, {
    mimeType: 'application/json',
    description: 'The shared claims, business, purpose and evidence, machine-readable',
    creationDate: sealedAt,
    modificationDate: sealedAt,
  })
  let page: PDFPage = document.addPage([...a4])
  let y = a4[1] - margin
  const write = (text: string, o: { size?: number; font?: PDFFont; colour?: typeof grey } = {}) => {
    const size = o.size ?? 10
    const font = o.font ?? regular
    for (const line of wrap(text, font, size, width)) {
      if (y - size * 1.4 < margin) {
        page = document.addPage([...a4])
        y = a4[1] - margin
      }
      page.drawText(line, { x: margin, y: y - size, size, font, color: o.colour ?? rgb(0, 0, 0) })
      y -= size * 1.4
    }
  }
  write(manifest.platform.country, { colour: grey })
  y -= 6
  write('Documents shared with a business', { size: 17, font: bold })
  write('Документи, передані бізнесу / Ettevõttele jagatud dokumendid', { size: 10, colour: grey })
  y -= 10
  const { business, request } = manifest
  write(`Business: ${business.legal_name}, register number ${business.register_number}`)
  if (business.client_id) write(`Client identifier: ${business.client_id}`, { size: 8, colour: grey })
  write(`Purpose: ${request.purpose.description} (${request.purpose.id})`)
  write(`Request ${request.id}: asked ${request.created_at}, answered ${request.answered_at}`)
  write(`Verified by ${manifest.platform.url} at ${manifest.verified_at}`)
  for (const credential of manifest.credentials) {
    const evidence = credential.evidence
    const type = typeof evidence.type === 'string' ? evidence.type : credential.format
    const code = documentOf(type, manifest.platform.url)
    y -= 12
    write(code ? (findDocumentType(code)?.name.en ?? code) : type, { size: 12, font: bold })
    for (const [name, value] of Object.entries(credential.claims)) write(claimLine(code, name, value))
    y -= 4
    write('Evidence', { size: 9, font: bold, colour: grey })
    for (const [name, value] of Object.entries(evidence)) {
      write(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`, { size: 8, colour: grey })
    }
  }
  if (manifest.transaction_data.length > 0) {
    y -= 12
    write('Confirmed by the citizen', { size: 12, font: bold })
    for (const entry of manifest.transaction_data) write(JSON.stringify(entry), { size: 9 })
  }
  y -= 16
  write(`The same, machine-readable, is attached as ${manifestFileName}.`, { size: 9, colour: grey })
  write(`Sealed electronically by the platform on ${manifest.sealed_at}; verify at ${options.verifyUrl}`, {
    size: 9,
    colour: grey,
  })
  return document.save({ useObjectStreams: false })
}
