import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { purposeIn, RequestRegistration } from './read-share-request.ts'

const registration = (descriptions?: Record<string, string>) =>
  RequestRegistration.parse({
    client_id: 'x509_hash:abc',
    legal_name: 'Demo Bank',
    register_number: '40000017',
    purpose: { id: 'open-account', description: 'To open an account', ...(descriptions ? { descriptions } : {}) },
    documents: [],
  })

describe('the purpose in the citizen’s language (issue 7)', () => {
  it('says the words the business gave in the wallet’s language, else its registered words', () => {
    const given = registration({ uk: 'Щоб відкрити рахунок', et: 'Konto avamiseks' })
    assert.equal(purposeIn(given, 'uk'), 'Щоб відкрити рахунок')
    assert.equal(purposeIn(given, 'et'), 'Konto avamiseks')
    assert.equal(purposeIn(given, 'en'), 'To open an account', 'no English given: the registered words')
    assert.equal(purposeIn(registration(), 'et'), 'To open an account', 'a registration of before')
    assert.equal(purposeIn(undefined, 'uk'), undefined, 'another instance’s business')
  })
})
