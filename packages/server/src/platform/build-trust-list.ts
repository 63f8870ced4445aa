import { X509Certificate } from 'node:crypto'
import { documentTypes, signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import type { Store } from '@polis/store'
import { toPem } from '@polis/trust'
import { loadAccessCa } from '../business/access-ca.ts'
import { issuerUrl } from '../issuance/issue-document.ts'
import { countryProfile } from './country-profile.ts'
import type { Platform } from './create-platform.ts'

/** Verifiers fetch a new list after a day, and may rely on one for a week when offline. */
const nextUpdateHours = 24
const validityDays = 7

/**
 * The trust list's content: who this country's anchor is, and which agencies issue what.
 * An agency the country has withdrawn (`withdrawn`: agency to when) stays on the list with
 * `status: "withdrawn"`, so that verifiers can name it when they refuse its documents; so
 * does a certificate withdrawn before it expired (`polis keys rotate --compromised`).
 */
export function buildTrustList(
  platform: Platform,
  options: { withdrawn?: ReadonlyMap<string, string>; accessCa?: Uint8Array } = {},
) {
  const now = platform.now()
  const describe = (der: Uint8Array) => {
    const certificate = new X509Certificate(Buffer.from(der))
    return {
      subject: certificate.subject.replace(/\n/g, ', '),
      not_before: certificate.validFromDate.toISOString(),
      not_after: certificate.validToDate.toISOString(),
      sha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
      x5c: Buffer.from(der).toString('base64'),
      // The key too, vouched for by the anchor's signature over the list, so that a verifier
      // in a browser needs no X.509 parser.
      jwk: certificate.publicKey.export({ format: 'jwk' }),
    }
  }
  const { agencies } = countryProfile(platform.config)
  return {
    country: { code: platform.config.POLIS_COUNTRY_CODE, name: platform.config.POLIS_COUNTRY_NAME },
    issued_at: now.toISOString(),
    next_update: new Date(now.getTime() + nextUpdateHours * 3600_000).toISOString(),
    anchors: [{ role: 'national-root', ...describe(platform.trust.anchor) }],
    // One entity per agency, with every certificate of it still trusted: the signing one
    // first, then those it rotated from, which still vouch for what they signed.
    entities: [...new Set(platform.trust.certificates.map(({ agency }) => agency))]
      .map((agency) => {
        const info = agencies.find((a) => a.code === agency)
        const withdrawnAt = options.withdrawn?.get(agency)
        return {
          id: agency,
          role: 'issuer',
          ...(withdrawnAt ? { status: 'withdrawn', withdrawn_at: withdrawnAt } : {}),
          name: info?.name,
          issuer: issuerUrl(platform.publicUrl, agency),
          documents: documentTypes.filter((t) => t.issuer === agency).map((t) => t.code),
          // A certificate withdrawn before it expired (its key compromised) stays, marked, so that
          // verifiers can say why they refuse what it signed.
          certificates: platform.trust.certificates
            .filter((c) => c.agency === agency)
            .map(({ der, withdrawnAt }) => ({
              ...describe(der),
              ...(withdrawnAt ? { status: 'withdrawn', withdrawn_at: withdrawnAt } : {}),
            })),
        }
      })
      .sort((a, b) => a.id.localeCompare(b.id)),
    // The root of relying parties' access certificates (a business's, an agency's asking for
    // documents): another country's wallets trust requests chained to it through this list.
    access_cas: options.accessCa
      ? [{ role: 'access-ca', id: 'access-ca', certificates: [describe(options.accessCa)] }]
      : [],
  }
}

/** The trust list as a JWS signed by the national anchor, which verifiers pin. */
export async function signTrustList(platform: Platform): Promise<string> {
  const list = buildTrustList(platform, {
    withdrawn: await findWithdrawnIssuers(platform.store),
    accessCa: (await loadAccessCa(platform)).certificate,
  })
  return signCompactJws({
    header: { alg: 'ES256', typ: 'trust-list+jwt', x5c: [Buffer.from(platform.trust.anchor).toString('base64')] },
    payload: {
      iss: platform.publicUrl,
      iat: epochSeconds(new Date(list.issued_at)),
      exp: epochSeconds(new Date(list.issued_at)) + validityDays * 86400,
      ...list,
    },
    sign: await platform.keys.signer('anchor'),
  })
}

/** The agencies this country has withdrawn from its trust list, each with when. */
export async function findWithdrawnIssuers(store: Store): Promise<Map<string, string>> {
  const rows = await store.db.selectFrom('withdrawn_issuers').selectAll().execute()
  return new Map(rows.map((row) => [row.agency, row.withdrawn_at]))
}

const signedLists = new WeakMap<Platform, { token: string; until: number; withdrawn: string }>()

/**
 * The signed trust list as `/trust/list` serves it: signed again every ten minutes, and at
 * once when an agency has been withdrawn or reinstated since, so that verifiers abroad
 * learn it at their next refresh.
 */
export async function getSignedTrustList(platform: Platform): Promise<string> {
  const now = platform.now().getTime()
  const withdrawn = JSON.stringify([
    ...[...(await findWithdrawnIssuers(platform.store))].sort(),
    ...platform.trust.certificates.flatMap((c) => (c.withdrawnAt ? [c.withdrawnAt] : [])),
  ])
  const cached = signedLists.get(platform)
  if (cached && cached.until >= now && cached.withdrawn === withdrawn) return cached.token
  const token = await signTrustList(platform)
  signedLists.set(platform, { token, until: now + 10 * 60_000, withdrawn })
  return token
}

/** The national anchor's public key as a JWK, which the verifier app pins on its first start. */
export function anchorJwk(platform: Platform): Record<string, unknown> {
  return new X509Certificate(Buffer.from(platform.trust.anchor)).publicKey.export({ format: 'jwk' })
}

/** The national anchor as PEM, for `polis trust export` and verifiers abroad. */
export function anchorPem(platform: Platform): string {
  return toPem(platform.trust.anchor)
}
