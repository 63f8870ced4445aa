import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { errorBody, errorCodes, messageOf, PolisError } from './errors.ts'

const documented = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')

describe('error registry', () => {
  it('lists exactly the codes docs/errors.md documents, with the same HTTP status', () => {
    const rows = [...documented.matchAll(/^\| `(ERR_[A-Z0-9_]+)` \| (\d{3}) \|/gm)].map(
      (m) => [m[1], Number(m[2])] as const,
    )
    const inCode = Object.entries(errorCodes).map(([code, spec]) => [code, spec.status] as const)
    assert.deepEqual(new Map(rows), new Map(inCode))
  })

  it('has a message in every language for every code, none of them empty or alike across languages', () => {
    for (const [code, spec] of Object.entries(errorCodes)) {
      for (const language of ['en', 'uk', 'et'] as const) {
        assert.ok(spec.message[language].length > 5, `${code} ${language}`)
      }
      assert.notEqual(spec.message.uk, spec.message.en, code)
    }
  })

  it('answers unknown failures as ERR_INTERNAL without their message', () => {
    const body = errorBody(new Error('secret database password in message'))
    assert.equal(body.error.code, 'ERR_INTERNAL')
    assert.doesNotMatch(JSON.stringify(body), /secret/)
  })

  it('keeps the detail out of the user-facing message', () => {
    const error = new PolisError('ERR_REVOKED', { detail: 'list 7 index 42' })
    assert.equal(errorBody(error, 'uk').error.message, messageOf('ERR_REVOKED', 'uk'))
    assert.equal(error.status, 400)
  })
})
