import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { Encoder, Tag } from 'cbor-x'
import fc from 'fast-check'
import { CborTag } from './cbor-tag.ts'
import { FullDate } from './full-date.ts'
import { readCbor } from './read-cbor.ts'

const maxBytes = 1024 * 1024
const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'))
const read = (text: string) => readCbor(hex(text), { maxBytes })
const malformed = (e: unknown) => isPolisError(e, 'ERR_MALFORMED')

describe('readCbor decodes the examples of RFC 8949 appendix A', () => {
  const examples: Array<[string, unknown]> = [
    ['00', 0],
    ['01', 1],
    ['0a', 10],
    ['17', 23],
    ['1818', 24],
    ['1819', 25],
    ['1864', 100],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['1bffffffffffffffff', 18446744073709551615n],
    ['c249010000000000000000', new CborTag({ tag: 2, value: hex('010000000000000000') })],
    ['3bffffffffffffffff', -18446744073709551616n],
    ['c349010000000000000000', new CborTag({ tag: 3, value: hex('010000000000000000') })],
    ['20', -1],
    ['29', -10],
    ['3863', -100],
    ['3903e7', -1000],
    ['f90000', 0],
    ['f98000', -0],
    ['f93c00', 1],
    ['fb3ff199999999999a', 1.1],
    ['f93e00', 1.5],
    ['f97bff', 65504],
    ['fa47c35000', 100000],
    ['fa7f7fffff', 3.4028234663852886e38],
    ['fb7e37e43c8800759c', 1.0e300],
    ['f90001', 2 ** -24], // 5.960464477539063e-8
    ['f90400', 2 ** -14], // 0.00006103515625
    ['f9c400', -4],
    ['fbc010666666666666', -4.1],
    ['f97c00', Number.POSITIVE_INFINITY],
    ['f97e00', Number.NaN],
    ['f9fc00', Number.NEGATIVE_INFINITY],
    ['fa7f800000', Number.POSITIVE_INFINITY],
    ['fa7fc00000', Number.NaN],
    ['faff800000', Number.NEGATIVE_INFINITY],
    ['fb7ff0000000000000', Number.POSITIVE_INFINITY],
    ['fb7ff8000000000000', Number.NaN],
    ['fbfff0000000000000', Number.NEGATIVE_INFINITY],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f7', undefined],
    ['c074323031332d30332d32315432303a30343a30305a', new Date('2013-03-21T20:04:00Z')],
    ['c11a514b67b0', new CborTag({ tag: 1, value: 1363896240 })],
    ['c1fb41d452d9ec200000', new CborTag({ tag: 1, value: 1363896240.5 })],
    ['d74401020304', new CborTag({ tag: 23, value: hex('01020304') })],
    ['d818456449455446', new CborTag({ tag: 24, value: hex('6449455446'), bytes: hex('d818456449455446') })],
    ['d82076687474703a2f2f7777772e6578616d706c652e636f6d', new CborTag({ tag: 32, value: 'http://www.example.com' })],
    ['40', new Uint8Array(0)],
    ['4401020304', hex('01020304')],
    ['60', ''],
    ['6161', 'a'],
    ['6449455446', 'IETF'],
    ['62225c', '"\\'],
    ['62c3bc', '\u00fc'],
    ['63e6b0b4', '\u6c34'],
    ['64f0908591', '\ud800\udd51'],
    ['80', []],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
    ['98190102030405060708090a0b0c0d0e0f101112131415161718181819', Array.from({ length: 25 }, (_, i) => i + 1)],
    ['a0', new Map()],
    [
      'a201020304',
      new Map([
        [1, 2],
        [3, 4],
      ]),
    ],
    [
      'a26161016162820203',
      new Map<string, unknown>([
        ['a', 1],
        ['b', [2, 3]],
      ]),
    ],
    ['826161a161626163', ['a', new Map([['b', 'c']])]],
    [
      'a56161614161626142616361436164614461656145',
      new Map(['a', 'b', 'c', 'd', 'e'].map((key) => [key, key.toUpperCase()])),
    ],
  ]

  for (const [encoded, expected] of examples) {
    it(`0x${encoded}`, () => assert.deepEqual(read(encoded), expected))
  }

  it('gives plain Uint8Array copies of byte strings, even from a Buffer', () => {
    const input = Buffer.from('4401020304', 'hex')
    const value = readCbor(input, { maxBytes })
    assert.equal(Object.getPrototypeOf(value), Uint8Array.prototype)
    input[1] = 0xff
    assert.deepEqual(value, hex('01020304'))
  })
})

describe('readCbor refuses what a strict decoder must (RFC 8949 sections 3, 5.6 and appendix F)', () => {
  it('every indefinite-length example of appendix A, and a lone break', () => {
    for (const encoded of [
      '5f42010243030405ff',
      '7f657374726561646d696e67ff',
      '9fff',
      '9f018202039f0405ffff',
      '9f01820203820405ff',
      '83018202039f0405ff',
      '83019f0203ff820405',
      '9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff',
      'bf61610161629f0203ffff',
      '826161bf61626163ff',
      'bf6346756ef563416d7421ff',
      'ff',
    ]) {
      assert.throws(() => read(encoded), malformed, encoded)
    }
  })

  it('simple values other than false, true, null and undefined (simple(16), simple(255), simple(24) in two bytes)', () => {
    for (const encoded of ['f0', 'f8ff', 'f818', 'e0']) assert.throws(() => read(encoded), malformed, encoded)
  })

  it('reserved additional information 28 to 30 in every major type', () => {
    for (let major = 0; major < 8; major++) {
      for (const info of [28, 29, 30]) {
        const encoded = ((major << 5) | info).toString(16).padStart(2, '0')
        assert.throws(() => read(encoded), malformed, encoded)
      }
    }
  })

  it('duplicate map keys, compared by value whatever the head length (section 5.6)', () => {
    for (const encoded of [
      'a2616101616102', // {"a": 1, "a": 2}
      'a20102180103', // {1: 2, 1: 3}, the second 1 in a two-byte head
      'a22001380002', // {-1: 1, -1: 2}, likewise
      'a21bffffffffffffffff001bffffffffffffffff01', // {2^64-1: 0, 2^64-1: 1}
    ]) {
      assert.throws(() => read(encoded), malformed, encoded)
    }
    // The text "a" and the number 1 are different keys; so are the number 1 and the text "1".
    assert.deepEqual(
      read('a3616101010261310a'),
      new Map<unknown, unknown>([
        ['a', 1],
        [1, 2],
        ['1', 10],
      ]),
    )
  })

  it('map keys that are not integers or text strings', () => {
    // h'': 0, 1.0: 1, []: 0, false: 1
    for (const encoded of ['a14000', 'a1f93c0001', 'a18000', 'a1f401']) {
      assert.throws(() => read(encoded), malformed, encoded)
    }
  })

  it('trailing bytes after the data item, empty input and truncation', () => {
    for (const encoded of ['0000', 'a0ff', '', '19', '1901', '62c3', '8201', 'a101', 'd818', 'fa0000']) {
      assert.throws(() => read(encoded), malformed, encoded)
    }
  })

  it('text that is not UTF-8, and keeps a leading byte order mark', () => {
    for (const encoded of ['62c328', '61ff', '63eda080', '62c0af'])
      assert.throws(() => read(encoded), malformed, encoded)
    assert.equal(read('63efbbbf'), '\ufeff')
  })

  it('tags 0, 24 and 1004 around the wrong content, and tag numbers beyond 2^53-1', () => {
    for (const encoded of [
      'c001',
      'c06a323031332d30332d3231',
      'c074323031332d30322d33305432303a30343a30305a',
      'c074323031332d30332d32315432343a30343a30305a',
      'd8186449455446',
      'd903ec6a313939302d30322d3330',
      'd903ec01',
      'dbffffffffffffffff00',
    ]) {
      assert.throws(() => read(encoded), malformed, encoded)
    }
  })

  it('reads tdates with offsets and fractions, and full-dates (RFC 3339, RFC 8943)', () => {
    const tdate = (text: string) => `c078${text.length.toString(16)}${Buffer.from(text).toString('hex')}`
    assert.deepEqual(read(tdate('2013-03-21T22:04:00.5+02:00')), new Date('2013-03-21T20:04:00.500Z'))
    assert.deepEqual(read(tdate('0001-01-01t00:00:00z')), new Date('0001-01-01T00:00:00Z'))
    assert.deepEqual(read('d903ec6a313939302d30312d3032'), new FullDate('1990-01-02'))
  })

  it('a depth bomb, of arrays, maps or tags, without exhausting the stack', () => {
    const deep = (head: string, tail: string) => hex(head.repeat(100_000) + tail)
    for (const bomb of [deep('81', '00'), deep('a100', '00'), deep('c6', '00')]) {
      assert.throws(() => readCbor(bomb, { maxBytes }), malformed)
    }
    let nested: unknown = 0
    for (let depth = 0; depth < 64; depth++) nested = [nested]
    assert.deepEqual(readCbor(hex(`${'81'.repeat(64)}00`), { maxBytes }), nested)
    assert.throws(() => readCbor(hex(`${'81'.repeat(65)}00`), { maxBytes }), malformed)
    assert.throws(() => readCbor(hex('818100'), { maxBytes, maxDepth: 1 }), malformed)
  })

  it('huge declared lengths in a short input, at once and without allocating', () => {
    const started = performance.now()
    for (const encoded of [
      '5b000000010000000000', // a bstr of 2^32 bytes
      '5affffffff0000000000',
      '7b000000010000000000',
      '9b000000010000000000', // an array of 2^32 items
      'bb000000010000000000',
      '5bffffffffffffffff00', // 2^64-1, beyond any number
      '9bffffffffffffffff00',
    ]) {
      assert.equal(hex(encoded).length, 10)
      assert.throws(() => read(encoded), malformed, encoded)
    }
    assert.ok(performance.now() - started < 100)
  })

  it('an input longer than maxBytes, before reading it', () => {
    assert.throws(() => readCbor(new Uint8Array(11), { maxBytes: 10 }), malformed)
    assert.throws(() => readCbor('00' as unknown as Uint8Array, { maxBytes }), malformed)
  })
})

/** A value to encode with cbor-x, and what readCbor must give back for it. */
type Pair = [encoded: unknown, expected: unknown]

const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, variableMapSize: true, tagUint8Array: false })
const encode = (value: unknown) => new Uint8Array(encoder.encode(value))
const same = (value: unknown): Pair => [value, value]

const leaf: fc.Arbitrary<Pair> = fc.oneof(
  fc.integer().map(same),
  fc.maxSafeInteger().map(same),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n }).map(same),
  // -2^64 fits a CBOR head, but cbor-x writes it as a tag-3 bignum.
  fc.bigInt({ min: -(2n ** 64n) + 1n, max: -(2n ** 53n) }).map(same),
  fc
    .double()
    .filter((value) => !Object.is(value, -0))
    .map(same),
  fc.string({ unit: 'grapheme' }).map(same),
  fc
    .string({ unit: 'binary' })
    .filter((text) => text.isWellFormed())
    .map(same),
  fc.uint8Array({ maxLength: 40 }).map(same),
  fc.constantFrom(true, false, null, undefined).map(same),
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((date): Pair => [new Tag(date.toISOString(), 0), date]),
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date): Pair => {
      const day = date.toISOString().slice(0, 10)
      return [new Tag(day, 1004), new FullDate(day)]
    }),
  fc.uint8Array({ maxLength: 300 }).map((content): Pair => {
    const tag = new Tag(content, 24)
    return [tag, new CborTag({ tag: 24, value: content, bytes: encode(tag) })]
  }),
)

const { value: cborValue } = fc.letrec<{ value: Pair }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }).map((pairs): Pair => [pairs.map(([e]) => e), pairs.map(([, x]) => x)]),
    fc
      .uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('value')), {
        maxLength: 5,
        selector: ([key]) => key,
      })
      .map(
        (entries): Pair => [
          new Map(entries.map(([key, [e]]) => [key, e])),
          new Map(entries.map(([key, [, x]]) => [key, x])),
        ],
      ),
    fc
      .tuple(
        fc.integer({ min: 1, max: 2 ** 32 - 1 }).filter((tag) => tag !== 24 && tag !== 1004),
        tie('value'),
      )
      .map(([tag, [e, x]]): Pair => [new Tag(e, tag), new CborTag({ tag, value: x })]),
  ),
}))

describe('readCbor on generated input (property)', () => {
  it('reads back what cbor-x writes, for every type it supports', () => {
    fc.assert(
      fc.property(cborValue, ([encoded, expected]) => {
        assert.deepEqual(readCbor(encode(encoded), { maxBytes }), expected)
      }),
      { numRuns: fuzzRuns(1000) },
    )
  })

  it('throws nothing but ERR_MALFORMED on random bytes or on mutated valid encodings', () => {
    const mutated = fc.tuple(cborValue, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([[encoded], index, xor]) => {
      const bytes = encode(encoded)
      bytes[index % bytes.length] = (bytes[index % bytes.length] ?? 0) ^ xor
      return bytes
    })
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), (bytes) => {
        try {
          readCbor(bytes, { maxBytes })
        } catch (error) {
          assert.ok(malformed(error), `not ERR_MALFORMED: ${String(error)}`)
        }
      }),
      { numRuns: fuzzRuns(2000) },
    )
  })
})
