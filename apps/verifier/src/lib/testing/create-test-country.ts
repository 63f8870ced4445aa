import { createHash } from 'node:crypto'
import {
  createStatusList,
  fullDate,
  issueQrCredential,
  StatusType,
  setStatus,
  signCompactJws,
  signStatusListToken,
} from '@polis/documents'
import { presentQr } from '@polis/documents/qr'
import { createTestKey, createTestPki, type TestKey } from '@polis/trust/testing'

const listId = '0b9e3c1a-5d2f-4e8a-9c7b-1f2e3d4c5b6a'
const origin = 'https://polis.test'

/**
 * A country in miniature for the verifier's tests: a national anchor, one agency, an ID
 * card's in-person copy held by a device key, and what its server would answer on
 * `/trust/anchor.jwk`, `/trust/list`, `/status/lists` and the status list itself.
 */
export async function createTestCountry(now: Date) {
  const pki = await createTestPki()
  const anchor = createTestKey()
  const holder = createTestKey()
  const credential = await issueQrCredential({
    documentType: 'id-card',
    claims: { family_name: 'Testenko', given_name: 'Olena', birth_date: fullDate('1990-01-02'), age_over_18: true },
    deviceKey: holder.publicJwk,
    signingKey: pki.signingKey,
    validUntil: new Date('2027-06-01T00:00:00Z'),
    status: { listId, idx: 3 },
  })
  const der = Buffer.from(pki.certificate)
  const trustList = (signer: TestKey = anchor) =>
    signCompactJws({
      header: { alg: 'ES256', typ: 'trust-list+jwt' },
      payload: {
        iat: now.getTime() / 1000 - 60,
        exp: now.getTime() / 1000 + 7 * 86400,
        next_update: new Date(now.getTime() + 86400_000).toISOString(),
        country: { code: 'ZZ', name: 'Testland' },
        entities: [
          {
            id: 'migration-service',
            role: 'issuer',
            name: { uk: 'Міграційна служба', en: 'Migration Service', et: 'Migratsiooniamet' },
            documents: ['id-card'],
            certificates: [
              {
                x5c: der.toString('base64'),
                sha256: createHash('sha256').update(der).digest('hex'),
                jwk: pki.issuer.publicJwk,
                not_before: '2026-01-01T00:00:00Z',
                not_after: '2029-01-01T00:00:00Z',
              },
            ],
          },
        ],
      },
      sign: signer.sign,
    })
  const statusList = (status: number = StatusType.VALID) => {
    const list = createStatusList({ size: 16, bits: 2 })
    setStatus(list, 3, status)
    return signStatusListToken({
      uri: `${origin}/status/${listId}`,
      list,
      signingKey: pki.signingKey,
      now,
      validitySeconds: 72 * 3600,
    })
  }
  /** What the server answers; each can be replaced to play a failure. */
  const answers: Record<string, () => string | Promise<string>> = {
    '/trust/anchor.jwk': () => JSON.stringify(anchor.publicJwk),
    '/trust/list': () => trustList(),
    '/status/lists': () =>
      JSON.stringify({ lists: [{ uri: `${origin}/status/${listId}`, issuer: 'migration-service' }] }),
    [`${origin}/status/${listId}`]: () => statusList(),
  }
  const fetchText = async (url: string) => {
    const answer = answers[url]
    if (!answer) throw new Error(`no answer for ${url}`)
    return answer()
  }
  const present = (at: Date = now) =>
    presentQr({
      credential,
      disclose: ['given_name', 'family_name', 'birth_date', 'age_over_18'],
      deviceSign: holder.sign,
      now: at,
    })
  return { anchor, answers, fetchText, present, trustList, statusList, statusUri: `${origin}/status/${listId}` }
}
