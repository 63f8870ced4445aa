import { signCompactJws } from '@polis/documents'
import { PolisError } from '@polis/kernel'
import type { Platform } from '../platform/create-platform.ts'
import { loadAccessCa } from './access-ca.ts'
import type { Business } from './businesses.ts'

/** How long a registration certificate is good for: as long as the access certificate it names. */
const validityDays = 365

/**
 * The registration certificate of an approved business: a JWT (`typ: rc-wrp+jwt`, the
 * EU wallet's registration certificate for relying parties) signed by the platform's
 * access CA, its certificate in `x5c`, listing who the business is (legal name, register
 * number, client id, data-protection contact) and, per purpose, the document types and
 * claims it is entitled to ask for. ERR_BUSINESS_NOT_APPROVED before approval.
 */
export async function issueRegistrationCertificate(platform: Platform, business: Business): Promise<string> {
  if (business.status !== 'approved' || !business.clientId || !business.decidedAt) {
    throw new PolisError('ERR_BUSINESS_NOT_APPROVED')
  }
  const ca = await loadAccessCa(platform)
  const approved = Math.floor(new Date(business.decidedAt).getTime() / 1000)
  const prefix = `${platform.publicUrl}/vct/`
  return signCompactJws({
    header: { alg: 'ES256', typ: 'rc-wrp+jwt', x5c: [Buffer.from(ca.certificate).toString('base64')] },
    payload: {
      iss: platform.publicUrl,
      sub: business.clientId,
      name: business.legalName,
      registration_number: `NTR${platform.config.POLIS_COUNTRY_CODE}-${business.registerNumber}`,
      privacy_contact: business.privacyEmail,
      purposes: business.purposes.map((p) => ({
        id: p.id,
        description: p.description,
        ...(p.descriptions ? { descriptions: p.descriptions } : {}),
        credentials: p.documents.map((d) => ({ vct: `${prefix}${d.document}`, claims: d.claims })),
      })),
      iat: approved,
      exp: approved + validityDays * 86_400,
    },
    sign: await platform.keys.signer(ca.keyId),
  })
}
