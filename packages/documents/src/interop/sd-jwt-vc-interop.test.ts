import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { epochSeconds, isPolisError, toBase64url } from '@polis/kernel'
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs'
import { type SDJWTVCConfig, SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { z } from 'zod'
import { issueSdJwtVc, presentSdJwtVc, verifySdJwtVc } from '../sd-jwt/index.ts'
import {
  createStatusList,
  createStatusListCache,
  StatusType,
  setStatus,
  signStatusListToken,
} from '../status-list/index.ts'
import { checkX509Chain } from './check-x509-chain.ts'
import { createInteropKey, createInteropPki } from './create-interop-pki.ts'

// Interoperability of Polis's SD-JWT VC (RFC 9901, draft-ietf-oauth-sd-jwt-vc) and Token
// Status List (draft-ietf-oauth-status-list) with the OpenWallet Foundation reference
// implementation, @sd-jwt/sd-jwt-vc 0.19. The library takes its clock in seconds.
const now = new Date('2026-06-01T12:00:00Z')
const currentDate = epochSeconds(now)
const pki = await createInteropPki()
const stranger = await createInteropPki()
const holder = createInteropKey()
const statusUri = 'https://polis.example/status/population/1'
const issuer = 'https://polis.example/issuers/population'
const vct = 'https://polis.example/vct/id-card'
const nonce = 'n-0S6_WzA2Mj'
const audience = 'https://verifier.example'
const idx = { valid: 3, revoked: 7, suspended: 9 }

const claims = {
  family_name: 'Шевченко',
  given_name: 'Тарас',
  birth_date: '1990-03-09',
  // Astral-plane characters are four UTF-8 bytes and two UTF-16 code units.
  place_of_birth: 'Моринці 🌻 𝔘',
  age_over_18: true,
  address: {
    locality: 'Київ',
    street_address: 'вул. Хрещатик, 1',
    postal_code: '01001',
    geo: { lat: 50.45, lon: 30.52 },
  },
  nationalities: ['UA', 'ZZ'],
  issuing_country: 'ZZ',
}
const disclosable = [
  'family_name',
  'given_name',
  'birth_date',
  'place_of_birth',
  'age_over_18',
  'address',
  'nationalities',
]
const holderJwk = { kty: 'EC', crv: 'P-256', x: holder.publicJwk.x, y: holder.publicJwk.y }

const list = createStatusList({ size: 64, bits: 2 })
setStatus(list, idx.revoked, StatusType.INVALID)
setStatus(list, idx.suspended, StatusType.SUSPENDED)
const statusListToken = await signStatusListToken({
  uri: statusUri,
  list,
  signingKey: pki.signingKey,
  now,
  ttlSeconds: 300,
})

function issue(options: { status?: number; signingKey?: typeof pki.signingKey } = {}) {
  return issueSdJwtVc({
    issuer,
    vct,
    claims,
    disclosable,
    holderKey: holder.publicJwk,
    status: { uri: statusUri, idx: options.status ?? idx.valid },
    signingKey: options.signingKey ?? pki.signingKey,
    now,
    expiresAt: new Date('2027-06-01T00:00:00Z'),
    decoys: 4,
  })
}

type LibraryVerifier = NonNullable<SDJWTVCConfig['verifier']>
type LibraryKbVerifier = NonNullable<SDJWTVCConfig['kbVerifier']>

const JoseHeader = z.object({ alg: z.literal('ES256'), typ: z.string(), x5c: z.array(z.string()).min(1) })
const Cnf = z.object({ jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }) })

/**
 * The library hands its verifier only the signing input and the signature, so the key is
 * found the way any SD-JWT VC verifier would: the `x5c` of the protected header, checked
 * to end at our anchor (node:crypto, not @polis/trust). The crypto-nodejs verifier answers
 * false on a bad signature and the library turns false into an error.
 */
function x5cVerifier(typ: string, trusted: Uint8Array[]): LibraryVerifier {
  return async (data, signature) => {
    const header = JoseHeader.safeParse(JSON.parse(Buffer.from(data.split('.')[0] ?? '', 'base64url').toString('utf8')))
    if (!header.success || header.data.typ !== typ) return false
    const chain = header.data.x5c.map((der) => new Uint8Array(Buffer.from(der, 'base64')))
    const leaf = checkX509Chain({ chain, trusted, at: now })
    const verify = await ES256.getVerifier(leaf.publicKey.export({ format: 'jwk' }))
    return verify(data, signature)
  }
}

/** The key-binding JWT must be signed by the key in the credential's `cnf.jwk` (RFC 7800). */
const cnfVerifier: LibraryKbVerifier = async (data, signature, payload) => {
  const verify = await ES256.getVerifier(Cnf.parse(payload.cnf).jwk)
  return verify(data, signature)
}

/** The reference verifier, fetching our Status List Token and checking it with the same x5c rule. */
function referenceVerifier(overrides: Partial<SDJWTVCConfig> = {}) {
  return new SDJwtVcInstance({
    hasher: digest,
    verifier: x5cVerifier('dc+sd-jwt', [pki.anchor]),
    kbVerifier: cnfVerifier,
    statusListFetcher: async (uri) => {
      assert.equal(uri, statusUri)
      return statusListToken
    },
    statusVerifier: x5cVerifier('statuslist+jwt', [pki.anchor]),
    ...overrides,
  })
}

/** Replaces the issuer-signed JWT's payload, keeping its header, signature and disclosures. */
function tamperPayload(credential: string, change: (payload: Record<string, unknown>) => void): string {
  const [header = '', payload = ''] = credential.split('.')
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  change(decoded)
  return `${header}.${toBase64url(JSON.stringify(decoded))}${credential.slice(header.length + 1 + payload.length)}`
}

const registered = {
  iss: issuer,
  vct,
  cnf: { jwk: holderJwk },
  status: { status_list: { idx: idx.valid, uri: statusUri } },
}

describe('Polis-issued SD-JWT VC verified by @sd-jwt/sd-jwt-vc (RFC 9901 section 7, SD-JWT VC section 3)', () => {
  it('verifies signature (x5c to our anchor), all disclosures, decoys and status, with the same claims as Polis', async () => {
    const credential = await issue()
    const result = await referenceVerifier().verify(credential, { currentDate })
    assert.equal(result.header?.typ, 'dc+sd-jwt')
    assert.equal(result.header?.alg, 'ES256')
    assert.deepEqual(result.payload, {
      ...registered,
      iat: currentDate,
      exp: epochSeconds(new Date('2027-06-01T00:00:00Z')),
      ...claims,
    })
    const ours = await verifySdJwtVc({
      presentation: credential,
      verifyChain: pki.verifyChain,
      expected: { required: false, maxAgeSeconds: 300 },
      statusOf: () => StatusType.VALID,
      now,
    })
    const { iss, iat, exp, vct: type, cnf, status, ...theirClaims } = result.payload
    assert.deepEqual(theirClaims, ours.claims)
    assert.deepEqual(
      { iss, iat, exp, vct: type, cnf, status },
      {
        iss: ours.issuer.iss,
        iat: epochSeconds(ours.issuedAt ?? assert.fail()),
        exp: epochSeconds(ours.expiresAt ?? assert.fail()),
        vct: ours.vct,
        cnf: { jwk: ours.holderKey },
        status: { status_list: ours.status },
      },
    )
  })

  it('verifies a Polis presentation (SD-JWT+KB, section 4.3) with keyBindingNonce: sd_hash, nonce, aud, only the chosen claims', async () => {
    const presentation = await presentSdJwtVc({
      credential: await issue(),
      disclose: ['given_name', 'address', 'age_over_18'],
      holderSign: holder.sign,
      nonce,
      audience,
      now,
    })
    const result = await referenceVerifier().verify(presentation, { currentDate, keyBindingNonce: nonce })
    const { iss, iat, exp, vct: type, cnf, status, ...disclosed } = result.payload
    assert.deepEqual(disclosed, {
      given_name: claims.given_name,
      address: claims.address,
      age_over_18: true,
      issuing_country: 'ZZ',
    })
    assert.equal(result.kb?.header.typ, 'kb+jwt')
    // The library checks nonce and sd_hash itself; aud and iat are left to the caller (RFC 9901 section 7.3 step 5).
    assert.equal(result.kb?.payload.aud, audience)
    assert.equal(result.kb?.payload.iat, currentDate)
  })

  it('reads the Polis Status List Token (draft-ietf-oauth-status-list section 8.3): 0, 1 and 2 where Polis set them', async () => {
    const seen: number[] = []
    const library = referenceVerifier({
      statusValidator: async (status) => {
        seen.push(status)
      },
    })
    for (const entry of [idx.valid, idx.revoked, idx.suspended]) {
      await library.verify(await issue({ status: entry }), { currentDate })
    }
    assert.deepEqual(seen, [StatusType.VALID, StatusType.INVALID, StatusType.SUSPENDED])
  })

  it('rejects a credential whose status list entry is revoked (1) or suspended (2)', async () => {
    for (const entry of [idx.revoked, idx.suspended]) {
      await assert.rejects(
        referenceVerifier().verify(await issue({ status: entry }), { currentDate }),
        /Status is not valid/,
      )
    }
  })

  it('rejects a tampered payload: the positive tests above can fail', async () => {
    const forged = tamperPayload(await issue(), (payload) => {
      payload.issuing_country = 'UA'
    })
    await assert.rejects(referenceVerifier().verify(forged, { currentDate }), /Invalid JWT Signature/)
  })

  it('rejects a credential signed under another root, and a status list token signed under another root', async () => {
    await assert.rejects(
      referenceVerifier().verify(await issue({ signingKey: stranger.signingKey }), { currentDate }),
      /does not end at a trusted root/,
    )
    const foreignToken = await signStatusListToken({ uri: statusUri, list, signingKey: stranger.signingKey, now })
    await assert.rejects(
      referenceVerifier({ statusListFetcher: async () => foreignToken }).verify(await issue(), { currentDate }),
      /Status List JWT verification failed/,
    )
  })

  it('rejects a presentation for another nonce, or with a key-binding JWT the holder key did not sign', async () => {
    const credential = await issue()
    const present = (holderSign: typeof holder.sign) =>
      presentSdJwtVc({ credential, disclose: ['given_name'], holderSign, nonce, audience, now })
    await assert.rejects(
      referenceVerifier().verify(await present(holder.sign), { currentDate, keyBindingNonce: 'another-nonce' }),
      /Invalid Nonce/,
    )
    await assert.rejects(
      referenceVerifier().verify(await present(createInteropKey().sign), { currentDate, keyBindingNonce: nonce }),
      /Invalid JWT Signature/,
    )
  })
})

describe('@sd-jwt/sd-jwt-vc-issued SD-JWT VC verified by Polis (RFC 9901 sections 4.2 and 7)', async () => {
  const library = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
    signer: await ES256.getSigner(pki.issuer.privateJwk),
    signAlg: 'ES256',
    kbSigner: await ES256.getSigner(holder.privateJwk),
    kbSignAlg: 'ES256',
  })
  const x5c = [Buffer.from(pki.certificate).toString('base64')]
  const libraryIssue = (status: number) =>
    library.issue(
      {
        iss: issuer,
        iat: currentDate,
        exp: currentDate + 365 * 86_400,
        vct,
        cnf: { jwk: holderJwk },
        status: { status_list: { idx: status, uri: statusUri } },
        ...claims,
      },
      {
        _sd: ['family_name', 'given_name', 'birth_date', 'place_of_birth', 'age_over_18', 'address', 'nationalities'],
        _sd_decoy: 3,
        // Nested object properties and array elements (sections 4.2.2 and 4.2.4.2).
        address: { _sd: ['street_address', 'postal_code'], _sd_decoy: 1 },
        nationalities: { _sd: [0, 1] },
      },
      { header: { typ: 'dc+sd-jwt', x5c } },
    )
  const libraryPresent = (credential: string) =>
    library.present(
      credential,
      { given_name: true, place_of_birth: true, address: { street_address: true }, nationalities: { 1: true } },
      { kb: { payload: { iat: currentDate, aud: audience, nonce } } },
    )
  const statusOf = createStatusListCache({
    fetchToken: async (uri) => {
      assert.equal(uri, statusUri)
      return statusListToken
    },
    trust: pki.anchors,
    now: () => now,
  })
  const verify = (presentation: string) =>
    verifySdJwtVc({
      presentation,
      verifyChain: pki.verifyChain,
      expected: { required: true, nonce, audience, maxAgeSeconds: 300 },
      statusOf,
      now,
    })

  it('verifies a library presentation with nested and array-element disclosures and a KB-JWT; claims match', async () => {
    const presentation = await libraryPresent(await libraryIssue(idx.valid))
    // The reference accepts its own presentation too, so both sides judge the same bytes.
    await referenceVerifier().verify(presentation, { currentDate, keyBindingNonce: nonce })
    const verified = await verify(presentation)
    assert.equal(verified.vct, vct)
    assert.equal(verified.keyBound, true)
    assert.deepEqual(verified.holderKey, holderJwk)
    assert.deepEqual(verified.status, { uri: statusUri, idx: idx.valid })
    assert.deepEqual(verified.claims, {
      given_name: claims.given_name,
      place_of_birth: claims.place_of_birth,
      address: { locality: 'Київ', street_address: claims.address.street_address, geo: claims.address.geo },
      nationalities: ['ZZ'],
      issuing_country: 'ZZ',
    })
  })

  it('checks the status of a library-issued credential in our list: revoked gives ERR_REVOKED', async () => {
    const presentation = await libraryPresent(await libraryIssue(idx.revoked))
    await assert.rejects(verify(presentation), (e) => isPolisError(e, 'ERR_REVOKED'))
  })

  it('rejects a library presentation whose nonce is not ours: the positive test above can fail', async () => {
    const presentation = await library.present(
      await libraryIssue(idx.valid),
      { given_name: true },
      { kb: { payload: { iat: currentDate, aud: audience, nonce: 'replayed' } } },
    )
    await assert.rejects(verify(presentation), (e) => isPolisError(e, 'ERR_KB_NONCE_MISMATCH'))
  })
})
