import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import {
  approveVersion,
  createDraft,
  retireService,
  rollBack,
  type ServiceDefinition,
  submitForReview,
  updateDraft,
} from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { officeSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
})
after(() => t?.close())

const agency = 'state-chancellery'
const approvedV3 = {
  uk: 'Схвалено за версією 3.',
  en: 'Approved under version 3.',
  et: 'Kinnitatud versiooni 3 järgi.',
}

/** A citizen's appeal sent from their phone: its id and the status the API answers. */
async function appealFrom(index: number): Promise<{ status: number; id: string }> {
  const citizen = t.citizens[index] as (typeof t.citizens)[number]
  const device = await insertWalletDevice(t.platform.store, citizen.id, t.now())
  const path = '/api/wallet/applications'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, {
    method: 'POST',
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'content-type': 'application/json',
      'idempotency-key': `k-${randomUUID()}`,
    },
    body: JSON.stringify({
      service: 'appeal',
      answers: { subject: 'A bench', text: 'A question for the authority, at some length.', answer_by_email: 'no' },
    }),
  })
  const body = (await response.json()) as { id: string }
  return { status: response.status, id: body.id }
}

async function deciderDesk() {
  const citizen = t.citizens[1] as (typeof t.citizens)[number]
  const roles = ['clerk', 'decider'] as const
  await addOfficial({
    store: t.platform.store,
    sealer: t.platform.keys,
    registration: { citizenId: citizen.id, agency, roles: [...roles] },
    issuer: 'Polis Testland',
    now: t.now(),
  })
  const secret = await officeSession(t.platform.store, { citizenId: citizen.id, agency, roles: [...roles] }, t.now())
  return (path: string, form: Record<string, string>) =>
    t.app.request(path, {
      method: 'POST',
      headers: {
        cookie: `polis_office=${secret}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: t.origin,
      },
      body: new URLSearchParams(form).toString(),
    })
}

const versionOf = async (id: string) =>
  (
    await t.platform.store.db
      .selectFrom('applications')
      .select('service_version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).service_version

const approvalOf = async (id: string) => {
  const rows = await t.platform.store.db
    .selectFrom('inbox_messages')
    .select('body')
    .where('application_id', '=', id)
    .orderBy('created_at')
    .execute()
  return rows.map((r) => JSON.parse(r.body).en as string).at(-1)
}

describe(`service versions in use on ${testEngine}`, () => {
  it('finishes an application under the version it was submitted under, across a publish, a retirement and a rollback', async () => {
    const desk = await deciderDesk()
    const decide = async (id: string) => {
      assert.equal((await desk(`/office/cases/${id}/take`, {})).status, 303)
      const decided = await desk(`/office/cases/${id}/decide`, { outcome: 'approve', reason: 'Answered by letter' })
      assert.equal(decided.status, 303, await decided.text())
    }
    const first = await appealFrom(10)
    assert.equal(first.status, 201)
    assert.equal(await versionOf(first.id), 2)

    // Version 3 says something else on approval, published by a designer and a second official, without a restart.
    const draft = await createDraft(t.platform.store, {
      actor: 'official:designer',
      now: t.now(),
      code: 'appeal',
      from: 'live',
    })
    const definition = draft.definition as ServiceDefinition
    await updateDraft(t.platform.store, {
      actor: 'official:designer',
      now: t.now(),
      code: 'appeal',
      version: draft.version,
      revision: draft.revision,
      definition: { ...definition, notifications: { ...definition.notifications, approved: approvedV3 } },
    })
    await submitForReview(t.platform.store, { actor: 'official:designer', now: t.now(), code: 'appeal', version: 3 })
    await approveVersion(t.platform.store, { actor: 'official:approver', now: t.now(), code: 'appeal', version: 3 })
    await t.platform.services.refresh()
    const listed = (await (await t.app.request('/api/services')).json()) as Array<{ code: string; version: number }>
    assert.equal(listed.find((s) => s.code === 'appeal')?.version, 3)

    const second = await appealFrom(11)
    assert.equal(await versionOf(second.id), 3)
    await decide(first.id)
    assert.notEqual(await approvalOf(first.id), approvedV3.en, 'decided under version 2')
    await decide(second.id)
    assert.equal(await approvalOf(second.id), approvedV3.en, 'decided under version 3')

    // Retired: nobody starts a new one, and the one in flight is still decided under its version.
    const third = await appealFrom(12)
    await retireService(t.platform.store, { actor: 'official:approver', now: t.now(), code: 'appeal' })
    await t.platform.services.refresh()
    assert.equal((await appealFrom(13)).status, 404)
    await decide(third.id)
    assert.equal(await approvalOf(third.id), approvedV3.en)

    // Rolled back to version 2 as version 4: new applications take it, without version 3's text.
    const rolled = await rollBack(t.platform.store, { actor: 'official:approver', now: t.now(), code: 'appeal', to: 2 })
    assert.equal(rolled.version, 4)
    await t.platform.services.refresh()
    const fourth = await appealFrom(14)
    assert.equal(await versionOf(fourth.id), 4)
    await decide(fourth.id)
    assert.notEqual(await approvalOf(fourth.id), approvedV3.en)
  })
})
