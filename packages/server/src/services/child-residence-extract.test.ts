import assert from 'node:assert/strict'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { createServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 120 })
})
after(() => t?.close())

const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

/** The configurations a citizen's wallet is offered at its next refresh. */
async function offeredTo(citizenId: string): Promise<string[]> {
  const device = await insertWalletDevice(t.platform.store, citizenId, t.now())
  const path = '/api/wallet/offers'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, { method: 'POST', headers: { authorization: `PolisDevice ${jwt}` } })
  assert.equal(response.status, 201)
  return ((await response.json()) as { offer: { credential_configuration_ids: string[] } }).offer
    .credential_configuration_ids
}

/** The claims an SD-JWT VC discloses: each disclosure is base64url JSON `[salt, name, value]`. */
function disclosed(credential: string): Record<string, unknown> {
  const [, ...disclosures] = credential.split('~').filter(Boolean)
  return Object.fromEntries(
    disclosures.map((d) => {
      const [, name, value] = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as [string, string, unknown]
      return [name, value]
    }),
  )
}

describe(`a child's residence extract in the parent's wallet, on ${testEngine}`, () => {
  it('registering a young child’s address offers the parent the child’s extract, with the new address', async () => {
    const { db } = t.platform.store
    // A child under 14 and a parent of theirs, by the birth act; the child is old enough not to be a newborn.
    const births = await db
      .selectFrom('births')
      .innerJoin('persons', 'persons.id', 'births.child_id')
      .select(['births.certificate_number', 'births.child_id', 'births.mother_id', 'persons.birth_date'])
      .where('persons.birth_date', '>', '2016-01-01')
      .where('births.mother_id', 'is not', null)
      .orderBy('births.id')
      .execute()
    const birth = births[0]
    assert.ok(birth?.mother_id, 'a seeded child under 14 with a mother')
    const parent = birth.mother_id

    const engine = createServiceEngine(t.platform)
    const application = await submitApplication(engine.ports, {
      definition: engine.find('residence-registration-child'),
      citizenId: parent,
      clientKey: randomBytes(12).toString('base64url'),
      answers: {
        child: birth.certificate_number,
        region: 'Київська область',
        locality_type: 'м.',
        locality: 'Бровари',
        street: 'вул. Київська',
        house_number: '12',
        apartment: '3',
        postal_code: '07400',
      },
    })
    assert.equal(application.status, 'completed')
    const issued = application.events.find((e) => e.type === 'output-issued' && e.data.type === 'document')
    assert.equal(issued?.data.documentType, 'child-residence-extract')

    const offered = await offeredTo(parent)
    assert.ok(
      offered.some((c) => c.startsWith('child-residence-extract.')),
      offered.join(' '),
    )
    assert.ok(
      offered.some((c) => c.startsWith('residence-extract.')),
      'the parent keeps their own extract',
    )

    // The extract is the child's (names from the register's record of the child), held by the parent.
    const children = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'child-residence',
      citizenId: parent,
      purpose: 'test:child-residence',
    })
    const child = await db
      .selectFrom('persons')
      .select(['given_name', 'family_name', 'birth_date'])
      .where('id', '=', birth.child_id)
      .executeTakeFirstOrThrow()
    const credential = await t.issuer.issue({
      citizenId: parent,
      documentType: 'child-residence-extract',
      format: 'dc+sd-jwt',
      holderKey,
      recordId: birth.child_id,
    })
    const claims = disclosed(credential.credential)
    assert.equal(claims.given_name, child.given_name)
    assert.equal(claims.birth_date, child.birth_date)
    assert.match(String(claims.resident_address), /Бровари/)
    assert.match(String(claims.resident_address), /вул\. Київська/)
    assert.ok(children.some((r) => r.id === birth.child_id))
    // It ends when the child turns 14 and registers their own address.
    const fourteen = `${Number(child.birth_date.slice(0, 4)) + 14}${child.birth_date.slice(4)}`
    assert.ok(credential.expiresAt.toISOString().slice(0, 10) <= fourteen)

    // The parent is told; the child's own wallet is not where it goes.
    const inbox = await db.selectFrom('inbox_messages').select('body').where('citizen_id', '=', parent).execute()
    assert.ok(inbox.some((m) => /residence extract is waiting in your wallet/.test(m.body)))
  })

  it('offers no child’s extract to a citizen without a child under 14', async () => {
    const { db } = t.platform.store
    const young = await db
      .selectFrom('births')
      .innerJoin('persons', 'persons.id', 'births.child_id')
      .select(['births.mother_id', 'births.father_id'])
      .where('persons.birth_date', '>', '2012-01-01')
      .execute()
    const parents = new Set(young.flatMap((b) => [b.mother_id, b.father_id]))
    const adult = await db
      .selectFrom('persons')
      .select('id')
      .where('birth_date', '<', '1990-01-01')
      .orderBy('seq')
      .execute()
    const childless = adult.find((p) => !parents.has(p.id))
    assert.ok(childless)
    const records = await t.platform.queryRegistry({
      registry: 'population',
      kind: 'child-residence',
      citizenId: childless.id,
      purpose: 'test:child-residence',
    })
    assert.deepEqual(records, [])
    assert.ok(!(await offeredTo(childless.id)).some((c) => c.startsWith('child-residence-extract.')))
  })
})
