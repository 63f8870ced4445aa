import assert from 'node:assert/strict'
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { addOfficial } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { type LogEntry, parseVerifierKey, verifyEntryProof } from '@polis/transparency-log'
import { openPlatformLog, type PlatformLog } from '../cli/open-platform-log.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { officeSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { logRecords } from './log-records.ts'

const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

let t: Awaited<ReturnType<typeof createTestPlatform>>
let platformLog: PlatformLog
before(async () => {
  t = await createTestPlatform({ citizens: 20 })
  platformLog = await openPlatformLog(t.platform)
})
after(() => t?.close())

const citizen = (index: number) => t.citizens[index] as (typeof t.citizens)[number]

/** Every entry in the log, oldest first. */
async function entries(): Promise<LogEntry[]> {
  const { size } = await platformLog.log.head()
  return Promise.all(Array.from({ length: size }, (_, i) => platformLog.log.getEntry(i)))
}

/** A citizen's appeal, decided by the state chancellery, sent from their phone. */
async function appealFrom(index: number): Promise<string> {
  const device = await insertWalletDevice(t.platform.store, citizen(index).id, t.now())
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
      answers: {
        subject: 'Street lights',
        text: 'A question for the authority, at some length.',
        answer_by_email: 'no',
      },
    }),
  })
  assert.equal(response.status, 201)
  return ((await response.json()) as { id: string }).id
}

describe(`documents, status changes and officials' actions in the transparency log, on ${testEngine}`, () => {
  it('logs an issued document and its revocation, the citizen only as a keyed tag', async () => {
    const holder = citizen(3)
    const issued = await t.issuer.issue({
      citizenId: holder.id,
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey,
    })
    assert.deepEqual(await entries(), [], 'nothing on the request’s path')
    await t.issuer.changeStatus({ status: issued.status, to: 'suspended', reason: `asked by ${holder.id}` })
    await t.issuer.changeStatus({ status: issued.status, to: 'revoked', reason: 'lost' })
    assert.equal(await logRecords(t.platform, platformLog), 3)
    assert.equal(await logRecords(t.platform, platformLog), 0, 'each row once')

    const tag = await platformLog.tagCitizen(holder.id)
    const logged = await entries()
    assert.deepEqual(
      logged.map((e) => [e.kind, e.actor, e.service, e.purpose, e.subject]),
      [
        ['document.issued', 'agency:migration-service', 'id-card', undefined, tag],
        ['document.status', 'agency:migration-service', 'id-card', 'suspended', tag],
        ['document.status', 'agency:migration-service', 'id-card', 'revoked', tag],
      ],
    )
    const text = JSON.stringify(logged)
    assert.ok(!text.includes(holder.id) && !text.includes('lost'), 'no identifier, no free text')
    const rows = await t.platform.store.db.selectFrom('status_events').select('log_index').orderBy('id').execute()
    assert.deepEqual(
      rows.map((row) => Number(row.log_index)),
      [1, 2],
    )
    const { entry, proof } = await platformLog.log.proveEntry(2)
    assert.equal(verifyEntryProof({ entry, proof, verifier: parseVerifierKey(platformLog.verifierKey) }).index, 2)
  })

  it('logs an official’s decision on a case, not the citizen’s own steps', async () => {
    const before = (await platformLog.log.head()).size
    const id = await appealFrom(10)
    const official = citizen(1)
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'state-chancellery', roles: ['decider'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const secret = await officeSession(
      t.platform.store,
      { citizenId: official.id, agency: 'state-chancellery', roles: ['decider'] },
      t.now(),
    )
    const desk = (path: string, body: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: {
          cookie: `polis_office=${secret}`,
          'content-type': 'application/x-www-form-urlencoded',
          origin: t.origin,
        },
        body,
      })
    assert.equal((await desk(`/office/cases/${id}/take`, '')).status, 303)
    assert.equal((await desk(`/office/cases/${id}/decide`, 'outcome=approve&reason=Answered')).status, 303)
    await logRecords(t.platform, platformLog)

    const actions = (await entries()).slice(before).filter((e) => e.kind === 'official.action')
    assert.ok(actions.length >= 1)
    const decision = actions.find((e) => e.service === 'appeal: decided approve')
    assert.ok(decision, JSON.stringify(actions))
    assert.equal(decision.actor, `official:${await platformLog.tagCitizen(official.id)}`)
    assert.equal(decision.counterpart, 'agency:state-chancellery')
    assert.equal(decision.purpose, `application:${id}`)
    assert.equal(decision.subject, await platformLog.tagCitizen(citizen(10).id))
    assert.match(decision.hashes.event ?? '', /^[\w-]{43}$/)
    const text = JSON.stringify(actions)
    assert.ok(!text.includes(official.id) && !text.includes(citizen(10).id) && !text.includes('Answered'))
    // The citizen's submission is no official's action.
    assert.ok(!(await entries()).some((e) => e.service?.includes('submitted')))
  })
})
