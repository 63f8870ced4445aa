import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { testEngine } from '@polis/store'
import type { TestKey } from '@polis/trust/testing'
import fc from 'fast-check'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { lvivResidence } from '../test/lviv-residence.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 30 })
})
after(() => t?.close())

// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
type Json = any

interface Phone {
  id: string
  citizenId: string
  key: TestKey
}

const phoneOf = (citizenId: string): Promise<Phone> => insertWalletDevice(t.platform.store, citizenId, t.now())

async function call(phone: Phone, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const jwt = await deviceJwt({
    device: phone,
    origin: t.origin,
    method,
    path: path.split('?')[0] as string,
    now: t.now(),
  })
  const response = await t.app.request(path, {
    method,
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'accept-language': 'en',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Json }
}

const newAddress = lvivResidence

const adult = () => t.citizens.find((c) => c.documents.includes('id-card')) as (typeof t.citizens)[number]

describe(`e-services over HTTP on ${testEngine}`, () => {
  it('lists the catalogue and publishes the definition schema', async () => {
    const services = (await (await t.app.request('/api/services')).json()) as Json[]
    assert.ok(services.some((s) => s.code === 'residence-registration' && s.decidedBy === 'rules'))
    const schema = (await (await t.app.request('/schemas/service-definition.json')).json()) as Json
    assert.equal(schema.title, 'Polis service definition')
  })

  it('registers an address: prefilled form, errors by field, one application per key, the registry updated', async () => {
    const citizen = adult()
    const phone = await phoneOf(citizen.id)
    const registered = await t.platform.store.db
      .selectFrom('persons')
      .select('address_since')
      .where('id', '=', citizen.id)
      .executeTakeFirstOrThrow()
    const form = await call(phone, 'GET', '/api/wallet/services/residence-registration/form')
    assert.equal(form.status, 200)
    assert.equal(form.body.eligible, true)
    assert.ok(String(form.body.prefilled.current_address).length > 10, 'the current address, from the register')

    const wrong = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'residence-registration', answers: { ...newAddress, postal_code: 'abc', street: '' } },
      { 'idempotency-key': 'key-wrong-1' },
    )
    assert.equal(wrong.status, 422)
    assert.equal(wrong.body.error.code, 'ERR_FORM_INVALID')
    assert.deepEqual(
      wrong.body.fields.map((f: Json) => f.field),
      ['street', 'postal_code'],
    )
    assert.equal(wrong.body.fields[0].message, 'Enter this.')

    const key = `key-${randomUUID()}`
    const first = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'residence-registration', answers: newAddress },
      { 'idempotency-key': key },
    )
    assert.equal(first.status, 201, JSON.stringify(first.body))
    assert.equal(first.body.status, 'completed')
    assert.deepEqual(
      first.body.events.map((e: Json) => e.type),
      ['submitted', 'prefilled', 'decided', 'output-issued', 'output-issued', 'completed'],
    )
    assert.equal(first.body.events[0].actor, `citizen:${citizen.id}`)
    const again = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'residence-registration', answers: newAddress },
      { 'idempotency-key': key },
    )
    assert.equal(again.body.id, first.body.id, 'a retry is the same application')
    const reused = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'appeal', answers: {} },
      { 'idempotency-key': key },
    )
    assert.equal(reused.status, 409)

    const [residence] = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'residence',
      citizenId: citizen.id,
      purpose: 'test',
    })
    const address = residence?.data.address as Json
    assert.equal(address.locality, 'Львів')
    assert.equal(address.street, 'вул. Городоцька')
    assert.equal(residence?.data.registered_since, t.now().toISOString().slice(0, 10))
    const history = residence?.data.history as Json[]
    assert.ok(history.length >= 2)
    assert.deepEqual(
      history[1],
      {
        address: form.body.prefilled.current_address,
        registered_from: registered.address_since,
        registered_to: t.now().toISOString().slice(0, 10),
      },
      'the old address joins the history, from when it was registered until today',
    )

    // The same address again: the rules refuse it, with their reason.
    const same = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'residence-registration', answers: newAddress },
      { 'idempotency-key': `key-${randomUUID()}` },
    )
    assert.equal(same.body.status, 'rejected')
    assert.equal(
      same.body.events.find((e: Json) => e.type === 'decided').reason,
      'You are already registered at this address.',
    )

    const inbox = await call(phone, 'GET', '/api/wallet/inbox')
    assert.ok(inbox.body.some((m: Json) => m.body.startsWith('Your address is registered.')))
    const list = await call(phone, 'GET', '/api/wallet/applications')
    assert.equal(list.body.length, 2)
  })

  it('makes one application of a double tap', async () => {
    const phone = await phoneOf(t.citizens[3]?.id as string)
    const key = `key-${randomUUID()}`
    const answers = {
      subject: 'Street lights',
      text: 'The street lights on my street are off every night.',
      answer_by_email: 'no',
    }
    const both = await Promise.all([
      call(phone, 'POST', '/api/wallet/applications', { service: 'appeal', answers }, { 'idempotency-key': key }),
      call(phone, 'POST', '/api/wallet/applications', { service: 'appeal', answers }, { 'idempotency-key': key }),
    ])
    assert.deepEqual(
      both.map((r) => r.status),
      [201, 201],
    )
    assert.equal(both[0].body.id, both[1].body.id)
    assert.equal(both[0].body.status, 'in-review', 'an appeal goes to an official')
    const rows = await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('client_key', '=', key)
      .execute()
    assert.equal(rows.length, 1)
  })

  it('names the question whose answer the registers refused, with their code', async () => {
    const mother = t.citizens.find(
      (c) => c.sex === 2 && Date.parse('2026-06-01') - Date.parse(c.birthDate) > 20 * 365.25 * 86_400_000,
    ) as (typeof t.citizens)[number]
    const phone = await phoneOf(mother.id)
    const refused = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      {
        service: 'birth-bundle',
        answers: {
          child_given_name: 'Марія',
          child_family_name: 'Шевченко',
          child_sex: '2',
          child_birth_date: '2026-05-20',
          birth_benefit: 'no',
          father: '1000000000',
        },
      },
      { 'idempotency-key': `key-${randomUUID()}` },
    )
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.code, 'ERR_UNKNOWN_TAXPAYER')
    assert.deepEqual(refused.body.fields, [{ field: 'father', message: refused.body.error.message }])
  })

  it('answers a retry with its first application even once the rules would keep it out, as a read gives it back', async () => {
    const citizen = t.citizens.filter((c) => c.documents.includes('id-card'))[4] as (typeof t.citizens)[number]
    const phone = await phoneOf(citizen.id)
    const idp = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      {
        service: 'idp-status',
        answers: { ...newAddress, reason: 'hostilities', moved_on: '2026-03-01' },
      },
      { 'idempotency-key': `key-${randomUUID()}` },
    )
    assert.equal(idp.body.status, 'completed', JSON.stringify(idp.body))
    const key = `key-${randomUUID()}`
    const cancel = () =>
      call(
        phone,
        'POST',
        '/api/wallet/applications',
        { service: 'idp-status-cancel', answers: { reason: 'returned' } },
        { 'idempotency-key': key },
      )
    const first = await cancel()
    assert.equal(first.status, 201)
    assert.equal(first.body.status, 'completed')
    // The cancellation took away what the service asks for: a new submission is refused...
    const fresh = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'idp-status-cancel', answers: { reason: 'returned' } },
      { 'idempotency-key': `key-${randomUUID()}` },
    )
    assert.equal(fresh.status, 422)
    assert.equal(fresh.body.error.code, 'ERR_NOT_ELIGIBLE')
    // ...but the retry of the first is answered with it.
    const again = await cancel()
    assert.equal(again.status, 201)
    assert.deepEqual(again.body, first.body, 'the submission’s answer is what a read gives back')

    // Decided: the citizen may say how easy it was, once.
    const rate = async (rating: unknown) => {
      const path = `/api/wallet/applications/${first.body.id}/rating`
      const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'POST', path, now: t.now() })
      const response = await t.app.request(path, {
        method: 'POST',
        headers: { authorization: `PolisDevice ${jwt}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rating }),
      })
      return { status: response.status, code: response.status === 204 ? undefined : (await response.json()).error.code }
    }
    assert.deepEqual(await rate(9), { status: 422, code: 'ERR_RATING_INVALID' })
    assert.deepEqual(await rate(5), { status: 204, code: undefined })
    assert.deepEqual(await rate(4), { status: 409, code: 'ERR_ALREADY_RATED' })
  })

  it('never shows one citizen’s application to another (any pair of citizens, any application)', async () => {
    const phones = await Promise.all([5, 6, 7].map((i) => phoneOf(t.citizens[i]?.id as string)))
    const made: Array<{ owner: number; id: string }> = []
    for (const [owner, phone] of phones.entries()) {
      const answers = {
        subject: 'A question',
        text: 'When is the next council meeting held, please?',
        answer_by_email: 'no',
      }
      const submitted = await call(
        phone,
        'POST',
        '/api/wallet/applications',
        { service: 'appeal', answers },
        { 'idempotency-key': `key-${randomUUID()}` },
      )
      made.push({ owner, id: submitted.body.id })
    }
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(2), async (reader, which) => {
        const application = made[which] as { owner: number; id: string }
        const read = await call(phones[reader] as Phone, 'GET', `/api/wallet/applications/${application.id}`)
        assert.equal(read.status, reader === application.owner ? 200 : 404)
      }),
      { numRuns: fuzzRuns(20) },
    )
  })

  it('refuses whom the rules keep out, saying why', async () => {
    const child = t.citizens.find((c) => {
      const born = c.birthDate ?? '2000-01-01'
      return Date.parse(t.now().toISOString()) - Date.parse(born) < 14 * 365.25 * 86_400_000
    })
    if (!child) return assert.fail('the seeded country has children')
    const phone = await phoneOf(child.id)
    const form = await call(phone, 'GET', '/api/wallet/services/residence-registration/form')
    assert.equal(form.body.eligible, false)
    assert.match(form.body.reasons[0], /from the age of 14/)
    const refused = await call(
      phone,
      'POST',
      '/api/wallet/applications',
      { service: 'residence-registration', answers: newAddress },
      { 'idempotency-key': `key-${randomUUID()}` },
    )
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.code, 'ERR_NOT_ELIGIBLE')
  })
})
