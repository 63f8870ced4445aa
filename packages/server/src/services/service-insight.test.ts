import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { decide, pageReached, rateApplication, serviceInsight, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { createServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 60 })
})
after(() => t?.close())

const address = (i: number) => ({
  region: 'Київська область',
  locality_type: 'м.',
  locality: 'Бровари',
  street: 'вул. Київська',
  house_number: String(100 + i),
  postal_code: '07400',
  basis: 'owner',
})

describe(`an agency's insight into its services, on ${testEngine}`, () => {
  it('counts applications by week, finished and open, times decisions, finds where forms are left, and averages ratings', async () => {
    const engine = createServiceEngine(t.platform)
    const adults = t.citizens.filter(
      (c) => Date.parse('2026-06-01') - Date.parse(c.birthDate) > 20 * 365.25 * 86_400_000,
    )
    const [a, b, c, d] = adults as [(typeof adults)[0], (typeof adults)[0], (typeof adults)[0], (typeof adults)[0]]
    const day = 86_400

    // Sixteen days before the end: two addresses registered by the rules at once.
    const first = await submitApplication(engine.ports, {
      definition: engine.find('residence-registration'),
      citizenId: a.id,
      clientKey: `key-${randomUUID()}`,
      answers: address(1),
    })
    await submitApplication(engine.ports, {
      definition: engine.find('residence-registration'),
      citizenId: b.id,
      clientKey: `key-${randomUUID()}`,
      answers: address(2),
    })
    t.now.advance(14 * day)
    // Then an ID card renewal an official decides two days later, and one still open.
    const renewal = engine.find('id-card-renewal')
    const renewalAnswers = { reason: 'expiring', centre_city: 'Ужгород', phone: '+380 50 123 4567' }
    const decided = await submitApplication(engine.ports, {
      definition: renewal,
      citizenId: c.id,
      clientKey: `key-${randomUUID()}`,
      answers: renewalAnswers,
    })
    await submitApplication(engine.ports, {
      definition: renewal,
      citizenId: d.id,
      clientKey: `key-${randomUUID()}`,
      answers: renewalAnswers,
    })
    t.now.advance(2 * day)
    await decide(engine.ports, renewal, decided.id, c.id, {
      outcome: 'reject',
      actor: 'official:test',
      reason: 'The photo is missing.',
      answers: renewalAnswers,
    })
    // Two drafts left on the new address page, one on the last; one saved just now is not left yet.
    const draft = async (citizenId: string, answers: Record<string, unknown>, savedAt: Date) =>
      t.platform.store.db
        .insertInto('application_drafts')
        .values({
          citizen_id: citizenId,
          service_code: 'residence-registration',
          answers: JSON.stringify(answers),
          saved_at: savedAt.toISOString(),
        })
        .execute()
    const earlier = new Date(t.now().getTime() - 3 * day * 1000)
    await draft(c.id, {}, earlier)
    await draft(d.id, { region: 'Київська область' }, earlier)
    const { basis: _basis, ...withoutBasis } = address(3)
    await draft(adults[4]?.id as string, withoutBasis, earlier)
    await draft(adults[5]?.id as string, {}, t.now())

    // Ratings: 5 and 4 for the addresses; one application rated once; none before the decision.
    await rateApplication(t.platform.store, { citizenId: a.id, applicationId: first.id, rating: 5, now: t.now() })
    await assert.rejects(
      rateApplication(t.platform.store, { citizenId: a.id, applicationId: first.id, rating: 1, now: t.now() }),
      (e) => isPolisError(e, 'ERR_ALREADY_RATED'),
    )
    await assert.rejects(
      rateApplication(t.platform.store, { citizenId: b.id, applicationId: first.id, rating: 1, now: t.now() }),
      (e) => isPolisError(e, 'ERR_NOT_FOUND'),
      'only the applicant rates',
    )
    for (const rating of [0, 6, 2.5, 'five']) {
      await assert.rejects(
        rateApplication(t.platform.store, { citizenId: c.id, applicationId: decided.id, rating, now: t.now() }),
        (e) => isPolisError(e, 'ERR_RATING_INVALID'),
      )
    }
    await rateApplication(t.platform.store, { citizenId: c.id, applicationId: decided.id, rating: 2, now: t.now() })
    const open = (await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', d.id)
      .where('service_code', '=', 'id-card-renewal')
      .executeTakeFirstOrThrow()) as { id: string }
    await assert.rejects(
      rateApplication(t.platform.store, { citizenId: d.id, applicationId: open.id, rating: 4, now: t.now() }),
      (e) => isPolisError(e, 'ERR_RATING_NOT_YET'),
    )

    const insight = await serviceInsight(t.platform.store, {
      definitions: engine.catalogue,
      agency: 'migration-service',
      now: t.now(),
      weeks: 4,
    })
    assert.ok(insight.every((s) => engine.find(s.code).agency === 'migration-service'))
    const addresses = insight.find((s) => s.code === 'residence-registration')
    assert.deepEqual(addresses?.perWeek, [0, 2, 0, 0], 'sixteen days ago: the third week back')
    assert.equal(addresses?.completed, 2)
    assert.deepEqual(addresses?.decisions.automatic, { count: 2, median: 0, p90: 0 })
    assert.deepEqual(addresses?.abandoned, [
      { page: 'new_address', count: 2 },
      { page: 'owner', count: 1 },
    ])
    assert.deepEqual(addresses?.ratings, { count: 1, average: 5, distribution: [0, 0, 0, 0, 1] })
    const renewals = insight.find((s) => s.code === 'id-card-renewal')
    assert.deepEqual(renewals?.perWeek, [0, 0, 0, 2])
    assert.equal(renewals?.rejected, 1)
    assert.equal(renewals?.open, 1)
    assert.deepEqual(renewals?.decisions.official, { count: 1, median: 2 * day, p90: 2 * day })
    assert.deepEqual(renewals?.ratings, { count: 1, average: 2, distribution: [0, 1, 0, 0, 0] })
  })

  it('finds the page a draft reached from its answers alone, skipping prefilled questions', () => {
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('residence-registration')
    assert.equal(pageReached(definition, {}), 'new_address', 'the current address is prefilled, never asked')
    assert.equal(pageReached(definition, { ...address(1), basis: undefined }), 'owner')
    assert.equal(pageReached(definition, address(1)), undefined, 'everything answered: nothing left')
  })
})
