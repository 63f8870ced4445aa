import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { describe, it } from 'node:test'
import { inflateSync } from 'node:zlib'
import { epochSeconds } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { compactVerify, decodeProtectedHeader, importX509, jwtVerify } from 'jose'
import { z } from 'zod'
import { createStatusList, type StatusBits, setStatus, signStatusListToken } from '../status-list/index.ts'
import { checkX509Chain } from './check-x509-chain.ts'
import { createInteropPki } from './create-interop-pki.ts'

// A Polis Token Status List (draft-ietf-oauth-status-list, sections 4 and 5.1) checked with
// panva/jose for the JWS and node:zlib for the list, not with Polis's own verifier.
const now = new Date('2026-06-01T12:00:00Z')
const uri = 'https://polis.example/status/population/1'
const pki = await createInteropPki()
const stranger = await createInteropPki()

const StatusListClaim = z.object({ bits: z.literal([1, 2, 4, 8]), lst: z.string().regex(/^[A-Za-z0-9_-]+$/) })
const X5c = z.array(z.string()).min(1)

/** The signer's key as jose sees it: the x5c leaf, once the chain is checked to end at our anchor. */
async function keyFromX5c(token: string, trusted = pki.anchor) {
  const x5c = X5c.parse(decodeProtectedHeader(token).x5c)
  const chain = x5c.map((der) => new Uint8Array(Buffer.from(der, 'base64')))
  const leaf = checkX509Chain({ chain, trusted: [trusted], at: now })
  return importX509(new X509Certificate(leaf.raw).toString(), 'ES256')
}

/** Section 4.1: status i takes `bits` bits of the inflated bytes, from the least significant bit of byte 0. */
function readStatuses(bytes: Uint8Array, bits: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => {
    const bit = index * bits
    return ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & ((1 << bits) - 1)
  })
}

async function sign(statuses: number[], bits: StatusBits, options: { validitySeconds?: number } = {}) {
  const list = createStatusList({ size: statuses.length, bits })
  for (const [index, status] of statuses.entries()) setStatus(list, index, status)
  return signStatusListToken({ uri, list, signingKey: pki.signingKey, now, ttlSeconds: 300, ...options })
}

const verifyOptions = { typ: 'statuslist+jwt', subject: uri, algorithms: ['ES256'], currentDate: now }

describe('Polis Status List Token verified by jose (draft-ietf-oauth-status-list sections 5.1 and 8.3)', () => {
  it('jwtVerify and compactVerify accept it with the x5c leaf key: ES256, typ statuslist+jwt, sub, iat, ttl', async () => {
    const statuses = [0, 1, 2, 0, 3, 0, 0, 1, 2, 2, 0, 1]
    const token = await sign(statuses, 2)
    const key = await keyFromX5c(token)
    const { payload, protectedHeader } = await jwtVerify(token, key, verifyOptions)
    assert.equal(protectedHeader.typ, 'statuslist+jwt')
    assert.equal(protectedHeader.alg, 'ES256')
    assert.equal(payload.sub, uri)
    assert.equal(payload.iat, epochSeconds(now))
    assert.equal(payload.ttl, 300)
    const compact = await compactVerify(token, key, { algorithms: ['ES256'] })
    assert.deepEqual(JSON.parse(new TextDecoder().decode(compact.payload)), payload)
    const { bits, lst } = StatusListClaim.parse(payload.status_list)
    // inflateSync, not inflateRawSync: lst must be a ZLIB stream (RFC 1950), section 4.1 step 4.
    assert.deepEqual(readStatuses(inflateSync(Buffer.from(lst, 'base64url')), bits, statuses.length), statuses)
  })

  it('any statuses at 1, 2, 4 or 8 bits inflate to exactly what Polis set (property)', async () => {
    const bitsAndStatuses = fc
      .constantFrom<StatusBits>(1, 2, 4, 8)
      .chain((bits) => fc.tuple(fc.constant(bits), fc.array(fc.nat((1 << bits) - 1), { minLength: 1, maxLength: 300 })))
    await fc.assert(
      fc.asyncProperty(bitsAndStatuses, async ([bits, statuses]) => {
        const token = await sign(statuses, bits)
        const { payload } = await jwtVerify(token, await keyFromX5c(token), verifyOptions)
        const claim = StatusListClaim.parse(payload.status_list)
        assert.equal(claim.bits, bits)
        assert.deepEqual(
          readStatuses(inflateSync(Buffer.from(claim.lst, 'base64url')), bits, statuses.length),
          statuses,
        )
      }),
      { numRuns: fuzzRuns(40) },
    )
  })

  it('jose rejects it when tampered, past its exp, or checked against another root: the test above can fail', async () => {
    const token = await sign([0, 1], 1, { validitySeconds: 60 })
    const key = await keyFromX5c(token)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const changed = Buffer.from(payload, 'base64url').toString('utf8').replace(`"sub":"${uri}"`, `"sub":"${uri}/2"`)
    await assert.rejects(
      jwtVerify(`${header}.${Buffer.from(changed).toString('base64url')}.${signature}`, key, verifyOptions),
      { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
    )
    await assert.rejects(jwtVerify(token, key, { ...verifyOptions, currentDate: new Date(now.getTime() + 61_000) }), {
      code: 'ERR_JWT_EXPIRED',
    })
    await assert.rejects(keyFromX5c(token, stranger.anchor), /does not end at a trusted root/)
  })
})
