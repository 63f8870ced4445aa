import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { disclosableClaims, issueSdJwtVc, parseSdJwt, presentSdJwtVc, verifySdJwtVc } from './index.ts'
import { createTestHolder, createTestPki } from './test-pki.ts'

const now = new Date('2026-06-01T12:00:00Z')
const pki = await createTestPki()
const otherPki = await createTestPki()
const holder = createTestHolder()
const statusUri = 'https://polis.example/status/population/1'

const claims = {
  family_name: 'Шевченко',
  given_name: 'Тарас',
  birth_date: '1990-03-09',
  age_over_18: true,
  address: { locality: 'Київ', street_address: 'вул. Хрещатик, 1' },
  issuing_country: 'ZZ',
}

async function issue(overrides: Partial<Parameters<typeof issueSdJwtVc>[0]> = {}) {
  return issueSdJwtVc({
    issuer: 'https://polis.example/issuers/population',
    vct: 'https://polis.example/vct/id-card',
    claims,
    disclosable: ['family_name', 'given_name', 'birth_date', 'age_over_18', 'address'],
    holderKey: holder.jwk,
    status: { uri: statusUri, idx: 42 },
    signingKey: pki.signingKey,
    now,
    expiresAt: new Date('2027-06-01T00:00:00Z'),
    decoys: 3,
    ...overrides,
  })
}

const expected = { required: true, nonce: 'n-123', audience: 'https://verifier.example', maxAgeSeconds: 300 }

function verify(presentation: string, options: { status?: number; at?: Date; pkiOf?: typeof pki } = {}) {
  return verifySdJwtVc({
    presentation,
    verifyChain: (options.pkiOf ?? pki).verifyChain,
    expected,
    statusOf: () => options.status ?? 0,
    now: options.at ?? now,
  })
}

async function present(credential: string, disclose: string[]) {
  return presentSdJwtVc({
    credential,
    disclose,
    holderSign: holder.sign,
    nonce: 'n-123',
    audience: 'https://verifier.example',
    now,
  })
}

const rejects = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (e) => isPolisError(e) && e.code === code, code)

describe('SD-JWT VC issuance, presentation and verification', () => {
  it('issues a dc+sd-jwt with x5c, cnf, status, sorted digests and decoys (SD-JWT VC section 3.2)', async () => {
    const credential = await issue()
    const parsed = parseSdJwt(credential)
    assert.equal(parsed.jwt.header.typ, 'dc+sd-jwt')
    assert.equal(parsed.jwt.header.alg, 'ES256')
    assert.equal((parsed.jwt.header.x5c as string[]).length, 1)
    const sd = parsed.jwt.payload._sd as string[]
    assert.equal(sd.length, 5 + 3)
    assert.deepEqual([...sd].sort(), sd)
    assert.deepEqual(parsed.jwt.payload.status, { status_list: { idx: 42, uri: statusUri } })
    assert.equal(parsed.jwt.payload.issuing_country, 'ZZ')
    assert.equal(parsed.jwt.payload.family_name, undefined)
    assert.deepEqual(disclosableClaims(credential).sort(), [
      'address',
      'age_over_18',
      'birth_date',
      'family_name',
      'given_name',
    ])
  })

  it('discloses only what the holder chose, bound to nonce and audience', async () => {
    const presentation = await present(await issue(), ['age_over_18', 'given_name'])
    const verified = await verify(presentation)
    assert.deepEqual(verified.claims, { age_over_18: true, given_name: 'Тарас', issuing_country: 'ZZ' })
    assert.equal(verified.keyBound, true)
    assert.equal(verified.vct, 'https://polis.example/vct/id-card')
    assert.match(verified.issuer.subject, /Test Issuing Agency/)
  })

  it('answers revoked and suspended from the status list (Token Status List section 7)', async () => {
    const presentation = await present(await issue(), ['given_name'])
    await rejects(verify(presentation, { status: 1 }), 'ERR_REVOKED')
    await rejects(verify(presentation, { status: 2 }), 'ERR_SUSPENDED')
  })

  it('refuses an expired credential and an issuer from another root', async () => {
    const presentation = await present(await issue({ expiresAt: new Date('2026-05-01T00:00:00Z') }), ['given_name'])
    await rejects(verify(presentation), 'ERR_EXPIRED')
    const foreign = await present(await issue({ signingKey: otherPki.signingKey }), ['given_name'])
    await rejects(verify(foreign), 'ERR_UNTRUSTED_ISSUER')
    await rejects(verify(await present(await issue(), ['given_name']), { pkiOf: otherPki }), 'ERR_UNTRUSTED_ISSUER')
  })

  it('refuses a credential without key binding when one is required', async () => {
    await rejects(verify(await issue()), 'ERR_KB_MISSING')
  })

  it('refuses a presentation signed by another holder key', async () => {
    const thief = createTestHolder()
    const stolen = await presentSdJwtVc({
      credential: await issue(),
      disclose: ['given_name'],
      holderSign: thief.sign,
      nonce: 'n-123',
      audience: 'https://verifier.example',
      now,
    })
    await rejects(verify(stolen), 'ERR_KB_SIGNATURE_INVALID')
  })

  it('never accepts a mutated presentation and fails only with PolisErrors (fast-check)', async () => {
    const presentation = await present(await issue(), ['given_name', 'birth_date'])
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: presentation.length - 1 }),
        fc.constantFrom(...'AQw_-.~x0=+'),
        async (position, character) => {
          if (presentation[position] === character) return
          const mutated = presentation.slice(0, position) + character + presentation.slice(position + 1)
          try {
            await verify(mutated)
          } catch (error) {
            assert.ok(isPolisError(error), String(error))
            return
          }
          // Only a signature's unused trailing base64url bits may change without changing any byte.
          const bytes = (text: string) =>
            text.split(/[.~]/).map((part) => Buffer.from(part, 'base64url').toString('hex'))
          assert.deepEqual(bytes(mutated), bytes(presentation), 'a mutated presentation verified')
        },
      ),
      { numRuns: fuzzRuns(400) },
    )
  })

  it('fails with PolisErrors only on arbitrary input (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (input) => {
        await assert.rejects(verify(input), (e) => isPolisError(e))
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('refuses a claim that takes a name SD-JWT VC reserves (SD-JWT VC section 3.2.2)', async () => {
    for (const name of ['status', 'cnf', 'vct', 'iss']) {
      await rejects(issue({ claims: { ...claims, [name]: 'x' } }), 'ERR_BAD_REQUEST')
    }
  })

  it('rejects an oversized presentation', async () => {
    await rejects(verify(`${'a'.repeat(300 * 1024)}~`), 'ERR_TOO_LARGE')
  })
})
