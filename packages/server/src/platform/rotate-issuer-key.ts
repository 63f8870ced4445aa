import { createHash, X509Certificate } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { issueAgencyCertificate, parseIssuerCertificateId } from './bootstrap-trust.ts'
import { countryProfile } from './country-profile.ts'
import type { Platform } from './create-platform.ts'

/** What a rotation made: the new key's id and its certificate. */
export interface RotatedIssuerKey {
  agency: string
  keyId: string
  /** The new certificate's SHA-256 fingerprint, as the trust list gives it. */
  sha256: string
  notAfter: string
  /** How many of the agency's earlier certificates stay on the trust list. */
  stillTrusted: number
  /** How many earlier certificates were withdrawn (`compromised`): what they signed is refused. */
  withdrawn: number
}

/**
 * Gives an agency a new issuing key and certificate under the national anchor. What it
 * signs from the next start of a process on is signed with the new key; the earlier
 * certificates stay on the trust list until they expire, so documents and status lists
 * already signed verify as before. With `compromised` (the old key stolen), the earlier
 * certificates are withdrawn at once instead: the trust list marks them withdrawn and
 * verifiers refuse what they signed (ERR_ISSUER_CERTIFICATE_WITHDRAWN); the agency's
 * documents are issued again with the new key. ERR_BAD_REQUEST for an agency the
 * catalogue has not.
 */
export async function rotateIssuerKey(
  platform: Platform,
  options: { agency: string; compromised?: boolean },
): Promise<RotatedIssuerKey> {
  // Named as the instance's country names its agencies (Estonia's ID cards: its Police and Border Guard Board).
  const { agencies } = countryProfile(platform.config)
  const agency = agencies.find((a) => a.code === options.agency)
  if (!agency) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: `no issuing agency ${options.agency}: one of ${agencies.map((a) => a.code).join(', ')}`,
    })
  }
  const now = platform.now()
  const held = await platform.store.db
    .selectFrom('certificates')
    .select(['id', 'not_after', 'der'])
    .where('role', '=', 'issuer')
    .execute()
  const own = held.filter((row) => parseIssuerCertificateId(row.id).agency === agency.code)
  const generation = Math.max(0, ...own.map((row) => parseIssuerCertificateId(row.id).generation)) + 1
  const row = await issueAgencyCertificate({
    store: platform.store,
    keys: platform.keys,
    agency: { code: agency.code, name: agency.name.en },
    generation,
    country: { name: platform.config.POLIS_COUNTRY_NAME, code: platform.config.POLIS_COUNTRY_CODE },
    anchor: platform.trust.anchor,
    now,
  })
  const certificate = new X509Certificate(Buffer.from(row.der, 'base64'))
  const live = own.filter((r) => Date.parse(r.not_after) > now.getTime())
  if (options.compromised && live.length > 0) {
    await platform.store.db
      .insertInto('withdrawn_certificates')
      .values(
        live.map((r) => ({
          sha256: createHash('sha256').update(Buffer.from(r.der, 'base64')).digest('hex'),
          agency: agency.code,
          withdrawn_at: now.toISOString(),
        })),
      )
      .onConflict((c) => c.column('sha256').doNothing())
      .execute()
  }
  return {
    agency: agency.code,
    keyId: row.key_id,
    sha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    notAfter: row.not_after,
    stillTrusted: options.compromised ? 0 : live.length,
    withdrawn: options.compromised ? live.length : 0,
  }
}
