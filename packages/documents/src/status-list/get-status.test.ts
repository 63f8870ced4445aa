import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { createStatusList } from './create-status-list.ts'
import { getStatus } from './get-status.ts'
import { setStatus } from './set-status.ts'
import type { StatusBits } from './status-list.ts'

const malformed = (e: unknown) => isPolisError(e, 'ERR_MALFORMED')

describe('status list bit operations (draft-ietf-oauth-status-list-20, section 4.1)', () => {
  it('packs the 1-bit example of section 4.1 into 0xB9 0xA3, index 0 in the least significant bit', () => {
    const statuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    const list = createStatusList({ size: statuses.length, bits: 1 })
    for (const [index, status] of statuses.entries()) setStatus(list, index, status)
    assert.deepEqual([...list.bytes], [0xb9, 0xa3])
    assert.deepEqual(
      statuses.map((_, index) => getStatus(list, index)),
      statuses,
    )
  })

  it('packs the 2-bit example of section 4.1 into 0xC9 0x44 0xF9', () => {
    const statuses = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
    const list = createStatusList({ size: statuses.length, bits: 2 })
    for (const [index, status] of statuses.entries()) setStatus(list, index, status)
    assert.deepEqual([...list.bytes], [0xc9, 0x44, 0xf9])
    assert.deepEqual(
      statuses.map((_, index) => getStatus(list, index)),
      statuses,
    )
  })

  it('puts 4-bit index 1 in the high nibble and 8-bit entries one per byte', () => {
    const four = createStatusList({ size: 3, bits: 4 })
    setStatus(four, 1, 0xa)
    setStatus(four, 2, 0x5)
    assert.deepEqual([...four.bytes], [0xa0, 0x05])
    const eight = createStatusList({ size: 2, bits: 8 })
    setStatus(eight, 1, 0xfe)
    assert.deepEqual([...eight.bytes], [0x00, 0xfe])
  })

  it('allocates size * bits / 8 bytes, rounded up (section 4.1, step 2)', () => {
    assert.equal(createStatusList({ size: 9, bits: 1 }).bytes.length, 2)
    assert.equal(createStatusList({ size: 3, bits: 2 }).bytes.length, 1)
    assert.equal(createStatusList({ size: 1, bits: 8 }).bytes.length, 1)
  })

  it('rejects indexes outside the list and values that do not fit (section 8.3, step 6)', () => {
    const list = createStatusList({ size: 10, bits: 2 })
    for (const index of [-1, 10, 11, 1.5, Number.NaN]) {
      assert.throws(() => getStatus(list, index), malformed)
      assert.throws(() => setStatus(list, index, 0), malformed)
    }
    for (const value of [-1, 4, 0.5]) assert.throws(() => setStatus(list, 0, value), malformed)
  })

  it('rejects bad sizes and bits, and lists past the 16 MiB cap', () => {
    assert.throws(() => createStatusList({ size: 0, bits: 1 }), malformed)
    assert.throws(() => createStatusList({ size: 1.5, bits: 1 }), malformed)
    assert.throws(() => createStatusList({ size: 8, bits: 3 as StatusBits }), malformed)
    assert.throws(
      () => createStatusList({ size: 16 * 1024 * 1024 + 1, bits: 8 }),
      (e) => isPolisError(e, 'ERR_TOO_LARGE'),
    )
  })

  it('agrees with a Map model under random writes (property)', () => {
    const scenario = fc
      .record({ bits: fc.constantFrom<StatusBits>(1, 2, 4, 8), size: fc.integer({ min: 1, max: 300 }) })
      .chain(({ bits, size }) =>
        fc.record({
          bits: fc.constant(bits),
          size: fc.constant(size),
          writes: fc.array(
            fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: (1 << bits) - 1 })),
            { maxLength: 200 },
          ),
        }),
      )
    fc.assert(
      fc.property(scenario, ({ bits, size, writes }) => {
        const list = createStatusList({ size, bits })
        const model = new Map<number, number>()
        for (const [index, value] of writes) {
          setStatus(list, index, value)
          model.set(index, value)
        }
        for (let index = 0; index < size; index++) assert.equal(getStatus(list, index), model.get(index) ?? 0)
      }),
    )
  })
})
