import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { crc32, inflateSync } from 'node:zlib'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { portraitOf } from './portrait.ts'

interface Chunk {
  type: string
  data: Buffer
}

/** Splits PNG bytes into chunks, checking the signature and every CRC (ISO/IEC 15948 section 5). */
function readPng(bytes: Uint8Array): Chunk[] {
  const buffer = Buffer.from(bytes)
  assert.deepEqual([...buffer.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const chunks: Chunk[] = []
  let offset = 8
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset)
    const type = buffer.toString('latin1', offset + 4, offset + 8)
    const data = buffer.subarray(offset + 8, offset + 8 + length)
    assert.equal(
      buffer.readUInt32BE(offset + 8 + length),
      crc32(buffer.subarray(offset + 4, offset + 8 + length)),
      `${type} CRC`,
    )
    chunks.push({ type, data })
    offset += 12 + length
  }
  return chunks
}

describe('synthetic portraits', () => {
  it('are valid 48x60 4-bit palette PNGs whose image data inflates to the expected size', () => {
    const chunks = readPng(portraitOf(123456789, { sex: 2, age: 34 }))
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['IHDR', 'PLTE', 'IDAT', 'IEND'],
    )
    const header = chunks[0]?.data
    assert.ok(header)
    assert.equal(header.readUInt32BE(0), 48)
    assert.equal(header.readUInt32BE(4), 60)
    assert.deepEqual([...header.subarray(8)], [4, 3, 0, 0, 0])
    const raw = inflateSync(chunks[2]?.data ?? Buffer.alloc(0))
    assert.equal(raw.length, 60 * (1 + 24))
    const paletteSize = (chunks[1]?.data.length ?? 0) / 3
    for (let y = 0; y < 60; y++) {
      assert.equal(raw[y * 25], 0, 'filter type None')
      for (let i = 1; i < 25; i++) {
        const byte = raw[y * 25 + i] ?? 0
        assert.ok(byte >> 4 < paletteSize && (byte & 15) < paletteSize, 'indexes stay in the palette')
      }
    }
  })

  it('stay under 1.5 KB and are the same for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 0, max: 100 }),
        (seed, sex, age) => {
          const png = portraitOf(seed, { sex, age })
          assert.ok(png.length < 1536, `${png.length} bytes`)
          assert.deepEqual(portraitOf(seed, { sex, age }), png)
        },
      ),
      { numRuns: fuzzRuns(200) },
    )
  })

  it('differ between seeds', () => {
    const distinct = new Set<string>()
    for (let seed = 0; seed < 50; seed++) distinct.add(Buffer.from(portraitOf(seed)).toString('base64'))
    assert.ok(distinct.size >= 45)
  })
})
