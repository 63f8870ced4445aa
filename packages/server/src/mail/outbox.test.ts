import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { SMTPServer } from 'smtp-server'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'
import { drainOutbox, smtpSender } from './outbox.ts'

/** A local SMTP catcher, as a mail server is to the platform: what it received, raw. */
const received: Array<{ to: string[]; data: string }> = []
let catcher: SMTPServer
let smtpUrl: string
let refuse = false
let t: Awaited<ReturnType<typeof createTestPlatform>>

before(async () => {
  catcher = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8')
      })
      stream.on('end', () => {
        if (refuse) return callback(new Error('mailbox unavailable'))
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve))
  smtpUrl = `smtp://127.0.0.1:${(catcher.server.address() as AddressInfo).port}`
  t = await createTestPlatform({ citizens: 20 })
})
after(async () => {
  await t?.close()
  await new Promise<void>((resolve) => catcher.close(() => resolve()))
})

async function appeal(citizenId: string) {
  const device = await insertWalletDevice(t.platform.store, citizenId, t.now())
  const path = '/api/wallet/applications'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, {
    method: 'POST',
    headers: {
      authorization: `PolisDevice ${jwt}`,
      'content-type': 'application/json',
      'idempotency-key': `k-${device.id}`,
    },
    body: JSON.stringify({
      service: 'appeal',
      answers: {
        subject: 'Potholes',
        text: 'The road to the school has had deep potholes since March.',
        answer_by_email: 'no',
      },
    }),
  })
  assert.equal(response.status, 201)
}

describe(`e-mail to citizens on ${testEngine}`, () => {
  it('sends the inbox message by SMTP in the citizen’s language, once, and retries what the server refused', async () => {
    const citizen = t.citizens[0] as (typeof t.citizens)[number]
    await t.platform.store.db
      .insertInto('citizen_contacts')
      .values({ citizen_id: citizen.id, email: 'olena@example.org', language: 'et', updated_at: t.now().toISOString() })
      .execute()
    await appeal(citizen.id)
    // Someone without an address gets the inbox only.
    await appeal((t.citizens[1] as (typeof t.citizens)[number]).id)

    const send = smtpSender(smtpUrl)
    refuse = true
    assert.equal(await drainOutbox(t.platform, send, () => {}), 0)
    assert.equal(await drainOutbox(t.platform, send, () => {}), 0, 'a refused message waits before its next try')
    refuse = false
    t.now.advance(61)
    assert.equal(await drainOutbox(t.platform, send, () => {}), 1)
    assert.equal(await drainOutbox(t.platform, send, () => {}), 0, 'sent once')
    assert.equal(received.length, 1)
    assert.deepEqual(received[0]?.to, ['olena@example.org'])
    const message = received[0]?.data ?? ''
    assert.match(
      message,
      /Subject: =\?UTF-8\?Q\?P=C3=B6=C3=B6rdumine_asutuse_poole\?=|Subject: Pöördumine asutuse poole/,
    )
    assert.match(message, /30 p=C3=A4eva|30 päeva/)
  })
})
