/**
 * `npm run qr-report`: how big each document's in-person QR is (issue 3 asks the ID card's
 * to stay under version 25). Issues the in-person copy of every document type to up to
 * 25 seeded citizens in-process, presents each twice (every claim of the copy; only who
 * the holder is: names, age over 18 or else birth date, portrait, document number) and
 * gives the largest, measured as a QR code in alphanumeric mode at error correction L
 * and M. docs/qr-sizes.md records the result.
 */
import { documentTypes, inPersonClaims } from '@polis/documents'
import { presentQr, readQrCredential } from '@polis/documents/qr'
import { createTestKey } from '@polis/trust/testing'
import QRCode from 'qrcode'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'

const holderClaims = ['family_name', 'given_name', 'patronymic', 'age_over_18', 'portrait', 'document_number']
const citizensPerType = 25

function qrVersion(text: string, level: 'L' | 'M'): number | string {
  try {
    return QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: level }).version
  } catch {
    return 'too big'
  }
}

const t = await createTestPlatform({ citizens: 300 })
const holder = createTestKey()
const rows: string[][] = []
for (const type of documentTypes) {
  const claims = inPersonClaims(type)
  const holderView = claims.filter(
    (name) => holderClaims.includes(name) || (name === 'birth_date' && !claims.includes('age_over_18')),
  )
  const largest = { all: '', holder: '' }
  const citizens = t.citizens.filter((c) => c.documents.includes(type.code)).slice(0, citizensPerType)
  if (citizens.length === 0) {
    rows.push([type.code, 'no holder among the seeded citizens', '', '', '', '', ''])
    continue
  }
  for (const citizen of citizens) {
    const issued = await t.issuer.issue({
      citizenId: citizen.id,
      documentType: type.code,
      format: 'polis_qr',
      holderKey: holder.publicJwk,
    })
    const credential = new Uint8Array(Buffer.from(issued.credential, 'base64url'))
    // Optional claims (a patronymic, say) are in a copy only where the registry has them.
    const held = new Set(readQrCredential(credential).items.map((item) => item.name))
    for (const [label, disclose] of [
      ['all', claims],
      ['holder', holderView],
    ] as const) {
      const text = await presentQr({
        credential,
        disclose: disclose.filter((name) => held.has(name)),
        deviceSign: holder.sign,
        now: t.now(),
      })
      if (text.length > largest[label].length) largest[label] = text
    }
  }
  for (const [label, text] of Object.entries(largest)) {
    const shown = label === 'all' ? claims.length : holderView.length
    const bytes = Math.ceil(((text.length - 4) * 2) / 3)
    rows.push([
      type.code,
      `${label} (${shown}/${claims.length})`,
      String(citizens.length),
      String(bytes),
      String(text.length),
      String(qrVersion(text, 'L')),
      String(qrVersion(text, 'M')),
    ])
  }
}
await t.close()
// A Markdown table, as docs/qr-sizes.md quotes it.
console.log('| document | shown (of the copy) | citizens | largest bytes | characters | QR version (L) | (M) |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)
