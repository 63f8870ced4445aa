import { fullDate, issueQrCredential, StatusType } from '@polis/documents'
import { presentQr } from '@polis/documents/qr'
import { createQrTestIssuer, testStatusListId, testStatusListUri } from '@polis/documents/qr/testing'
import { createTestKey, type TestKey } from '@polis/trust/testing'

/**
 * A country in miniature for the verifier's tests: a national anchor, one agency, an ID
 * card's in-person copy held by a device key, and what its server would answer on
 * `/trust/anchor.jwk`, `/trust/list`, `/status/lists` and the status list itself.
 */
export async function createTestCountry(now: Date, options: { country?: { code: string; name: string } } = {}) {
  const issuer = await createQrTestIssuer(now)
  const { anchor } = issuer
  const holder = createTestKey()
  const credential = await issueQrCredential({
    documentType: 'id-card',
    claims: { family_name: 'Testenko', given_name: 'Olena', birth_date: fullDate('1990-01-02'), age_over_18: true },
    deviceKey: holder.publicJwk,
    signingKey: issuer.signingKey,
    validUntil: new Date('2027-06-01T00:00:00Z'),
    status: { listId: testStatusListId, idx: 3 },
  })
  /** The trust list, signed by the anchor unless told otherwise; `withdrawn` lists the agency as withdrawn. */
  const trustList = (signer: TestKey = anchor, list: { withdrawn?: boolean } = {}) =>
    issuer.signTrustList({
      signer,
      ...(options.country ? { country: options.country } : {}),
      ...(list.withdrawn ? { status: 'withdrawn' as const } : {}),
    })
  const statusList = (status: number = StatusType.VALID) => issuer.signStatusList({ status })
  /** What the server answers; each can be replaced to play a failure. */
  const answers: Record<string, () => string | Promise<string>> = {
    '/trust/anchor.jwk': () => JSON.stringify(anchor.publicJwk),
    '/trust/list': () => trustList(),
    '/status/lists': () => JSON.stringify({ lists: [{ uri: testStatusListUri, issuer: 'migration-service' }] }),
    [testStatusListUri]: () => statusList(),
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
  return { anchor, answers, fetchText, present, trustList, statusList, statusUri: testStatusListUri }
}
