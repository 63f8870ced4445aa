import { jwkOfCoseKey, readIssuerAuth, readQrCredential } from '@polis/documents/qr'
import { ApiError, deviceFetch, fetchJson } from './api.ts'
import { fromBase64url } from './base64url.ts'
import { decodeSdJwtClaims } from './decode-credential.ts'
import { createDeviceKey, signJwt } from './device-key.ts'
import type { IssuerMetadata } from './issuer-metadata.ts'
import { type DeviceRecord, replaceCredentials, type StoredCredential } from './wallet-store.ts'

const preAuthorizedGrant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'

/** A credential offer (OpenID4VCI 1.0 section 4.1.1) with the pre-authorised code grant. */
export interface CredentialOffer {
  credential_issuer: string
  credential_configuration_ids: string[]
  grants: Record<string, { 'pre-authorized_code': string; tx_code?: unknown }>
}

/**
 * Fetches every document the registries hold for this citizen over OpenID4VCI 1.0:
 * an offer for this device, then the documents it offers.
 */
export async function receiveDocuments(options: {
  device: DeviceRecord
  metadata: IssuerMetadata
  onProgress: (done: number, total: number) => void
}): Promise<StoredCredential[]> {
  const { offer } = await deviceFetch<{ offer: CredentialOffer }>(options.device, '/api/wallet/offers', {
    method: 'POST',
  })
  return receiveOffer({ ...options, offer })
}

/**
 * The offer inside an `openid-credential-offer://` URI (by value), or an error when the
 * text is none, or comes from an issuer that is neither this wallet's nor that of a country
 * its instance federates with (`federated`: their credential issuers).
 */
export function parseOfferUri(
  uri: string,
  metadata: IssuerMetadata,
  federated: readonly string[] = [],
): CredentialOffer {
  const value = uri.startsWith('openid-credential-offer://') ? new URL(uri).searchParams.get('credential_offer') : null
  const offer = value ? (JSON.parse(value) as CredentialOffer) : undefined
  if (!offer?.grants?.[preAuthorizedGrant] || !Array.isArray(offer.credential_configuration_ids)) {
    throw new ApiError('ERR_MALFORMED', 400, 'not a credential offer')
  }
  if (offer.credential_issuer !== metadata.credential_issuer && !federated.includes(offer.credential_issuer)) {
    throw new ApiError('ERR_UNTRUSTED_ISSUER', 400, 'an offer from an issuer this wallet does not rely on')
  }
  return offer
}

/**
 * Another country's issuer as it describes itself (OpenID4VCI 1.0 section 12.2, RFC 8414):
 * its metadata, which must name the issuer the offer named, and its token endpoint.
 */
export async function loadForeignIssuer(issuer: string): Promise<{ metadata: IssuerMetadata; tokenEndpoint: string }> {
  const metadata = await fetchJson<IssuerMetadata>(`${issuer}/.well-known/openid-credential-issuer`)
  if (metadata.credential_issuer !== issuer) {
    throw new ApiError('ERR_UNTRUSTED_ISSUER', 400, 'the issuer’s metadata names another issuer')
  }
  const server = await fetchJson<{ issuer: string; token_endpoint: string }>(
    `${issuer}/.well-known/oauth-authorization-server`,
  )
  return { metadata, tokenEndpoint: server.token_endpoint }
}

/** Whether the offer asks for a transaction code, given to the citizen apart from the offer. */
export function needsTxCode(offer: CredentialOffer): boolean {
  return offer.grants[preAuthorizedGrant]?.tx_code !== undefined
}

/**
 * Receives what an offer holds: the token (asked for with the device's signature, so that
 * the issuer refuses an offer meant for another citizen), then per configuration a fresh
 * nonce and key proofs, the device key becoming the holder key (or, for in-person copies,
 * keys of their own).
 */
export async function receiveOffer(options: {
  device: DeviceRecord
  metadata: IssuerMetadata
  offer: CredentialOffer
  txCode?: string
  /** Another country's issuer: its token endpoint, which knows nothing of this device. */
  foreign?: { tokenEndpoint: string }
  onProgress: (done: number, total: number) => void
}): Promise<StoredCredential[]> {
  const { device, metadata, offer } = options
  const code = offer.grants[preAuthorizedGrant]?.['pre-authorized_code'] ?? ''
  const form = new URLSearchParams({ grant_type: preAuthorizedGrant, 'pre-authorized_code': code })
  if (options.txCode) form.set('tx_code', options.txCode)
  const request = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  }
  const token = options.foreign
    ? await fetchJson<{ access_token: string }>(options.foreign.tokenEndpoint, request)
    : await deviceFetch<{ access_token: string }>(device, '/oid4vci/token', request)
  const ids = offer.credential_configuration_ids
  const received: StoredCredential[] = []
  options.onProgress(0, ids.length)
  // One document that cannot be issued (a record expired since the offer, say) must not
  // keep the others from the citizen; a disconnected device stops everything.
  let firstFailure: unknown
  let done = 0
  for (const configurationId of ids) {
    try {
      received.push(...(await receiveOne({ device, metadata, accessToken: token.access_token, configurationId })))
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') throw error
      firstFailure ??= error
    }
    options.onProgress(++done, ids.length)
  }
  if (received.length === 0 && firstFailure !== undefined) throw firstFailure
  // Another country's documents say whose they are, so they neither replace nor are replaced by this one's.
  const held = options.foreign ? received.map((c) => ({ ...c, issuer: offer.credential_issuer })) : received
  await replaceCredentials(held)
  return held
}

async function receiveOne(options: {
  device: DeviceRecord
  metadata: IssuerMetadata
  accessToken: string
  configurationId: string
}): Promise<StoredCredential[]> {
  const { device, metadata, configurationId } = options
  const declared = metadata.credential_configurations_supported[configurationId]?.format
  const format = declared === 'mso_mdoc' || declared === 'polis_qr' ? declared : 'dc+sd-jwt'
  // In-person copies come as a batch, each bound to a key of its own (OpenID4VCI batch issuance).
  const keys =
    format === 'polis_qr'
      ? await Promise.all(
          Array.from(
            { length: Math.min(inPersonCopies, metadata.batch_credential_issuance?.batch_size ?? 1) },
            createDeviceKey,
          ),
        )
      : [{ keys: device.keys, publicJwk: device.publicJwk }]
  const { c_nonce } = await fetchJson<{ c_nonce: string }>(metadata.nonce_endpoint, { method: 'POST' })
  const proofs = await Promise.all(
    keys.map((key) =>
      signJwt(
        key.keys.privateKey,
        { typ: 'openid4vci-proof+jwt', jwk: key.publicJwk },
        { aud: metadata.credential_issuer, iat: Math.floor(Date.now() / 1000), nonce: c_nonce },
      ),
    ),
  )
  const response = await fetchJson<{ credentials: Array<{ credential: string }> }>(metadata.credential_endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: proofs } }),
  })
  return response.credentials.map(({ credential }) => {
    const holderKey = format === 'polis_qr' ? keyOfCopy(credential, keys) : undefined
    const decoded = format === 'dc+sd-jwt' ? decodeSdJwtClaims(credential) : { claims: {}, expiresAt: undefined }
    return {
      id: crypto.randomUUID(),
      configurationId,
      documentType: configurationId.split('.')[0] ?? configurationId,
      format,
      credential,
      receivedAt: new Date().toISOString(),
      expiresAt: decoded.expiresAt,
      claims: decoded.claims,
      ...(holderKey ? { holderKey } : {}),
    }
  })
}

/** In-person copies per document: each QR code shows one of them, picked at random. */
const inPersonCopies = 5

/** The key pair an in-person copy is bound to, found by the device key its issuer signed. */
function keyOfCopy(credential: string, keys: Array<{ keys: CryptoKeyPair; publicJwk: JsonWebKey }>): CryptoKeyPair {
  const { mso } = readIssuerAuth(readQrCredential(fromBase64url(credential)).issuerAuth)
  const bound = jwkOfCoseKey(mso.deviceKey)
  const key = keys.find((k) => k.publicJwk.x === bound.x && k.publicJwk.y === bound.y)
  if (!key) throw new Error('the issuer bound an in-person copy to a key this wallet did not offer')
  return key.keys
}
