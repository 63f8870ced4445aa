import { createHash } from 'node:crypto'
import { assertValidStatus, createStatusListCache, verifyMdoc, verifySdJwtVc } from '@polis/documents'
import {
  combineTrust,
  type QrCheck,
  type QrCountry,
  qrPrefix,
  readStatusListToken,
  readTrustList,
  type StatusSnapshot,
  TrustRefusal,
  verifyQrPresentation,
} from '@polis/documents/qr'
import { fromBase64url, isPolisError, PolisError } from '@polis/kernel'
import { createChainCache, trustAnchors, type VerifyChain } from '@polis/trust'
import { createFederatedChains } from '../federation/federated-chains.ts'
import { listFederatedCountries } from '../federation/federated-countries.ts'
import { issuerUrl } from '../issuance/issue-document.ts'
import { findLocalStatus, getStatusListToken } from '../issuance/status-lists.ts'
import { agencySigningKey } from '../platform/agency-signing-key.ts'
import { anchorJwk, getSignedTrustList } from '../platform/build-trust-list.ts'
import { countryProfile } from '../platform/country-profile.ts'
import type { Platform } from '../platform/create-platform.ts'

/** What a verifier asks of a presentation. */
export interface VerifyRequest {
  /** An SD-JWT VC presentation or credential, or an mdoc (base64url CBOR). */
  input: string
  nonce?: string | undefined
  audience?: string | undefined
  /** Refuse anything that is not bound to the holder's key by a fresh signature. */
  requireKeyBinding?: boolean
  maxAgeSeconds?: number
}

/** A verified document, in the same shape for both formats. */
export interface VerifyResult {
  valid: true
  format: 'dc+sd-jwt' | 'mso_mdoc' | 'polis_qr'
  type: string
  issuer: { subject: string; iss?: string | undefined; country?: { code: string; name: string } | undefined }
  claims: Record<string, unknown>
  keyBound: boolean
  expiresAt: string | undefined
}

/**
 * A verifier bound to this instance's anchors (and any extra ones it is told to trust):
 * status of its own credentials is read from the database, others' from their
 * published status lists, fetched and cached.
 */
export function createVerifier(platform: Platform, options: { extraAnchors?: Uint8Array[] } = {}) {
  const anchors = trustAnchors([platform.trust.anchor, ...(options.extraAnchors ?? [])])
  // The other countries' issuers too, as their trust lists held say (docs/federation.md).
  const federated = createFederatedChains(platform)
  const verifyChain = federated.wrap(refusingWithdrawn(platform, createChainCache(anchors)))
  const prefix = `${platform.publicUrl}/status/`
  const remoteStatus = createStatusListCache({
    fetchToken: async (uri) => federated.heldStatusList(uri) ?? fetchStatusListToken(uri),
    trust: verifyChain,
    now: platform.now,
    // A national list of 2^20 two-bit entries inflates to 256 KiB; 16 lists held at most.
    maxListBytes: 1024 * 1024,
    maxEntries: 16,
  })
  const statusOf = async (reference: { uri: string; idx: number; issuerSubject?: string }) => {
    if (!reference.uri.startsWith(prefix)) return remoteStatus(reference)
    const status = await findLocalStatus(platform.store, reference.uri.slice(prefix.length), reference.idx)
    if (status === undefined) throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'unknown status list entry' })
    return status
  }

  // The in-person QR is checked online the way the verifier app checks it offline, from this
  // instance's own trust list and its status lists, signed fresh: what an app would fetch;
  // and the lists of the countries this one federates with, as last fetched and checked.
  const qrTrust = async () => {
    const now = platform.now()
    const own = await readTrustList(await getSignedTrustList(platform), anchorJwk(platform), now)
    const held = await listFederatedCountries(platform)
    const foreignStatus = new Map(
      held.flatMap((country) =>
        country.statusLists.map((list) => [list.uri.slice(list.uri.lastIndexOf('/') + 1), list.jwt]),
      ),
    )
    const others = held.flatMap((country) => (country.checked ? [country.checked.trust] : []))
    return { trust: combineTrust(own, others), foreignStatus }
  }

  /** Checks an in-person QR code (docs/qr-format.md) with live status. */
  const verifyQr = async (text: string): Promise<QrCheck> => {
    const { trust: current, foreignStatus } = await qrTrust()
    const statusOf = async (listId: string): Promise<StatusSnapshot | undefined> => {
      const foreign = foreignStatus.get(listId)
      if (foreign) return readStatusListToken(foreign, current)
      const token = await getStatusListToken({
        store: platform.store,
        listId,
        publicUrl: platform.publicUrl,
        signingKeyOf: (agency) => agencySigningKey(platform, agency),
        now: platform.now(),
      }).catch((error: unknown) => {
        if (isPolisError(error, 'ERR_NOT_FOUND')) return undefined
        throw error
      })
      return token === undefined ? undefined : readStatusListToken(token, current)
    }
    return verifyQrPresentation(text, { trust: current, statusOf, now: platform.now() })
  }

  return {
    verifyQr,

    /**
     * What an OpenID4VP answer is checked with on this instance: the own and federated
     * chains, the status of each, and the federated issuer's entitlement and country.
     */
    async presentationTrust() {
      await federated.load()
      return {
        verifyChain,
        anchors,
        statusOf,
        assertEntitled: federated.assertEntitled,
        countryOf: federated.countryOf,
        issuerOf: federated.issuerOf,
      }
    },

    async verify(request: VerifyRequest): Promise<VerifyResult> {
      const input = request.input.trim()
      const now = platform.now()
      // Asking for a nonce or an audience means asking for proof of the holder: a copy must not pass.
      const requireKeyBinding =
        request.requireKeyBinding ?? (request.nonce !== undefined || request.audience !== undefined)
      if (input.startsWith(qrPrefix)) {
        const result = await verifyQr(input)
        return {
          valid: true,
          format: 'polis_qr',
          type: result.documentType,
          issuer: {
            subject: result.issuer.name.en,
            // Another country's issuers are named by that country's list, not by this origin.
            ...(result.issuer.country.code === platform.config.POLIS_COUNTRY_CODE
              ? { iss: issuerUrl(platform.publicUrl, result.issuer.id) }
              : {}),
            country: result.issuer.country,
          },
          claims: jsonSafe(result.claims) as Record<string, unknown>,
          keyBound: true,
          expiresAt: result.validUntil.toISOString(),
        }
      }
      if (input.includes('~')) {
        await federated.load()
        const result = await verifySdJwtVc({
          presentation: input,
          verifyChain,
          expected: {
            required: requireKeyBinding,
            nonce: request.nonce,
            audience: request.audience,
            maxAgeSeconds: request.maxAgeSeconds ?? 300,
          },
          statusOf,
          now,
        })
        federated.assertEntitled({ issuerSubject: result.issuer.subject, type: result.vct })
        return {
          valid: true,
          format: 'dc+sd-jwt',
          type: result.vct,
          issuer: {
            subject: oneLine(result.issuer.subject),
            iss: result.issuer.iss,
            ...withCountry(federated.countryOf(result.issuer.subject)),
          },
          claims: result.claims,
          keyBound: result.keyBound,
          expiresAt: result.expiresAt?.toISOString(),
        }
      }
      const bytes = fromBase64url(input)
      if (!bytes) throw new PolisError('ERR_MALFORMED', { detail: 'neither an SD-JWT nor base64url mdoc' })
      if (requireKeyBinding) {
        throw new PolisError('ERR_KB_MISSING', { detail: 'mdoc device authentication needs a session transcript' })
      }
      const result = verifyMdoc({ data: bytes, anchors, now })
      if (result.status) assertValidStatus(await statusOf({ ...result.status, issuerSubject: result.issuer.subject }))
      const claims: Record<string, unknown> = {}
      for (const elements of Object.values(result.namespaces)) Object.assign(claims, jsonSafe(elements))
      return {
        valid: true,
        format: 'mso_mdoc',
        type: result.docType,
        issuer: { subject: oneLine(result.issuer.subject) },
        claims,
        keyBound: result.deviceAuthenticated,
        expiresAt: result.validity.validUntil.toISOString(),
      }
    },
  }
}

export type Verifier = ReturnType<typeof createVerifier>

const statusFetchTimeoutMs = 5000
const maxStatusListTokenBytes = 1024 * 1024

/**
 * Fetches a foreign status list token: http(s) only, no redirects, five seconds at
 * most, and no more than a megabyte read, so a slow or hostile status server cannot
 * hold verifications or memory.
 */
async function fetchStatusListToken(uri: string): Promise<string> {
  const url = URL.canParse(uri) ? new URL(uri) : undefined
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'the status list is not at an http(s) URL' })
  }
  const response = await fetch(url, {
    headers: { accept: 'application/statuslist+jwt' },
    redirect: 'error',
    signal: AbortSignal.timeout(statusFetchTimeoutMs),
  })
  if (!response.ok || !response.body) {
    throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: `status list answered ${response.status}` })
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length
    if (size > maxStatusListTokenBytes) {
      await reader.cancel().catch(() => {})
      throw new PolisError('ERR_STATUS_UNAVAILABLE', { detail: 'the status list is too large' })
    }
    chunks.push(read.value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const withCountry = (country: QrCountry | undefined) => (country ? { country } : {})

/** Certificate subjects as one line, `C=UA, O=…, CN=…`. */
function oneLine(subject: string): string {
  return subject.replace(/\n/g, ', ')
}

/** Claim values as JSON can carry them: bytes become base64 (a portrait a data URL), dates text. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value).toString('base64')
    const png = value[0] === 0x89 && value[1] === 0x50
    const jpeg = value[0] === 0xff && value[1] === 0xd8
    return png ? `data:image/png;base64,${base64}` : jpeg ? `data:image/jpeg;base64,${base64}` : base64
  }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  }
  return value
}

/**
 * The own country's chain check, refusing a leaf certificate withdrawn before it expired
 * (its key compromised, `polis keys rotate --compromised`) with ERR_ISSUER_CERTIFICATE_WITHDRAWN,
 * naming the issuer: what the stolen key signed is not taken, whatever its chain.
 */
function refusingWithdrawn(platform: Platform, own: VerifyChain): VerifyChain {
  return (chain, now) => {
    const verified = own(chain, now)
    const withdrawn = platform.trust.certificates.filter((c) => c.withdrawnAt)
    if (withdrawn.length === 0) return verified
    const leaf = Buffer.from(chain[0] ?? new Uint8Array())
    const hit = withdrawn.find((c) => Buffer.from(c.der).equals(leaf))
    if (!hit) return verified
    const agency = countryProfile(platform.config).agencies.find((a) => a.code === hit.agency)
    throw new TrustRefusal('ERR_ISSUER_CERTIFICATE_WITHDRAWN', {
      country: { code: platform.config.POLIS_COUNTRY_CODE, name: platform.config.POLIS_COUNTRY_NAME },
      ...(agency ? { issuer: { id: agency.code, name: agency.name } } : {}),
      detail: createHash('sha256').update(leaf).digest('hex').slice(0, 16),
    })
  }
}
