import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import {
  advanceBundle,
  advanceBundles,
  bundleOf,
  bundleProgress,
  decide,
  findApplication,
  listApplications,
  loadProactiveRules,
  processRegistryEvents,
  submitApplication,
} from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { unmarriedAdults } from '../test/unmarried-adults.ts'
import { createServiceEngine, type ServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let engine: ServiceEngine
before(async () => {
  t = await createTestPlatform({ citizens: 300 })
  engine = createServiceEngine(t.platform)
})
after(() => t?.close())

/** Unmarried parents, none used twice by these tests. */
let parents: Awaited<ReturnType<typeof unmarriedAdults>> | undefined
async function couple() {
  parents ??= await unmarriedAdults(t.platform.store)
  const mother = parents.women.shift()?.id
  const father = parents.men.shift()
  assert.ok(mother && father, 'the register has no more unmarried parents')
  return { mother, father }
}

const baby = (father: string, benefit: boolean) => ({
  child_given_name: 'Марія',
  child_family_name: 'Коваль',
  child_sex: '2',
  child_birth_date: '2026-05-20',
  father,
  birth_benefit: benefit ? 'yes' : 'no',
  ...(benefit ? { iban: 'UA213052990000026007015012345' } : {}),
})

async function fileBundle(mother: string, answers: Record<string, unknown>) {
  return submitApplication(engine.ports, {
    definition: engine.find('birth-bundle'),
    citizenId: mother,
    clientKey: `key-${randomUUID()}`,
    answers,
  })
}

/** The civil registry office's official decides the registration part. */
async function decideRegistration(mother: string, registrationId: string, outcome: 'approve' | 'reject') {
  const registration = await findApplication(t.platform.store, mother, registrationId)
  const submitted = registration.events.find((e) => e.type === 'submitted')?.data.answers as Record<string, unknown>
  await decide(engine.ports, engine.find('birth-registration'), registrationId, mother, {
    outcome,
    actor: 'official:test',
    reason: outcome === 'reject' ? 'the hospital certificate does not match' : null,
    answers: submitted,
  })
}

describe(`life-event bundles on ${testEngine}`, () => {
  it('the newborn package starts the birth registration, then the benefit once the birth is registered', async () => {
    const { mother, father } = await couple()
    const bundle = await fileBundle(mother, baby(father.taxNumber, true))
    assert.equal(bundle.status, 'in-progress')
    let parts = await bundleProgress(engine.ports, bundle)
    assert.deepEqual(
      parts.map((p) => [p.id, p.state]),
      [
        ['registration', 'in-review'],
        ['benefit', 'waiting'],
      ],
    )
    const registrationId = parts[0]?.applicationId as string
    // The civil registry office's queue has the registration; the citizen's list has the bundle only.
    const registration = await findApplication(t.platform.store, mother, registrationId)
    assert.equal(registration.serviceCode, 'birth-registration')
    assert.deepEqual(await bundleOf(engine.ports, registrationId), { id: bundle.id, serviceCode: 'birth-bundle' })
    assert.deepEqual(
      (await listApplications(t.platform.store, mother)).map((a) => a.id),
      [bundle.id],
    )

    await decideRegistration(mother, registrationId, 'approve')
    const done = await findApplication(t.platform.store, mother, bundle.id)
    assert.equal(done.status, 'completed')
    parts = await bundleProgress(engine.ports, done)
    assert.deepEqual(
      parts.map((p) => [p.id, p.state]),
      [
        ['registration', 'completed'],
        ['benefit', 'completed'],
      ],
    )
    // The benefit, decided by the social protection's rules from the registered birth.
    const benefit = await findApplication(t.platform.store, mother, parts[1]?.applicationId as string)
    assert.equal(benefit.serviceCode, 'child-benefit')
    const record = benefit.events.find((e) => e.type === 'output-issued' && e.data.type === 'record')
    const values = (record?.data.values ?? []) as Array<{ id: string; value: number }>
    assert.equal(values.find((v) => v.id === 'total')?.value, 4_128_000)
    const inbox = await t.platform.store.db
      .selectFrom('inbox_messages')
      .select(['application_id', 'body'])
      .where('citizen_id', '=', mother)
      .execute()
    assert.ok(inbox.some((m) => m.application_id === bundle.id && JSON.parse(m.body).en.startsWith('Every service')))

    // The birth's proactive offer goes to the father; the mother has the benefit from her bundle.
    await processRegistryEvents(t.platform.store, { rules: loadProactiveRules(), now: t.now() })
    const offers = await t.platform.store.db
      .selectFrom('proactive_offers')
      .select('citizen_id')
      .where('citizen_id', 'in', [mother, father.id])
      .execute()
    assert.deepEqual(
      offers.map((o) => o.citizen_id),
      [father.id],
    )
  })

  it('leaves out the benefit not asked for, and does not start it when the registration is refused', async () => {
    const first = await couple()
    const without = await fileBundle(first.mother, baby(first.father.taxNumber, false))
    const [registration] = await bundleProgress(engine.ports, without)
    await decideRegistration(first.mother, registration?.applicationId as string, 'approve')
    const skipped = await findApplication(t.platform.store, first.mother, without.id)
    assert.equal(skipped.status, 'completed')
    assert.deepEqual(
      (await bundleProgress(engine.ports, skipped)).map((p) => p.state),
      ['completed', 'skipped'],
    )

    const second = await couple()
    const refused = await fileBundle(second.mother, baby(second.father.taxNumber, true))
    const [part] = await bundleProgress(engine.ports, refused)
    await decideRegistration(second.mother, part?.applicationId as string, 'reject')
    const closed = await findApplication(t.platform.store, second.mother, refused.id)
    assert.equal(closed.status, 'completed')
    const parts = await bundleProgress(engine.ports, closed)
    assert.deepEqual(
      parts.map((p) => [p.state, p.after]),
      [
        ['rejected', undefined],
        ['cancelled', ['registration']],
      ],
    )
  })

  it('refuses at the bundle’s own question what its first part would refuse, and writes nothing', async () => {
    const { mother } = await couple()
    const before = await t.platform.store.db.selectFrom('applications').select('id').execute()
    await assert.rejects(
      fileBundle(mother, baby('1000000000', true)),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, 'ERR_UNKNOWN_TAXPAYER')
        assert.equal(error.field, 'father')
        return true
      },
    )
    await assert.rejects(
      fileBundle(mother, { ...baby('', true), child_given_name: 'Maria' }),
      (error: Error & { code?: string; fields?: Array<{ field: string }> }) => {
        assert.equal(error.code, 'ERR_FORM_INVALID')
        assert.deepEqual(
          error.fields?.map((f) => f.field),
          ['child_given_name'],
        )
        return true
      },
    )
    const after = await t.platform.store.db.selectFrom('applications').select('id').execute()
    assert.equal(after.length, before.length)
  })

  it('makes each part once when the bundle is moved on from several places at once', async () => {
    const { mother, father } = await couple()
    const bundle = await fileBundle(mother, baby(father.taxNumber, true))
    const [registration] = await bundleProgress(engine.ports, bundle)
    // The decision recorded as a crash would leave it: the bundle not yet moved on.
    const answers = (await findApplication(t.platform.store, mother, registration?.applicationId as string)).events[0]
      ?.data.answers as Record<string, unknown>
    const ports = { ...engine.ports, findServiceVersion: async () => Promise.reject(new Error('down')) }
    // Nothing to move on while the registration waits for its official.
    assert.equal(await advanceBundles(engine.ports), 0)
    t.now.advance(60)
    await decide(ports, engine.find('birth-registration'), registration?.applicationId as string, mother, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers,
    })
    assert.equal((await findApplication(t.platform.store, mother, bundle.id)).status, 'in-progress')
    // The sweep and two more hands at once.
    await Promise.all([
      advanceBundles(engine.ports),
      advanceBundle(engine.ports, bundle.id),
      advanceBundle(engine.ports, bundle.id),
    ])
    const parts = await t.platform.store.db
      .selectFrom('applications')
      .select('service_code')
      .where('bundle_id', '=', bundle.id)
      .execute()
    assert.deepEqual(parts.map((p) => p.service_code).sort(), ['birth-registration', 'child-benefit'])
    const done = await findApplication(t.platform.store, mother, bundle.id)
    assert.equal(done.status, 'completed')
    assert.equal(done.events.filter((e) => e.type === 'part-started').length, 2)
    assert.equal(done.events.filter((e) => e.type === 'completed').length, 1)
  })

  it('moving house registers the new address, then moves a displaced person’s certificate to it', async () => {
    const displaced = await t.platform.store.db.selectFrom('idp_statuses').select('citizen_id').execute()
    const persons = await t.platform.store.db
      .selectFrom('persons')
      .select(['id', 'birth_date'])
      .where('birth_date', '<=', '2006-01-01')
      .orderBy('seq')
      .execute()
    const idp = persons.find((p) => displaced.some((d) => d.citizen_id === p.id))
    const settled = persons.find((p) => !displaced.some((d) => d.citizen_id === p.id))
    assert.ok(idp && settled)
    const definition = engine.find('moving-house')
    const answers = definition.example?.answers ?? {}
    const move = (citizenId: string) =>
      submitApplication(engine.ports, { definition, citizenId, clientKey: `key-${randomUUID()}`, answers })

    const moved = await move(idp.id)
    assert.equal(moved.status, 'completed')
    const parts = await bundleProgress(engine.ports, moved)
    assert.deepEqual(
      parts.map((p) => [p.serviceCode, p.state]),
      [
        ['residence-registration', 'completed'],
        ['idp-address-change', 'completed'],
      ],
    )
    const [status] = await t.platform.store.db
      .selectFrom('idp_statuses')
      .select('current_address')
      .where('citizen_id', '=', idp.id)
      .execute()
    assert.match(status?.current_address ?? '', /Київська/)

    const other = await move(settled.id)
    assert.equal(other.status, 'completed')
    assert.deepEqual(
      (await bundleProgress(engine.ports, other)).map((p) => p.state),
      ['completed', 'skipped'],
    )
  })
})
