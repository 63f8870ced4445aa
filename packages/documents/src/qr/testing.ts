/**
 * A national anchor and one agency for tests of in-person QR codes
 * (`@polis/documents/qr/testing`): never imported by production code.
 */
import { createHash } from 'node:crypto'
import { createTestKey, createTestPki, type TestKey } from '@polis/trust/testing'
import { signCompactJws } from '../jose/compact-jws.ts'
import { createStatusList } from '../status-list/create-status-list.ts'
import { setStatus } from '../status-list/set-status.ts'
import { signStatusListToken } from '../status-list/sign-status-list-token.ts'
import { StatusType } from '../status-list/status-list.ts'

export const testStatusListId = '0b9e3c1a-5d2f-4e8a-9c7b-1f2e3d4c5b6a'
export const testStatusListUri = `https://polis.test/status/${testStatusListId}`

/**
 * An anchor key, an agency that issues the ID card, and the signed trust list and status
 * list a verifier would fetch, dated from `now`.
 */
export async function createQrTestIssuer(now: Date) {
  const pki = await createTestPki()
  const anchor = createTestKey()
  const der = Buffer.from(pki.certificate)
  /** The trust list, signed by the anchor unless told otherwise. */
  const signTrustList = (
    options: {
      documents?: string[]
      expiresAt?: Date
      signer?: TestKey
      country?: { code: string; name: string }
      /** The agency's standing on its country's list (docs/federation.md); none said means granted. */
      status?: 'granted' | 'withdrawn'
      /** A list that names no issuer at all (another country's own, in federation tests). */
      empty?: boolean
    } = {},
  ) =>
    signCompactJws({
      header: { alg: 'ES256', typ: 'trust-list+jwt' },
      payload: {
        iat: now.getTime() / 1000 - 60,
        exp: (options.expiresAt ?? new Date(now.getTime() + 7 * 86400_000)).getTime() / 1000,
        next_update: new Date(now.getTime() + 86400_000).toISOString(),
        country: options.country ?? { code: 'ZZ', name: 'Testland' },
        entities: (options.empty ? [] : [0]).map(() => ({
          id: 'migration-service',
          role: 'issuer',
          ...(options.status ? { status: options.status } : {}),
          name: { uk: 'Міграційна служба', en: 'Migration Service', et: 'Migratsiooniamet' },
          documents: options.documents ?? ['id-card'],
          certificates: [
            {
              x5c: der.toString('base64'),
              sha256: createHash('sha256').update(der).digest('hex'),
              jwk: pki.issuer.publicJwk,
              not_before: '2026-01-01T00:00:00Z',
              not_after: '2029-01-01T00:00:00Z',
            },
          ],
        })),
      },
      sign: (options.signer ?? anchor).sign,
    })
  /** The status list, with one entry set; every other entry is valid. */
  const signStatusList = (options: { idx?: number; status?: number; size?: number; validitySeconds?: number } = {}) => {
    const list = createStatusList({ size: options.size ?? 16, bits: 2 })
    setStatus(list, options.idx ?? 3, options.status ?? StatusType.VALID)
    return signStatusListToken({
      uri: testStatusListUri,
      list,
      signingKey: pki.signingKey,
      now,
      validitySeconds: options.validitySeconds ?? 72 * 3600,
    })
  }
  return { pki, anchor, signingKey: pki.signingKey, signTrustList, signStatusList }
}
