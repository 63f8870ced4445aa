import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { advance, type Screen } from './journey.ts'
import type { Verdict } from './lib/verdict.ts'

const refused: Verdict = { valid: false, code: 'ERR_QR_FOREIGN', checkedAt: new Date('2026-06-01T10:00:00Z') }

describe('verifier journey', () => {
  it('goes from scanning through the check to the verdict and back to scanning', () => {
    let screen: Screen = { name: 'scan' }
    screen = advance(screen, { type: 'checking' })
    assert.equal(screen.name, 'checking')
    screen = advance(screen, { type: 'checked', verdict: refused })
    assert.deepEqual(screen, { name: 'verdict', verdict: refused })
    screen = advance(screen, { type: 'scan-next' })
    assert.equal(screen.name, 'scan')
  })

  it('checks a typed code and returns from it', () => {
    const typing = advance({ name: 'scan' }, { type: 'type-code' })
    assert.equal(typing.name, 'type-code')
    assert.equal(advance(typing, { type: 'back' }).name, 'scan')
    assert.equal(advance(typing, { type: 'checking' }).name, 'checking')
  })

  it('starts a check from any screen but a check in progress', () => {
    assert.equal(advance({ name: 'verdict', verdict: refused }, { type: 'checking' }).name, 'checking')
    assert.equal(advance({ name: 'settings' }, { type: 'checking' }).name, 'checking')
  })

  it('leaves a check in progress only with its verdict', () => {
    const checking: Screen = { name: 'checking' }
    assert.equal(advance(checking, { type: 'open-settings' }), checking)
    assert.equal(advance(checking, { type: 'back' }), checking)
    assert.equal(advance(checking, { type: 'scan-next' }), checking)
  })

  it('opens the settings from the scan and verdict screens and goes back to scanning', () => {
    assert.equal(advance({ name: 'scan' }, { type: 'open-settings' }).name, 'settings')
    assert.equal(advance({ name: 'verdict', verdict: refused }, { type: 'open-settings' }).name, 'settings')
    assert.equal(advance({ name: 'settings' }, { type: 'back' }).name, 'scan')
    assert.equal(advance({ name: 'settings' }, { type: 'checked', verdict: refused }).name, 'settings')
  })
})
