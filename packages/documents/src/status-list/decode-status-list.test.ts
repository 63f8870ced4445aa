import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { isPolisError, toBase64url } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { z } from 'zod'
import { createStatusList } from './create-status-list.ts'
import { decodeStatusList } from './decode-status-list.ts'
import { encodeStatusList } from './encode-status-list.ts'
import { getStatus } from './get-status.ts'
import { setStatus } from './set-status.ts'
import type { StatusList } from './status-list.ts'

const Vectors = z.object({
  small: z.array(
    z.object({
      name: z.string(),
      bits: z.number(),
      size: z.number(),
      byte_array_hex: z.string(),
      json: z.object({ bits: z.number(), lst: z.string() }),
      statuses: z.array(z.number()),
    }),
  ),
  long: z.array(
    z.object({
      name: z.string(),
      bits: z.number(),
      size: z.number(),
      json: z.object({ bits: z.number(), lst: z.string() }),
      statuses_set: z.array(z.object({ index: z.number(), status: z.number() })),
    }),
  ),
})
const vectors = Vectors.parse(
  JSON.parse(
    readFileSync(new URL('../../../../../shared/vectors/status-list/test-vectors.json', import.meta.url), 'utf8'),
  ),
)

const malformed = (e: unknown) => isPolisError(e, 'ERR_MALFORMED')
const tooLarge = (e: unknown) => isPolisError(e, 'ERR_TOO_LARGE')
const b64u = (bytes: Uint8Array) => toBase64url(bytes)

function sameList(a: StatusList, b: StatusList) {
  assert.equal(a.bits, b.bits)
  assert.equal(a.size, b.size)
  assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)))
}

describe('decodeStatusList and encodeStatusList (draft-ietf-oauth-status-list-20)', () => {
  for (const vector of vectors.small) {
    it(`section 4.2 example, ${vector.name}: decodes to the listed statuses and encodes back to the same lst`, () => {
      const list = decodeStatusList(vector.json)
      assert.equal(list.bits, vector.bits)
      assert.equal(Buffer.from(list.bytes).toString('hex'), vector.byte_array_hex)
      assert.deepEqual(
        vector.statuses.map((_, index) => getStatus(list, index)),
        vector.statuses,
      )
      const built = createStatusList({ size: vector.size, bits: list.bits })
      for (const [index, status] of vector.statuses.entries()) setStatus(built, index, status)
      // Our zlib at level 9 reproduces the draft's bytes exactly for these small lists.
      assert.deepEqual(encodeStatusList(built), vector.json)
    })
  }

  for (const vector of vectors.long) {
    it(`appendix C test vector, ${vector.name}: exactly the listed statuses over 2^20 entries, and round trips`, () => {
      const list = decodeStatusList(vector.json)
      assert.equal(list.bits, vector.bits)
      assert.equal(list.size, vector.size)
      const expected = new Map(vector.statuses_set.map(({ index, status }) => [index, status]))
      for (let index = 0; index < list.size; index++) {
        const status = getStatus(list, index)
        if (status !== (expected.get(index) ?? 0)) assert.fail(`index ${index}: ${status}`)
      }
      sameList(decodeStatusList(encodeStatusList(list)), list)
    })
  }

  it('section 4.1 step 4: lst is ZLIB (header 78 da), unpadded base64url', () => {
    const { lst } = encodeStatusList(createStatusList({ size: 100, bits: 1 }))
    assert.match(lst, /^[A-Za-z0-9_-]+$/)
    assert.equal(Buffer.from(lst, 'base64url').subarray(0, 2).toString('hex'), '78da')
  })

  it('section 4.2: rejects bits other than 1, 2, 4, 8 and members of the wrong type', () => {
    const { lst } = vectors.small[0]?.json ?? assert.fail()
    for (const bits of [0, 3, 5, 16, '1', 1.5, null]) assert.throws(() => decodeStatusList({ bits, lst }), malformed)
    for (const value of [undefined, null, 'x', [], { bits: 1 }, { lst }, { bits: 1, lst: 7 }]) {
      assert.throws(() => decodeStatusList(value), malformed)
    }
  })

  it('section 11.1: rejects lst that is not strict base64url or not one complete ZLIB stream', () => {
    const bytes = new Uint8Array([0xb9, 0xa3])
    const zlib = deflateSync(bytes)
    const cases = {
      padded: `${b64u(zlib)}==`,
      'base64 alphabet': 'eNrb+RgAAhcB/Q',
      'raw DEFLATE': b64u(deflateRawSync(bytes)),
      gzip: b64u(gzipSync(bytes)),
      truncated: b64u(zlib.subarray(0, zlib.length - 2)),
      'trailing bytes': b64u(Buffer.concat([zlib, Buffer.from([0])])),
      'bad checksum': b64u(Buffer.concat([zlib.subarray(0, -1), Buffer.from([(zlib.at(-1) ?? 0) ^ 1])])),
      empty: '',
    }
    for (const [name, lst] of Object.entries(cases)) {
      assert.throws(() => decodeStatusList({ bits: 1, lst }), malformed, name)
    }
  })

  it('section 11.1: refuses a decompression bomb with ERR_TOO_LARGE (16 MiB cap, or the one given)', () => {
    const bomb = b64u(deflateSync(Buffer.alloc(16 * 1024 * 1024 + 1)))
    assert.ok(bomb.length < 40_000)
    assert.throws(() => decodeStatusList({ bits: 1, lst: bomb }), tooLarge)
    const lst = b64u(deflateSync(Buffer.alloc(1025)))
    assert.throws(() => decodeStatusList({ bits: 1, lst }, { maxBytes: 1024 }), tooLarge)
    assert.equal(decodeStatusList({ bits: 1, lst }, { maxBytes: 1025 }).size, 1025 * 8)
  })

  it('round trips random lists (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4, 8), fc.uint8Array({ minLength: 1, maxLength: 512 }), (bits, bytes) => {
        const list = decodeStatusList(encodeStatusList({ bits, size: (bytes.length * 8) / bits, bytes }))
        assert.ok(Buffer.from(list.bytes).equals(Buffer.from(bytes)))
      }),
    )
  })

  it('throws nothing but a PolisError on random and mutated input (property)', () => {
    const valid = deflateSync(Buffer.from([0xb9, 0xa3, 0x00, 0xff]))
    const mutated = fc
      .record({
        at: fc.nat({ max: valid.length - 1 }),
        byte: fc.integer({ min: 0, max: 255 }),
        cut: fc.nat({ max: valid.length }),
        tail: fc.uint8Array({ maxLength: 4 }),
      })
      .map(({ at, byte, cut, tail }) => {
        const copy = Buffer.from(valid)
        copy[at] = byte
        return b64u(Buffer.concat([copy.subarray(0, cut), tail]))
      })
    const input = fc.oneof(
      fc.anything(),
      fc.record({ bits: fc.oneof(fc.constantFrom(1, 2, 4, 8), fc.anything()), lst: fc.oneof(fc.string(), mutated) }),
      fc.record({ bits: fc.constantFrom(1, 2, 4, 8), lst: mutated }),
      fc.record({ bits: fc.constantFrom(1, 2, 4, 8), lst: fc.uint8Array().map(b64u) }),
    )
    fc.assert(
      fc.property(input, (value) => {
        try {
          decodeStatusList(value)
        } catch (error) {
          assert.ok(isPolisError(error), String(error))
        }
      }),
      { numRuns: fuzzRuns(2000) },
    )
  })
})
