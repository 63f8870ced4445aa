import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { advance, type Screen } from './journey.ts'

describe('wallet journey', () => {
  it('walks a new citizen from welcome to their documents', () => {
    let screen: Screen = { name: 'loading' }
    screen = advance(screen, { type: 'no-device' })
    assert.equal(screen.name, 'welcome')
    screen = advance(screen, { type: 'start' })
    assert.equal(screen.name, 'prove')
    screen = advance({ name: 'loading' }, { type: 'enrolment-returned', enrolmentToken: 'tok' })
    assert.deepEqual(screen, { name: 'set-pin', enrolmentToken: 'tok' })
    screen = advance(screen, { type: 'enrolled' })
    assert.equal(screen.name, 'receiving')
    screen = advance(screen, { type: 'progress', done: 2, total: 9 })
    assert.deepEqual(screen, { name: 'receiving', done: 2, total: 9 })
    screen = advance(screen, { type: 'received' })
    assert.equal(screen.name, 'documents')
  })

  it('ignores events a screen does not expect', () => {
    const documents: Screen = { name: 'documents' }
    assert.equal(advance(documents, { type: 'unlocked' }), documents)
    assert.equal(advance({ name: 'welcome' }, { type: 'received' }).name, 'welcome')
  })

  it('opens the devices and leaves for enrolment when this device was disconnected', () => {
    assert.deepEqual(advance({ name: 'documents' }, { type: 'open-settings' }), { name: 'settings' })
    assert.deepEqual(advance({ name: 'settings' }, { type: 'device-revoked' }), {
      name: 'welcome',
      error: 'device-revoked',
    })
    assert.deepEqual(advance({ name: 'receiving', done: 0, total: 0 }, { type: 'device-revoked' }).name, 'welcome')
  })

  it('sends a locked-out wallet back to enrolment with the reason', () => {
    assert.deepEqual(advance({ name: 'unlock' }, { type: 'locked-out' }), { name: 'welcome', error: 'locked-out' })
  })

  it('shows a document by QR and comes back to it; opens the history from the documents', () => {
    const shown = advance({ name: 'document', id: 'c1' }, { type: 'show-document', id: 'c1' })
    assert.deepEqual(shown, { name: 'show', id: 'c1' })
    assert.deepEqual(advance(shown, { type: 'back' }), { name: 'document', id: 'c1' })
    const history = advance({ name: 'documents' }, { type: 'open-history' })
    assert.deepEqual(history, { name: 'history' })
    assert.deepEqual(advance(history, { type: 'back' }), { name: 'documents' })
  })

  it('opens a sign-in request from the documents and returns to them', () => {
    const login = advance({ name: 'documents' }, { type: 'open-login', id: 'l1' })
    assert.deepEqual(login, { name: 'login', id: 'l1' })
    assert.deepEqual(advance(login, { type: 'back' }), { name: 'documents' })
    assert.deepEqual(advance(login, { type: 'locked-out' }), { name: 'welcome', error: 'locked-out' })
  })

  it('opens a signing request from the documents, and the signatures from it or from the documents', () => {
    const sign = advance({ name: 'documents' }, { type: 'open-sign', id: 's1' })
    assert.deepEqual(sign, { name: 'sign', id: 's1' })
    assert.deepEqual(advance(sign, { type: 'back' }), { name: 'documents' })
    assert.deepEqual(advance(sign, { type: 'locked-out' }), { name: 'welcome', error: 'locked-out' })
    const signatures = advance(sign, { type: 'open-signatures' })
    assert.deepEqual(signatures, { name: 'signatures' })
    assert.deepEqual(advance({ name: 'documents' }, { type: 'open-signatures' }), signatures)
    assert.deepEqual(advance(signatures, { type: 'back' }), { name: 'documents' })
  })

  it('asks for the transaction code of an offer that needs one, then receives', () => {
    const asked = advance({ name: 'documents' }, { type: 'offer-needs-code' })
    assert.deepEqual(asked, { name: 'tx-code' })
    assert.equal(advance(asked, { type: 'refresh' }).name, 'receiving')
    assert.deepEqual(advance({ name: 'documents' }, { type: 'failed', message: 'x' }), { name: 'error', message: 'x' })
  })

  it('opens the services from the documents, a service from them, and its application once submitted', () => {
    const services = advance({ name: 'documents' }, { type: 'open-services' })
    assert.deepEqual(services, { name: 'services' })
    const service = advance(services, { type: 'open-service', code: 'appeal' })
    assert.deepEqual(service, { name: 'service', code: 'appeal' })
    assert.deepEqual(advance(service, { type: 'back' }), services)
    const submitted = advance(service, { type: 'submitted', id: 'a1' })
    assert.deepEqual(submitted, { name: 'application', id: 'a1', from: 'service' })
    // Back from a new application is the list of them, where it now is, not the form again.
    assert.deepEqual(advance(submitted, { type: 'back' }), { name: 'applications' })
    // A document the application issued is received from there, then the documents show.
    assert.equal(advance(submitted, { type: 'refresh' }).name, 'receiving')
    assert.deepEqual(advance(services, { type: 'back' }), { name: 'documents' })
  })

  it('opens an application from the list or the inbox and goes back to where it came from', () => {
    const list = advance({ name: 'documents' }, { type: 'open-applications' })
    assert.deepEqual(list, { name: 'applications' })
    const fromList = advance(list, { type: 'open-application', id: 'a1' })
    assert.deepEqual(advance(fromList, { type: 'back' }), list)
    const inbox = advance({ name: 'documents' }, { type: 'open-inbox' })
    assert.deepEqual(inbox, { name: 'inbox' })
    const fromInbox = advance(inbox, { type: 'open-application', id: 'a1' })
    assert.deepEqual(fromInbox, { name: 'application', id: 'a1', from: 'inbox' })
    assert.deepEqual(advance(fromInbox, { type: 'back' }), inbox)
    assert.deepEqual(advance(inbox, { type: 'back' }), { name: 'documents' })
    assert.deepEqual(advance({ name: 'services' }, { type: 'open-applications' }), list)
    assert.deepEqual(advance({ name: 'services' }, { type: 'open-inbox' }), inbox)
    // From a bundle to one of its parts: back goes where the bundle was opened from.
    const part = advance(fromInbox, { type: 'open-application', id: 'a2' })
    assert.deepEqual(part, { name: 'application', id: 'a2', from: 'inbox' })
    assert.deepEqual(advance(part, { type: 'back' }), inbox)
    assert.deepEqual(advance(advance(fromList, { type: 'open-application', id: 'a2' }), { type: 'back' }), list)
  })

  it('leaves the e-services for enrolment when this device was disconnected', () => {
    for (const screen of [
      { name: 'services' },
      { name: 'service', code: 'appeal' },
      { name: 'applications' },
      { name: 'application', id: 'a1', from: 'applications' },
      { name: 'inbox' },
    ] as Screen[]) {
      assert.deepEqual(advance(screen, { type: 'device-revoked' }), { name: 'welcome', error: 'device-revoked' })
    }
    // A submission's answer arriving after the citizen left the form changes nothing.
    assert.deepEqual(advance({ name: 'services' }, { type: 'submitted', id: 'a1' }), { name: 'services' })
  })

  it('opens, once unlocked, the application paid for or the form left open, and goes back to the lists', () => {
    const paid = advance({ name: 'documents' }, { type: 'payment-returned', id: 'a1' })
    assert.deepEqual(paid, { name: 'application', id: 'a1', from: 'payment' })
    assert.deepEqual(advance(paid, { type: 'back' }), { name: 'applications' })
    const resumed = advance({ name: 'documents' }, { type: 'open-service', code: 'appeal' })
    assert.deepEqual(resumed, { name: 'service', code: 'appeal' })
    assert.deepEqual(advance(resumed, { type: 'back' }), { name: 'services' })
    // Not from the middle of another screen: a PIN or a form being filled in is not left behind.
    assert.deepEqual(advance({ name: 'unlock' }, { type: 'payment-returned', id: 'a1' }), { name: 'unlock' })
    assert.deepEqual(advance({ name: 'sign', id: 's1' }, { type: 'open-service', code: 'appeal' }), {
      name: 'sign',
      id: 's1',
    })
  })

  it('opens a business’s request from the documents or the shares, and the shares after answering', () => {
    const link = 'openid4vp://?client_id=x509_hash%3Aabc&request_uri=https%3A%2F%2Fpolis.test%2Fr'
    assert.deepEqual(advance({ name: 'documents' }, { type: 'open-share', link }), { name: 'share', link })
    assert.deepEqual(advance({ name: 'documents' }, { type: 'open-shares' }), { name: 'shares' })
    assert.deepEqual(advance({ name: 'shares' }, { type: 'open-share', link }), { name: 'share', link })
    assert.deepEqual(advance({ name: 'share', link }, { type: 'open-shares' }), { name: 'shares' })
    assert.deepEqual(advance({ name: 'share', link }, { type: 'back' }), { name: 'documents' })
    assert.deepEqual(advance({ name: 'share', link }, { type: 'locked-out' }), { name: 'welcome', error: 'locked-out' })
  })
})
