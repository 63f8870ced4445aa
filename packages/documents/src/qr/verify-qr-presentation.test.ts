import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { type ErrorCode, isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createTestKey, createTestPki, type TestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { fullDate } from '../mdoc/full-date.ts'
import { StatusType } from '../status-list/status-list.ts'
import { fromBase45, toBase45 } from './base45.ts'
import { issueQrCredential } from './issue-qr-credential.ts'
import { presentQr } from './present-qr.ts'
import { readStatusListToken, type StatusSnapshot } from './read-status-list-token.ts'
import { type QrTrust, readTrustList } from './read-trust-list.ts'
import { createQrTestIssuer, testStatusListId } from './testing.ts'
import { verifyQrPresentation } from './verify-qr-presentation.ts'

const now = new Date('2026-06-01T10:00:00Z')
const statusListId = testStatusListId
const portrait = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3)
const claims = {
  family_name: 'Testenko',
  given_name: 'Olena',
  birth_date: fullDate('1990-01-02'),
  age_over_18: true,
  portrait,
  document_number: '000123456',
}

let issuer: Awaited<ReturnType<typeof createQrTestIssuer>>
let anchor: TestKey
let holder: TestKey
let credential: Uint8Array
let trust: QrTrust
let snapshot: StatusSnapshot

const trustList = (options: { documents?: string[]; exp?: Date; signer?: TestKey } = {}) =>
  issuer.signTrustList({
    ...(options.documents ? { documents: options.documents } : {}),
    ...(options.exp ? { expiresAt: options.exp } : {}),
    ...(options.signer ? { signer: options.signer } : {}),
  })

async function statusSnapshot(status: number, validitySeconds = 72 * 3600): Promise<StatusSnapshot> {
  return readStatusListToken(await issuer.signStatusList({ status, validitySeconds }), trust)
}

async function present(options: { disclose?: string[]; at?: Date; key?: TestKey; of?: Uint8Array } = {}) {
  return presentQr({
    credential: options.of ?? credential,
    disclose: options.disclose ?? ['family_name', 'given_name', 'age_over_18', 'portrait'],
    deviceSign: (options.key ?? holder).sign,
    now: options.at ?? now,
  })
}

async function rejects(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error) => isPolisError(error, code) || assert.fail(String(error)))
}

describe('in-person QR', () => {
  before(async () => {
    issuer = await createQrTestIssuer(now)
    anchor = issuer.anchor
    holder = createTestKey()
    credential = await issueQrCredential({
      documentType: 'id-card',
      claims,
      deviceKey: holder.publicJwk,
      signingKey: issuer.signingKey,
      validUntil: new Date('2027-06-01T00:00:00Z'),
      status: { listId: statusListId, idx: 3 },
    })
    trust = await readTrustList(await trustList(), anchor.publicJwk, now)
    snapshot = await statusSnapshot(StatusType.VALID)
  })

  const verify = (text: string, options: { at?: Date; status?: StatusSnapshot | undefined; trust?: QrTrust } = {}) =>
    verifyQrPresentation(text, {
      trust: options.trust ?? trust,
      statusOf: (listId) => (listId === statusListId ? ('status' in options ? options.status : snapshot) : undefined),
      now: options.at ?? now,
    })

  it('shows exactly the claims chosen, checked offline', async () => {
    const text = await present()
    assert.match(text, /^PQ1:[0-9A-Z $%*+\-./:]+$/)
    const check = await verify(text)
    assert.deepEqual(Object.keys(check.claims).sort(), ['age_over_18', 'family_name', 'given_name', 'portrait'])
    assert.equal(check.claims.family_name, 'Testenko')
    assert.deepEqual(check.claims.portrait, portrait)
    assert.equal(check.documentType, 'id-card')
    assert.equal(check.issuer.id, 'migration-service')
    assert.equal(check.validUntil.toISOString(), '2027-06-01T00:00:00.000Z')
    assert.match(check.nonce, /^[0-9a-f]{32}$/)
    const again = await verify(await present())
    assert.notEqual(again.nonce, check.nonce, 'each presentation has its own identifier')
  })

  it('gives dates as full-date text', async () => {
    const check = await verify(await present({ disclose: ['birth_date'] }))
    assert.deepEqual(check.claims, { birth_date: '1990-01-02' })
  })

  it('is accepted for three minutes, then refused as expired', async () => {
    const text = await present()
    await verify(text, { at: new Date(now.getTime() + 180_000) })
    await rejects(verify(text, { at: new Date(now.getTime() + 181_000) }), 'ERR_PRESENTATION_EXPIRED')
    await rejects(verify(text, { at: new Date(now.getTime() - 61_000) }), 'ERR_PRESENTATION_EXPIRED')
  })

  it('refuses a document past its validity', async () => {
    const late = new Date('2027-06-01T00:00:00Z')
    await rejects(verify(await present({ at: late }), { at: late }), 'ERR_EXPIRED')
  })

  it('refuses revoked and suspended documents, and unknown or stale status', async () => {
    const text = await present()
    await rejects(verify(text, { status: await statusSnapshot(StatusType.INVALID) }), 'ERR_REVOKED')
    await rejects(verify(text, { status: await statusSnapshot(StatusType.SUSPENDED) }), 'ERR_SUSPENDED')
    await rejects(verify(text, { status: undefined }), 'ERR_STATUS_UNAVAILABLE')
    const shortLived = await statusSnapshot(StatusType.VALID, 10)
    await verify(text, { at: new Date(now.getTime() + 9_000), status: shortLived })
    await rejects(verify(text, { at: new Date(now.getTime() + 10_000), status: shortLived }), 'ERR_STATUS_STALE')
  })

  it('refuses a stale trust list', async () => {
    const stale = await readTrustList(await trustList({ exp: now }), anchor.publicJwk, now)
    await rejects(verify(await present(), { trust: stale }), 'ERR_STATUS_STALE')
  })

  it('refuses an issuer off the trust list, or one not entitled to the document type', async () => {
    const other = await createTestPki()
    const foreign = await issueQrCredential({
      documentType: 'id-card',
      claims,
      deviceKey: holder.publicJwk,
      signingKey: other.signingKey,
      validUntil: new Date('2027-06-01T00:00:00Z'),
    })
    await rejects(verify(await present({ of: foreign })), 'ERR_UNTRUSTED_ISSUER')
    const narrow = await readTrustList(await trustList({ documents: ['foreign-passport'] }), anchor.publicJwk, now)
    await rejects(verify(await present(), { trust: narrow }), 'ERR_UNTRUSTED_ISSUER')
  })

  it('refuses a trust list not signed by the pinned anchor', async () => {
    await rejects(
      readTrustList(await trustList({ signer: createTestKey() }), anchor.publicJwk, now),
      'ERR_SIGNATURE_INVALID',
    )
  })

  it('refuses a presentation signed by another device', async () => {
    await rejects(verify(await present({ key: createTestKey() })), 'ERR_KB_SIGNATURE_INVALID')
  })

  it('refuses tampered claims and signatures', async () => {
    const bytes = fromBase45((await present()).slice(4))
    const name = Buffer.from(bytes).indexOf('Testenko')
    const changedClaim = Uint8Array.from(bytes)
    changedClaim[name] = 'X'.charCodeAt(0)
    await rejects(verify(`PQ1:${toBase45(changedClaim)}`), 'ERR_DIGEST_MISMATCH')
    const changedSignature = Uint8Array.from(bytes)
    changedSignature[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1
    await rejects(verify(`PQ1:${toBase45(changedSignature)}`), 'ERR_KB_SIGNATURE_INVALID')
  })

  it('says a foreign code is not a Polis code', async () => {
    await rejects(verify('https://example.com/'), 'ERR_QR_FOREIGN')
    await rejects(verify('HC1:NCFOXN%TS3DH'), 'ERR_QR_FOREIGN')
  })

  it('refuses to show a claim the document does not have', async () => {
    await rejects(present({ disclose: ['tax_number'] }), 'ERR_BAD_REQUEST')
  })

  it('answers any garbled code with a PolisError', async () => {
    const valid = fromBase45((await present()).slice(4))
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const bytes = Uint8Array.from(valid)
        bytes[at] = (bytes[at] as number) ^ flip
        await assert.rejects(verify(`PQ1:${toBase45(bytes)}`), (error) => isPolisError(error))
      }),
      { numRuns: fuzzRuns(150) },
    )
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        await assert.rejects(verify(`PQ1:${text}`), (error) => isPolisError(error))
      }),
      { numRuns: fuzzRuns(150) },
    )
  })
})
