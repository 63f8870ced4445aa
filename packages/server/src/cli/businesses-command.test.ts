import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { newCliInstance, runPolis } from '../test/cli-instance.ts'

describe(`polis businesses on ${testEngine}`, () => {
  it('registers a business of the register, has an approver approve it, and gives and revokes API keys', async () => {
    const instance = await newCliInstance('businesses')
    const polis = (...args: string[]) => runPolis(instance, args)
    assert.equal(polis('seed', '--citizens', '5', '--seed', 'b').code, 0)
    const [approver, clerk] = JSON.parse(polis('citizens', '--json').stdout) as Array<{ id: string }>
    assert.equal(
      polis('officials', 'add', '--citizen', approver?.id ?? '', '--agency', 'tax-service', '--role', 'approver').code,
      0,
    )
    assert.equal(
      polis('officials', 'add', '--citizen', clerk?.id ?? '', '--agency', 'tax-service', '--role', 'clerk').code,
      0,
    )

    const unknown = polis(
      'businesses',
      'add',
      '--register-number',
      '49999999',
      '--contact',
      'a@b.example',
      '--privacy-contact',
      'dpo@b.example',
      '--purpose',
      'kyc:Know the customer:id-card=given_name',
    )
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /ERR_NOT_IN_BUSINESS_REGISTER/)
    const added = polis(
      'businesses',
      'add',
      '--register-number',
      '40000017',
      '--contact',
      'partners@bank.example',
      '--privacy-contact',
      'dpo@bank.example',
      '--json',
      '--purpose',
      'open-account:To open an account:id-card=family_name,given_name,birth_date,tax_number,resident_address',
    )
    assert.equal(added.code, 0, added.stderr)
    const business = JSON.parse(added.stdout) as { id: string; legalName: string; status: string }
    assert.equal(business.legalName, 'Demo Bank')
    assert.equal(business.status, 'pending')
    // Who may register it on the web: the people the business register names for it.
    const named = polis('businesses', 'representatives', '40000017', '--json')
    assert.equal(named.code, 0, named.stderr)
    const representatives = JSON.parse(named.stdout) as Array<{ registerNumber: string; role: string }>
    assert.ok(representatives.every((r) => r.registerNumber === '40000017'))
    assert.equal(representatives.filter((r) => r.role === 'director').length, 1)

    const byClerk = polis('businesses', 'approve', business.id, '--official', clerk?.id ?? '')
    assert.equal(byClerk.code, 1)
    assert.match(byClerk.stderr, /ERR_FORBIDDEN/)
    const approved = polis('businesses', 'approve', business.id, '--official', approver?.id ?? '', '--json')
    assert.equal(approved.code, 0, approved.stderr)
    const approval = JSON.parse(approved.stdout) as {
      business: { clientId: string }
      webhookSecret: string
      apiKey: string
    }
    assert.match(approval.business.clientId, /^x509_hash:/)
    assert.match(approval.webhookSecret, /^whsec_/)
    assert.match(approval.apiKey, /^pk_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$/)

    const second = JSON.parse(polis('businesses', 'key', business.id, '--json').stdout) as { apiKey: string }
    assert.notEqual(second.apiKey, approval.apiKey)
    assert.equal(polis('businesses', 'revoke-key', business.id, '--key', second.apiKey).code, 0)
    const listed = JSON.parse(polis('businesses', 'list', '--json').stdout) as Array<{ status: string }>
    assert.deepEqual(
      listed.map((b) => b.status),
      ['approved'],
    )
    assert.equal(polis('businesses', 'revoke', business.id, '--official', approver?.id ?? '').code, 0)
    assert.equal(polis('businesses', 'key', business.id).code, 1)
  })
})
