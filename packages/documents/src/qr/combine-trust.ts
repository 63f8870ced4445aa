import type { QrTrust } from './read-trust-list.ts'

/**
 * One trust from the verifier's own country's list and the lists of the countries it
 * federates with (docs/federation.md), each already verified against its own anchor. The
 * own list comes first and wins where two name the same certificate; each country keeps
 * its own expiry, which a check of its documents enforces.
 */
export function combineTrust(own: QrTrust, others: readonly QrTrust[]): QrTrust {
  const certificates = new Map(own.certificates)
  const withdrawn = new Map(own.withdrawn)
  const countries = new Map(own.countries)
  const issuers = [...own.issuers]
  for (const other of others) {
    if (countries.has(other.country.code)) continue
    for (const [key, certificate] of other.certificates) if (!certificates.has(key)) certificates.set(key, certificate)
    for (const [key, certificate] of other.withdrawn) if (!withdrawn.has(key)) withdrawn.set(key, certificate)
    for (const [code, country] of other.countries) if (!countries.has(code)) countries.set(code, country)
    issuers.push(...other.issuers)
  }
  return { ...own, issuers, certificates, withdrawn, countries }
}
