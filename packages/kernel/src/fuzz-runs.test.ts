import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fuzzScale } from './fuzz-runs.ts'

test('reads POLIS_FUZZ_SCALE as a positive multiplier, 1 when unset, and refuses anything else', () => {
  assert.equal(fuzzScale(undefined), 1)
  assert.equal(fuzzScale(''), 1)
  assert.equal(fuzzScale('40'), 40)
  assert.equal(fuzzScale('0.5'), 0.5)
  for (const wrong of ['0', '-3', 'many', 'Infinity']) assert.throws(() => fuzzScale(wrong), /POLIS_FUZZ_SCALE/)
})
