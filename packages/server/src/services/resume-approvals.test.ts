import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { findApplication, type ServicePorts, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { resumeCutOffApprovals } from '../platform/housekeeping.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { lvivResidence } from '../test/lviv-residence.ts'
import { createServiceEngine } from './create-service-engine.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 30 })
})
after(() => t?.close())

const newAddress = lvivResidence

/** The addresses a citizen has left behind: each change of address adds one. */
const history = async (citizenId: string) =>
  Number(
    (
      await t.platform.store.db
        .selectFrom('person_addresses')
        .select(({ fn }) => fn.countAll().as('n'))
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe(`approvals cut off before their end, on ${testEngine}`, () => {
  it('are carried out again by housekeeping, each register write made once', async () => {
    const engine = createServiceEngine(t.platform)
    const citizen = t.citizens.find((c) => c.documents.includes('id-card')) as (typeof t.citizens)[number]
    const before = await history(citizen.id)
    // The process ends right after the population register wrote the new address: the
    // document that follows is never made ready, and the approval never recorded its end.
    const cutOff: ServicePorts = {
      ...engine.ports,
      issueDocument: () => Promise.reject(new Error('the process ended here')),
    }
    const definition = engine.find('residence-registration')
    await assert.rejects(
      submitApplication(cutOff, {
        definition,
        citizenId: citizen.id,
        clientKey: 'cut-off-after-the-write',
        answers: newAddress,
      }),
      /the process ended here/,
    )
    const stuck = await t.platform.store.db
      .selectFrom('applications')
      .select(['id', 'status'])
      .where('citizen_id', '=', citizen.id)
      .where('client_key', '=', 'cut-off-after-the-write')
      .executeTakeFirstOrThrow()
    assert.equal(stuck.status, 'approved')
    assert.equal(await history(citizen.id), before + 1, 'the write went through before the cut')

    // Not yet: an approval may still be on its way for two minutes.
    assert.deepEqual(await resumeCutOffApprovals(t.platform), { completed: [], failed: 0 })
    t.now.advance(3 * 60)
    assert.deepEqual(await resumeCutOffApprovals(t.platform), { completed: [stuck.id], failed: 0 })
    const resumed = await findApplication(t.platform.store, citizen.id, stuck.id)
    assert.equal(resumed.status, 'completed')
    assert.deepEqual(
      resumed.events.filter((e) => e.type === 'output-issued').map((e) => e.data.type),
      ['registry-update', 'document'],
    )
    // The register's write under its key was not made again: one new address, not two.
    assert.equal(await history(citizen.id), before + 1)
    // Done once: the next run finds nothing to resume.
    t.now.advance(3 * 60)
    assert.deepEqual(await resumeCutOffApprovals(t.platform), { completed: [], failed: 0 })
  })
})
