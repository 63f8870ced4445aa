import { createHash } from 'node:crypto'
import type { VerifyChain } from '@polis/documents'
import { type QrCountry, type QrTrust, type QrTrustedIssuer, TrustRefusal } from '@polis/documents/qr'
import { PolisError } from '@polis/kernel'
import { createChainCache, trustAnchors } from '@polis/trust'
import type { Platform } from '../platform/create-platform.ts'
import { federationChanges, listFederatedCountries } from './federated-countries.ts'

/** Another process (`polis trust refresh`) may have changed the held lists; this one learns within this. */
const reloadMs = 30_000

/**
 * Certificate chains of the other countries' issuers, for SD-JWT VC presentations and
 * their status lists (docs/federation.md): `wrap` turns the own country's chain check into
 * one that, failing that, accepts a chain to a federated country's anchor whose leaf that
 * country lists, and refuses, naming country and issuer, a leaf it lists as withdrawn or
 * one whose country's list has expired. `load` reads the held lists again when they changed.
 */
export function createFederatedChains(platform: Platform) {
  let held: { key: string; verifyChain: VerifyChain; trusts: QrTrust[]; jwtByUri: Map<string, string> } | undefined
  /**
   * The listed issuer behind each foreign leaf certificate's subject, as the chain check found
   * it: what the document's type is then checked against (`assertEntitled`). One subject is
   * one agency of one country (its `C=` and name), so any of its certificates says the same.
   */
  const listedBySubject = new Map<string, QrTrustedIssuer>()

  let loaded: { changes: number; at: number } | undefined
  /** Reads the held lists again when this process changed them, else at most every 30 seconds. */
  const load = async () => {
    const at = Date.now()
    if (loaded && loaded.changes === federationChanges() && at - loaded.at < reloadMs) return
    loaded = { changes: federationChanges(), at }
    const countries = await listFederatedCountries(platform)
    // The lists themselves, not when they were fetched: two fetches may share a second.
    const key = createHash('sha256')
      .update(countries.map((country) => `${country.code}:${country.listJws}:${country.statusLists.length}`).join('\n'))
      .digest('hex')
    if (held?.key === key) return
    const checked = countries.flatMap((country) => (country.checked ? [country.checked] : []))
    held = {
      key,
      verifyChain: createChainCache(trustAnchors(checked.map((list) => list.anchor.der))),
      trusts: checked.map((list) => list.trust),
      jwtByUri: new Map(countries.flatMap((country) => country.statusLists.map((list) => [list.uri, list.jwt]))),
    }
  }

  const wrap =
    (own: VerifyChain): VerifyChain =>
    (chain, now) => {
      try {
        return own(chain, now)
      } catch (ownError) {
        if (!held || held.trusts.length === 0) throw ownError
        let verified: ReturnType<VerifyChain>
        try {
          verified = held.verifyChain(chain, now)
        } catch {
          throw ownError
        }
        const sha256 = createHash('sha256')
          .update(chain[0] ?? new Uint8Array())
          .digest('hex')
        for (const trust of held.trusts) {
          const withdrawn = trust.withdrawn.get(sha256)
          if (withdrawn) {
            throw new TrustRefusal(
              withdrawn.certificateWithdrawn ? 'ERR_ISSUER_CERTIFICATE_WITHDRAWN' : 'ERR_ISSUER_WITHDRAWN',
              { country: trust.country, issuer: withdrawn.issuer },
            )
          }
          const listed = trust.certificates.get(sha256)
          if (listed) {
            if (now >= trust.expiresAt) {
              throw new TrustRefusal('ERR_TRUST_LIST_STALE', { country: trust.country, issuer: listed.issuer })
            }
            listedBySubject.set(verified.subject, listed.issuer)
            return verified
          }
        }
        throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the certificate is not on its country’s trust list' })
      }
    }

  /** The country of another country's issuer, by the `C=` of its certificate's subject; undefined for the own. */
  const countryOf = (subject: string): QrCountry | undefined => {
    const code = /(?:^|[,\n]\s*)C=([A-Z]{2})(?:$|[,\n])/.exec(subject)?.[1]
    if (!code || code === platform.config.POLIS_COUNTRY_CODE) return undefined
    return held?.trusts.find((trust) => trust.country.code === code)?.country
  }

  /** A federated country's status list as last fetched with its trust list, if held. */
  const heldStatusList = (uri: string) => held?.jwtByUri.get(uri)

  /**
   * Refuses a document of another country whose issuer that country's list does not
   * entitle to its type (`vct` `…/vct/{code}`, or the code itself): a trusted agency signs
   * only the documents its country says it issues. The own country's documents pass.
   */
  const assertEntitled = (options: { issuerSubject: string; type: string }) => {
    const country = countryOf(options.issuerSubject)
    if (!country) return
    const issuer = listedBySubject.get(options.issuerSubject)
    const code = options.type.slice(options.type.lastIndexOf('/') + 1)
    if (!issuer?.documents.includes(code)) {
      throw new TrustRefusal('ERR_ISSUER_NOT_ENTITLED', { country, issuer, detail: `not entitled to ${code}` })
    }
  }

  /** The listed issuer of another country's leaf certificate, by its subject, once a chain check has found it. */
  const issuerOf = (subject: string): QrTrustedIssuer | undefined => listedBySubject.get(subject)

  return { load, wrap, countryOf, heldStatusList, assertEntitled, issuerOf }
}
