import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { CertificateContent } from '@polis/services'
import { sealPdf } from '@polis/signatures'
import type { Platform } from '../platform/create-platform.ts'
import { layOutCertificate } from './lay-out-certificate.ts'

/** Seals a PDF with the platform's seal (PAdES B-T, time-stamped), in the name of the country's e-services. */
export async function sealAsPlatform(platform: Platform, options: { pdf: Uint8Array; reason: string; now: Date }) {
  const country = platform.config.POLIS_COUNTRY_NAME
  return sealPdf({
    pdf: options.pdf,
    seal: platform.signing.seal,
    caCertificate: platform.signing.caCertificate,
    timestampAuthority: platform.signing.timestampAuthority,
    name: `${country} e-services`,
    reason: options.reason,
    location: country,
    now: options.now,
  })
}

/**
 * Makes an application's certificate: laid out as a PDF, sealed by the platform with
 * PAdES (B-T, its seal certified by the signing CA, time-stamped), and kept with the
 * application for its citizen to download. Anyone can check the seal at /signatures/verify.
 */
export async function sealCertificate(
  platform: Platform,
  content: CertificateContent,
): Promise<{ id: string; fileName: string }> {
  const country = platform.config.POLIS_COUNTRY_NAME
  const pdf = await layOutCertificate(content, { country, verifyUrl: `${platform.publicUrl}/signatures/verify` })
  const now = platform.now()
  const sealed = await sealAsPlatform(platform, { pdf, reason: content.title.en, now })
  const id = randomUUID()
  const fileName = `${content.fileName}-${now.toISOString().slice(0, 10)}.pdf`
  await platform.store.db
    .insertInto('application_certificates')
    .values({
      id,
      application_id: content.applicationId,
      citizen_id: content.citizenId,
      file_name: fileName,
      pdf: Buffer.from(sealed).toString('base64'),
      created_at: now.toISOString(),
    })
    .execute()
  return { id, fileName }
}

/** The certificates of one of the citizen's applications, without their bytes. */
export async function listCertificates(platform: Platform, citizenId: string, applicationId: string) {
  return platform.store.db
    .selectFrom('application_certificates')
    .select(['id', 'file_name', 'created_at'])
    .where('application_id', '=', applicationId)
    .where('citizen_id', '=', citizenId)
    .orderBy('created_at')
    .execute()
}

/** One certificate's PDF, for its citizen only: ERR_NOT_FOUND for anyone else's. */
export async function getCertificatePdf(platform: Platform, citizenId: string, applicationId: string, id: string) {
  const row = await platform.store.db
    .selectFrom('application_certificates')
    .select(['file_name', 'pdf'])
    .where('id', '=', id)
    .where('application_id', '=', applicationId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such certificate' })
  return { fileName: row.file_name, pdf: new Uint8Array(Buffer.from(row.pdf, 'base64')) }
}
