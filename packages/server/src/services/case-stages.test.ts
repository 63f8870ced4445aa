import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import {
  approveVersion,
  caseStages,
  createDraft,
  decide,
  findApplication,
  passStage,
  type ServiceDefinition,
  stageActions,
  submitApplication,
  submitForReview,
  updateDraft,
} from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { createServiceEngine, type ServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let engine: ServiceEngine
let pension: ServiceDefinition
before(async () => {
  t = await createTestPlatform({ citizens: 60 })
  engine = createServiceEngine(t.platform)
  pension = engine.find('pension-application')
})
after(() => t?.close())

const answers = {
  pension_kind: 'age',
  insurance_years: 38,
  still_working: 'no',
  pay_by: 'bank',
  iban: 'UA213052990000026007015012345',
}
/** Citizens of pension age, each applying once. */
let applicants: string[] | undefined
async function apply() {
  applicants ??= t.citizens
    .filter((c) => Date.parse(t.now().toISOString()) - Date.parse(c.birthDate) > 61 * 365.25 * 86_400_000)
    .map((c) => c.id)
  const citizenId = applicants.shift()
  assert.ok(citizenId, 'no more citizens of pension age')
  const submitted = await submitApplication(engine.ports, {
    definition: pension,
    citizenId,
    clientKey: `key-${randomUUID()}`,
    answers,
  })
  return { id: submitted.id, citizenId }
}
const refusedWith = (code: string) => (error: unknown) => isPolisError(error) && error.code === code
const approve = (id: string, citizenId: string, actor: string) =>
  decide(engine.ports, pension, id, citizenId, { outcome: 'approve', actor, reason: null, answers })

describe(`a case decided in stages, on ${testEngine}`, () => {
  it('a clerk checks, then another official decides; the order, the roles and four eyes are kept', async () => {
    const { id, citizenId } = await apply()
    let view = await findApplication(t.platform.store, citizenId, id)
    assert.equal(view.status, 'in-review')
    let at = caseStages(pension, view.events)
    assert.deepEqual(
      at?.open.map((s) => s.id),
      ['check'],
    )

    // Nothing is approved, nor the last stage passed, before the check.
    await assert.rejects(approve(id, citizenId, 'official:decider-1'), refusedWith('ERR_STAGE_NOT_OPEN'))
    const pass = (stage: string, actor: string, roles: string[]) =>
      passStage(engine.ports, pension, { applicationId: id, stage, actor, roles, note: 'Records match' })
    await assert.rejects(pass('decide', 'official:decider-1', ['decider']), refusedWith('ERR_STAGE_NOT_OPEN'))
    // The check is a clerk's.
    await assert.rejects(pass('check', 'official:decider-1', ['decider']), refusedWith('ERR_FORBIDDEN'))

    await pass('check', 'official:clerk-1', ['clerk', 'decider'])
    view = await findApplication(t.platform.store, citizenId, id)
    const passed = view.events.filter((e) => e.type === 'stage-passed')
    assert.deepEqual(
      passed.map((e) => [e.actor, e.data.stage, e.data.note, e.reason]),
      [['official:clerk-1', 'check', 'Records match', null]],
    )
    at = caseStages(pension, view.events)
    assert.deepEqual(
      at?.open.map((s) => s.id),
      ['decide'],
    )
    assert.deepEqual(at && stageActions(at, { actor: 'official:clerk-1', roles: ['clerk', 'decider'] }), {
      barred: true,
      pass: [],
      decide: false,
      act: false,
    })
    assert.equal(
      at && stageActions(at, { actor: 'official:decider-1', roles: ['decider'] }).decide,
      true,
      'the decider decides at the last stage',
    )

    // Passed once only; and the clerk who checked may not also decide, a refusal included.
    await assert.rejects(pass('check', 'official:clerk-2', ['clerk']), refusedWith('ERR_STAGE_NOT_OPEN'))
    await assert.rejects(approve(id, citizenId, 'official:clerk-1'), refusedWith('ERR_STAGE_SAME_OFFICIAL'))
    await assert.rejects(
      decide(engine.ports, pension, id, citizenId, {
        outcome: 'reject',
        actor: 'official:clerk-1',
        reason: 'No',
        answers,
      }),
      refusedWith('ERR_STAGE_SAME_OFFICIAL'),
    )

    await approve(id, citizenId, 'official:decider-1')
    view = await findApplication(t.platform.store, citizenId, id)
    assert.equal(view.status, 'completed')
    assert.deepEqual(
      view.events.filter((e) => e.type === 'decided').map((e) => e.actor),
      ['official:decider-1'],
    )
  })

  it('a clerk refuses at the check; the case asked of the citizen is not passed on meanwhile', async () => {
    const refused = await apply()
    await decide(engine.ports, pension, refused.id, refused.citizenId, {
      outcome: 'reject',
      actor: 'official:clerk-1',
      reason: 'The insurance record shows 12 years, not 38.',
      answers,
    })
    assert.equal((await findApplication(t.platform.store, refused.citizenId, refused.id)).status, 'rejected')
    await assert.rejects(
      passStage(engine.ports, pension, {
        applicationId: refused.id,
        stage: 'check',
        actor: 'official:clerk-2',
        roles: ['clerk'],
      }),
      refusedWith('ERR_STAGE_NOT_OPEN'),
    )
  })

  it('of two clerks passing one stage at once, one does', async () => {
    const { id, citizenId } = await apply()
    const results = await Promise.allSettled(
      ['official:clerk-a', 'official:clerk-b'].map((actor) =>
        passStage(engine.ports, pension, { applicationId: id, stage: 'check', actor, roles: ['clerk'] }),
      ),
    )
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    const view = await findApplication(t.platform.store, citizenId, id)
    assert.equal(view.events.filter((e) => e.type === 'stage-passed').length, 1)
  })

  it('a service without stages is decided in one step, as before', async () => {
    const plain: ServiceDefinition = { ...pension, decision: { by: 'official', deadlineDays: 10 } }
    const { id, citizenId } = await apply()
    assert.equal(caseStages(plain, []), undefined)
    await assert.rejects(
      passStage(engine.ports, plain, { applicationId: id, stage: 'check', actor: 'official:x', roles: ['clerk'] }),
      refusedWith('ERR_STAGE_NOT_OPEN'),
    )
    await decide(engine.ports, plain, id, citizenId, { outcome: 'approve', actor: 'official:x', reason: null, answers })
    assert.equal((await findApplication(t.platform.store, citizenId, id)).status, 'completed')
  })

  it('an application keeps its version’s stages when a version without them is published', async () => {
    const inFlight = await apply()
    const store = t.platform.store
    const draft = await createDraft(store, {
      actor: 'official:designer',
      now: t.now(),
      code: 'pension-application',
      from: 'live',
    })
    const definition = draft.definition as ServiceDefinition
    await updateDraft(store, {
      actor: 'official:designer',
      now: t.now(),
      code: 'pension-application',
      version: draft.version,
      revision: draft.revision,
      definition: { ...definition, decision: { by: 'official', deadlineDays: 10 } },
    })
    await submitForReview(store, {
      actor: 'official:designer',
      now: t.now(),
      code: 'pension-application',
      version: draft.version,
    })
    await approveVersion(store, {
      actor: 'official:approver',
      now: t.now(),
      code: 'pension-application',
      version: draft.version,
    })
    await t.platform.services.refresh()
    assert.equal(engine.find('pension-application').version, draft.version)

    // The one in flight is still checked first, under the version it was submitted under.
    const view = await findApplication(store, inFlight.citizenId, inFlight.id)
    const itsVersion = await engine.findVersion('pension-application', view.serviceVersion)
    await assert.rejects(
      decide(engine.ports, itsVersion, inFlight.id, inFlight.citizenId, {
        outcome: 'approve',
        actor: 'official:decider-1',
        reason: null,
        answers,
      }),
      refusedWith('ERR_STAGE_NOT_OPEN'),
    )
    // A new one is decided in one step.
    pension = engine.find('pension-application')
    const plain = await apply()
    await approve(plain.id, plain.citizenId, 'official:decider-1')
    assert.equal((await findApplication(store, plain.citizenId, plain.id)).status, 'completed')
  })
})
