import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { chainCheck } from './verify-chain.ts'

describe('the chain check', () => {
  it('answers bytes that are not a certificate with a stable code, never a crypto library error', () => {
    const check = chainCheck([])
    const garbage = new TextEncoder().encode('-----BEGIN nothing-----')
    assert.throws(
      () => check(garbage, []),
      (error) => isPolisError(error, 'ERR_SIGNER_UNTRUSTED'),
    )
    assert.throws(
      () => check(new Uint8Array([0x30, 0x82, 0x01]), [garbage, new Uint8Array()]),
      (error) => isPolisError(error, 'ERR_SIGNER_UNTRUSTED'),
    )
  })
})
