import { webcrypto, X509Certificate } from 'node:crypto'
import { p256Jwk, parseCompactJws, publicKeyFromJwk, verifyEs256WithJwk } from '@polis/documents'
import type { AuthenticatedDevice } from '@polis/identity'
import { epochSeconds, PolisError } from '@polis/kernel'
import { type CertificateStatus, createRevocationList, createSignerCertificate, signerOf } from '@polis/signatures'
import type { Platform } from '../platform/create-platform.ts'

/** The `typ` of the proof that the wallet holds the key it asks a certificate for. */
export const signingKeyProofType = 'polis-signing-key+jwt'
/** Two years, as Diia's signing certificates last. */
const certificateDays = 730
const proofMaxAgeSeconds = 300

/** A citizen's signing certificate as the wallet gets it. */
export interface IssuedSigningCertificate {
  certificate: string
  serialNumber: string
  notAfter: string
  subject: string
}

const invalidProof = (detail: string) => new PolisError('ERR_INVALID_PROOF', { detail })

function summary(der: Uint8Array): IssuedSigningCertificate {
  const certificate = new X509Certificate(Buffer.from(der))
  return {
    certificate: Buffer.from(der).toString('base64'),
    serialNumber: certificate.serialNumber.toLowerCase(),
    notAfter: certificate.validToDate.toISOString(),
    subject: signerOf(der).name,
  }
}

/**
 * Certifies a signing key that the wallet of `device` made, once the wallet proved it
 * holds the key (a JWS by it, naming this instance and this device, a few minutes old).
 * The subject is the citizen as the population register knows them. The device's
 * earlier certificate is revoked as superseded.
 */
export async function issueSigningCertificate(options: {
  platform: Platform
  device: AuthenticatedDevice
  publicJwk: unknown
  proof: string
}): Promise<IssuedSigningCertificate> {
  const { platform, device } = options
  const now = platform.now()
  const jwk = p256Jwk(options.publicJwk)
  publicKeyFromJwk(jwk)
  const proof = parseCompactJws(options.proof, 'signing key proof')
  if (proof.header.typ !== signingKeyProofType) throw invalidProof('wrong typ')
  if (!verifyEs256WithJwk(proof, jwk)) throw invalidProof('the proof is not signed by the key')
  const { aud, device: deviceId, iat } = proof.payload
  if (aud !== platform.publicUrl || deviceId !== device.deviceId) throw invalidProof('the proof is for another wallet')
  if (typeof iat !== 'number' || Math.abs(epochSeconds(now) - iat) > proofMaxAgeSeconds) {
    throw invalidProof('the proof is stale')
  }
  const [person] = await platform.queryRegistry({
    registry: 'population',
    kind: 'person',
    citizenId: device.citizenId,
    purpose: 'signatures:certificate',
  })
  const { given_name: givenName, family_name: familyName, tax_number: taxNumber } = person?.data ?? {}
  if (typeof givenName !== 'string' || typeof familyName !== 'string' || typeof taxNumber !== 'string') {
    throw new PolisError('ERR_NO_REGISTRY_RECORD', { detail: 'the citizen has no name or tax number' })
  }
  const country = platform.config.POLIS_COUNTRY_CODE
  const publicKey = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'verify',
  ])
  const der = await createSignerCertificate({
    publicKey: publicKey as unknown as CryptoKey,
    signingCa: await platform.signing.signingCa(),
    signer: { givenName, familyName, identifier: `TIN${country}-${taxNumber}`, country },
    notBefore: now,
    days: certificateDays,
    crlUrl: `${platform.publicUrl}/signatures/crl`,
  })
  const issued = summary(der)
  await platform.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('signing_certificates')
      .set({ revoked_at: now.toISOString(), revocation_reason: 'superseded' })
      .where('device_id', '=', device.deviceId)
      .where('revoked_at', 'is', null)
      .execute()
    await trx
      .insertInto('signing_certificates')
      .values({
        serial_number: issued.serialNumber,
        citizen_id: device.citizenId,
        device_id: device.deviceId,
        der: issued.certificate,
        public_jwk: JSON.stringify(jwk),
        not_before: now.toISOString(),
        not_after: issued.notAfter,
        created_at: now.toISOString(),
        revoked_at: null,
        revocation_reason: null,
      })
      .execute()
  })
  return issued
}

/** The device's active signing certificate, or undefined. */
export async function activeSigningCertificate(platform: Platform, deviceId: string) {
  const row = await platform.store.db
    .selectFrom('signing_certificates')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row || new Date(row.not_after) <= platform.now()) return undefined
  const der = new Uint8Array(Buffer.from(row.der, 'base64'))
  return { ...summary(der), der }
}

/** Revokes the signing certificates of a disconnected phone (a lost phone must not sign). */
export async function revokeSigningCertificatesOfDevice(platform: Platform, deviceId: string, reason: string) {
  await platform.store.db
    .updateTable('signing_certificates')
    .set({ revoked_at: platform.now().toISOString(), revocation_reason: reason })
    .where('device_id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .execute()
}

/** A certificate's status from the signing CA's own records, for the verifier. */
export function certificateStatus(platform: Platform): CertificateStatus {
  return async (der) => {
    const serial = new X509Certificate(Buffer.from(der)).serialNumber.toLowerCase()
    const row = await platform.store.db
      .selectFrom('signing_certificates')
      .select(['der', 'revoked_at'])
      .where('serial_number', '=', serial)
      .executeTakeFirst()
    if (!row) {
      // The platform's own seal, which the signing CA certified and has never revoked.
      const seal = await platform.store.db
        .selectFrom('certificates')
        .select('der')
        .where('role', '=', 'seal')
        .executeTakeFirst()
      return { known: seal?.der === Buffer.from(der).toString('base64') }
    }
    // The same serial with other bytes is not ours: never judge a stranger by our records.
    if (row.der !== Buffer.from(der).toString('base64')) return { known: false }
    return { known: true, ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at) } : {}) }
  }
}

/** The signing CA's revocation list, valid for a day, listing every revoked certificate. */
export async function signingRevocationList(platform: Platform): Promise<Uint8Array> {
  const now = platform.now()
  const rows = await platform.store.db
    .selectFrom('signing_certificates')
    .select(['serial_number', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .execute()
  return createRevocationList({
    signingCa: await platform.signing.signingCa(),
    revoked: rows.map((r) => ({ serialNumber: r.serial_number, revokedAt: new Date(r.revoked_at as string) })),
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 86_400_000),
  })
}
