import assert from 'node:assert/strict'
import { createHmac, X509Certificate } from 'node:crypto'
import { describe, it } from 'node:test'
import { isPolisError, type SigningKey, toBase64url } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createChainCache } from '@polis/trust'
import fc from 'fast-check'
import { compactVerify } from 'jose'
import { createStatusList } from './create-status-list.ts'
import { createTestIssuer } from './create-test-issuer.ts'
import { encodeStatusList } from './encode-status-list.ts'
import { getStatus } from './get-status.ts'
import { setStatus } from './set-status.ts'
import { signStatusListToken } from './sign-status-list-token.ts'
import { StatusType } from './status-list.ts'
import { verifyStatusListToken } from './verify-status-list-token.ts'

const uri = 'https://status.polis.example/lists/1'
const now = new Date('2026-06-01T00:00:00Z')
const ours = await createTestIssuer()
const theirs = await createTestIssuer()

const list = createStatusList({ size: 1000, bits: 2 })
setStatus(list, 7, StatusType.INVALID)
setStatus(list, 999, StatusType.SUSPENDED)

const token = await signStatusListToken({
  uri,
  list,
  signingKey: ours.signingKey,
  now,
  ttlSeconds: 3600,
  validitySeconds: 86_400,
})

const is = (code: Parameters<typeof isPolisError>[1]) => (e: unknown) => isPolisError(e, code)
const verify = (t: string, at = now) =>
  verifyStatusListToken({ token: t, expectedUri: uri, trust: ours.anchors, now: at })
const json = (value: unknown) => toBase64url(JSON.stringify(value))
const x5c = (key: SigningKey) => key.chain.map((der) => Buffer.from(der).toString('base64'))
const payload = { sub: uri, iat: now.getTime() / 1000, status_list: encodeStatusList(list) }

/** A compact JWS over any header and payload, signed by a test key. */
async function forge(header: object, claims: object, key = ours.signingKey): Promise<string> {
  const input = `${json(header)}.${json(claims)}`
  return `${input}.${toBase64url(await key.sign(Buffer.from(input)))}`
}

describe('signStatusListToken and verifyStatusListToken (draft-ietf-oauth-status-list-20)', () => {
  it('section 5.1: round trips the list, iat, exp and ttl with an x5c chain to our anchor', () => {
    const verified = verify(token)
    assert.equal(getStatus(verified.list, 0), StatusType.VALID)
    assert.equal(getStatus(verified.list, 7), StatusType.INVALID)
    assert.equal(getStatus(verified.list, 999), StatusType.SUSPENDED)
    assert.equal(verified.iat, now.getTime() / 1000)
    assert.equal(verified.exp, verified.iat + 86_400)
    assert.equal(verified.ttl, 3600)
    assert.match(verified.issuer.leaf.subject, /CN=Test Status Issuer/)
  })

  it('section 5.1: writes typ statuslist+jwt, alg ES256, x5c in standard base64 and the required claims', async () => {
    const leaf = new X509Certificate(Buffer.from(ours.signingKey.chain[0] ?? assert.fail()))
    // An independent JOSE implementation accepts our signature.
    const { protectedHeader, payload: bytes } = await compactVerify(token, leaf.publicKey, { algorithms: ['ES256'] })
    assert.equal(protectedHeader.typ, 'statuslist+jwt')
    assert.deepEqual(protectedHeader.x5c, x5c(ours.signingKey))
    const claims = JSON.parse(Buffer.from(bytes).toString('utf8'))
    assert.deepEqual(Object.keys(claims), ['sub', 'iat', 'exp', 'ttl', 'status_list'])
    assert.equal(claims.sub, uri)
    const bare = await signStatusListToken({ uri, list, signingKey: ours.signingKey, now })
    const bareClaims = JSON.parse(Buffer.from(bare.split('.')[1] ?? '', 'base64url').toString('utf8'))
    assert.deepEqual(Object.keys(bareClaims), ['sub', 'iat', 'status_list'])
  })

  it('accepts a chain cache in place of anchors', () => {
    const cache = createChainCache(ours.anchors)
    const verified = verifyStatusListToken({ token, expectedUri: uri, trust: cache, now })
    assert.equal(getStatus(verified.list, 7), StatusType.INVALID)
  })

  it('RFC 8725 section 3.1: rejects alg none, HS256 and any alg but ES256 with ERR_UNSUPPORTED_ALGORITHM', async () => {
    const header = { typ: 'statuslist+jwt', x5c: x5c(ours.signingKey) }
    const none = `${json({ ...header, alg: 'none' })}.${json(payload)}.`
    assert.throws(() => verify(none), is('ERR_UNSUPPORTED_ALGORITHM'))
    const input = `${json({ ...header, alg: 'HS256' })}.${json(payload)}`
    const secret = ours.signingKey.chain[0] ?? assert.fail()
    const hs256 = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
    assert.throws(() => verify(hs256), is('ERR_UNSUPPORTED_ALGORITHM'))
    for (const alg of ['ES384', 'RS256', 'es256', 'EdDSA']) {
      assert.throws(() => verify(`${json({ ...header, alg })}.${json(payload)}.AAAA`), is('ERR_UNSUPPORTED_ALGORITHM'))
    }
  })

  it('section 5.1: rejects a typ other than statuslist+jwt, and critical headers (RFC 7515, 4.1.11)', async () => {
    const header = { alg: 'ES256', x5c: x5c(ours.signingKey) }
    for (const typ of [undefined, 'JWT', 'vc+sd-jwt', 'statuslist+cwt']) {
      assert.throws(() => verify(`${json({ ...header, typ })}.${json(payload)}.AAAA`), is('ERR_MALFORMED'))
    }
    const crit = await forge({ ...header, typ: 'statuslist+jwt', crit: ['b64'], b64: false }, payload)
    assert.throws(() => verify(crit), is('ERR_MALFORMED'))
    // RFC 7515, 4.1.9: the application/ prefix may be written out, in any case.
    const long = await forge({ ...header, typ: 'Application/StatusList+JWT' }, payload)
    assert.equal(getStatus(verify(long).list, 7), StatusType.INVALID)
  })

  it('section 5.1 rule 2: rejects a tampered payload or signature with ERR_SIGNATURE_INVALID', () => {
    const [h, p, s] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
    const cleared = createStatusList({ size: 1000, bits: 2 })
    const tampered = `${h}.${json({ ...claims, status_list: encodeStatusList(cleared) })}.${s}`
    assert.throws(() => verify(tampered), is('ERR_SIGNATURE_INVALID'))
    const signature = Buffer.from(s, 'base64url')
    signature[10] = (signature[10] ?? 0) ^ 0x01
    assert.throws(() => verify(`${h}.${p}.${toBase64url(signature)}`), is('ERR_SIGNATURE_INVALID'))
    assert.throws(() => verify(`${h}.${p}.${toBase64url(signature.subarray(0, 63))}`), is('ERR_SIGNATURE_INVALID'))
    assert.throws(() => verify(`${h}.${p}.`), is('ERR_SIGNATURE_INVALID'))
  })

  it('section 8.3 step 4a: rejects a token whose sub is not the referenced URI', () => {
    assert.throws(
      () => verifyStatusListToken({ token, expectedUri: `${uri}0`, trust: ours.anchors, now }),
      is('ERR_MALFORMED'),
    )
  })

  it('section 8.3 step 4c: an expired or not yet valid token gives ERR_STATUS_UNAVAILABLE', async () => {
    const exp = new Date(now.getTime() + 86_400_000)
    assert.throws(() => verify(token, exp), is('ERR_STATUS_UNAVAILABLE'))
    assert.throws(() => verify(token, new Date(exp.getTime() + 1000)), is('ERR_STATUS_UNAVAILABLE'))
    assert.equal(verify(token, new Date(exp.getTime() - 1000)).ttl, 3600)
    const header = { alg: 'ES256', typ: 'statuslist+jwt', x5c: x5c(ours.signingKey) }
    const early = await forge(header, { ...payload, nbf: now.getTime() / 1000 + 60 })
    assert.throws(() => verify(early), is('ERR_STATUS_UNAVAILABLE'))
  })

  it('section 11.3: rejects a chain from another root, no chain, or a certificate out of its validity', async () => {
    const foreign = await signStatusListToken({ uri, list, signingKey: theirs.signingKey, now })
    assert.throws(() => verify(foreign), is('ERR_UNTRUSTED_ISSUER'))
    const noX5c = await forge({ alg: 'ES256', typ: 'statuslist+jwt' }, payload)
    assert.throws(() => verify(noX5c), is('ERR_UNTRUSTED_ISSUER'))
    // Their key, our certificate: the signature fails against the key the chain vouches for.
    const header = { alg: 'ES256', typ: 'statuslist+jwt', x5c: x5c(ours.signingKey) }
    const swapped = await forge(header, payload, theirs.signingKey)
    assert.throws(() => verify(swapped), is('ERR_SIGNATURE_INVALID'))
    assert.throws(() => verify(token, new Date('2029-06-01T00:00:00Z')), is('ERR_UNTRUSTED_ISSUER'))
    const badX5c = await forge({ alg: 'ES256', typ: 'statuslist+jwt', x5c: ['not base64!'] }, payload)
    assert.throws(() => verify(badX5c), is('ERR_MALFORMED'))
  })

  it('rejects garbage with ERR_MALFORMED and an oversized token with ERR_TOO_LARGE', () => {
    for (const garbage of ['', 'abc', 'a.b', 'a.b.c', 'a.b.c.d', '..', `${json([])}.${json({})}.`, 'e30.e30.AAAA']) {
      assert.throws(() => verify(garbage), is('ERR_MALFORMED'), garbage)
    }
    assert.throws(() => verify(42 as unknown as string), is('ERR_MALFORMED'))
    assert.throws(() => verify('a'.repeat(4 * 1024 * 1024 + 1)), is('ERR_TOO_LARGE'))
    assert.throws(
      () => verifyStatusListToken({ token, expectedUri: uri, trust: ours.anchors, now, maxTokenLength: 100 }),
      is('ERR_TOO_LARGE'),
    )
  })

  it('checks its own options when signing', async () => {
    const base = { uri, list, signingKey: ours.signingKey, now }
    await assert.rejects(signStatusListToken({ ...base, uri: 'not a uri' }), is('ERR_MALFORMED'))
    await assert.rejects(signStatusListToken({ ...base, ttlSeconds: 0 }), is('ERR_MALFORMED'))
    await assert.rejects(signStatusListToken({ ...base, validitySeconds: 1.5 }), is('ERR_MALFORMED'))
    const chainless = { ...ours.signingKey, chain: [] }
    await assert.rejects(signStatusListToken({ ...base, signingKey: chainless }), is('ERR_CONFIG_INVALID'))
    const der = { ...ours.signingKey, sign: async () => new Uint8Array(70) }
    await assert.rejects(signStatusListToken({ ...base, signingKey: der }), is('ERR_INTERNAL'))
  })

  it('throws nothing but a PolisError on mutated tokens (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'AZaz09-_.=+/ "{}')), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const chars = [...token]
          for (const [at, char] of edits) chars[at] = char
          const mutated = chars.join('')
          try {
            verify(mutated)
            // An edit can leave the bytes as they were (the same character, or unused trailing bits).
          } catch (error) {
            assert.ok(isPolisError(error), String(error))
          }
        },
      ),
      { numRuns: fuzzRuns(300) },
    )
  })
})
