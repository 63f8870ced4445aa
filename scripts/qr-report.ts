/**
 * `npm run qr-report`: how big each document's presentation is, and which QR version it
 * needs, for the in-person QR of the wallet (issue 3 asks the ID card's to stay under
 * version 25). Issues every document type of a seeded citizen in-process, presents it
 * twice (everything disclosed; the few claims an inspector checks), deflates the text
 * and measures the QR in byte mode at error correction L.
 */
import { deflateRawSync } from 'node:zlib'
import { documentTypes, presentSdJwtVc } from '@polis/documents'
import { createTestKey } from '@polis/trust/testing'
import QRCode from 'qrcode'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'

const inspectorClaims = ['given_name', 'family_name', 'birth_date', 'age_over_18', 'portrait', 'document_number']

function qrVersion(bytes: Buffer): number | string {
  try {
    return QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'L' }).version
  } catch {
    return 'too big'
  }
}

const t = await createTestPlatform({ citizens: 300 })
const holder = createTestKey()
const rows: string[][] = []
for (const type of documentTypes) {
  const holderCitizen = t.citizens.find((c) => c.documents.includes(type.code))
  if (!holderCitizen) continue
  const issued = await t.issuer.issue({
    citizenId: holderCitizen.id,
    documentType: type.code,
    format: 'dc+sd-jwt',
    holderKey: holder.publicJwk,
  })
  for (const [label, disclose] of [
    ['all', type.claims.map((c) => c.name)],
    ['inspector', inspectorClaims],
  ] as const) {
    const presentation = await presentSdJwtVc({
      credential: issued.credential,
      disclose: [...disclose],
      holderSign: holder.sign,
      nonce: 'qr-nonce-1234',
      audience: 'polis:in-person',
      now: t.now(),
    })
    const deflated = deflateRawSync(Buffer.from(presentation), { level: 9 })
    rows.push([type.code, label, String(presentation.length), String(deflated.length), String(qrVersion(deflated))])
  }
}
await t.close()
const widths = [26, 10, 14, 14, 10]
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' ')
console.log(line(['document', 'disclosed', 'text bytes', 'deflated', 'QR (L)']))
for (const row of rows) console.log(line(row))
