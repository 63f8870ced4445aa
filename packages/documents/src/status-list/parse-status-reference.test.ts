import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import { parseStatusReference } from './parse-status-reference.ts'
import { statusClaim } from './status-claim.ts'

const malformed = (e: unknown) => isPolisError(e, 'ERR_MALFORMED')
const uri = 'https://example.com/statuslists/1'

describe('statusClaim and parseStatusReference (draft-ietf-oauth-status-list-20, section 6.2)', () => {
  it('builds the status claim of the section 6.2 example and reads it back', () => {
    const claim = statusClaim({ uri, idx: 0 })
    assert.deepEqual(claim, { status_list: { idx: 0, uri } })
    assert.deepEqual(parseStatusReference(claim), { uri, idx: 0 })
    assert.deepEqual(parseStatusReference(JSON.parse(JSON.stringify(claim))), { uri, idx: 0 })
  })

  it('section 6.1: ignores other status mechanisms and extra members', () => {
    const value = { status_list: { idx: 5, uri, extension: true }, other_mechanism: {} }
    assert.deepEqual(parseStatusReference(value), { uri, idx: 5 })
  })

  it('rejects a missing status_list, an idx that is not a non-negative integer, and a uri that is not a URI', () => {
    const bad = [
      undefined,
      null,
      'status',
      {},
      { status_list: null },
      { status_list: { idx: 0 } },
      { status_list: { uri } },
      { status_list: { idx: -1, uri } },
      { status_list: { idx: 1.5, uri } },
      { status_list: { idx: '1', uri } },
      { status_list: { idx: 2 ** 53, uri } },
      { status_list: { idx: 0, uri: '/statuslists/1' } },
      { status_list: { idx: 0, uri: 42 } },
      { idx: 0, uri },
    ]
    for (const value of bad) assert.throws(() => parseStatusReference(value), malformed, JSON.stringify(value))
    assert.throws(() => statusClaim({ uri: 'relative', idx: 0 }), malformed)
    assert.throws(() => statusClaim({ uri, idx: -1 }), malformed)
  })

  it('round trips any valid reference and throws only ERR_MALFORMED on anything else (property)', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.nat(), (url, idx) => {
        assert.deepEqual(parseStatusReference(statusClaim({ uri: url, idx })), { uri: url, idx })
      }),
    )
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ status_list: fc.anything() })), (value) => {
        try {
          parseStatusReference(value)
        } catch (error) {
          assert.ok(malformed(error), String(error))
        }
      }),
    )
  })
})
