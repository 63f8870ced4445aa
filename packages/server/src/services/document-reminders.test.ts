import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { remindExpiringDocuments } from './document-reminders.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 40 })
})
after(() => t?.close())

describe(`document expiry reminders on ${testEngine}`, () => {
  it('reminds a driver 30 days ahead, once, by inbox and e-mail, and again for the renewed licence', async () => {
    const { db } = t.platform.store
    const licence = await db.selectFrom('driver_licences').select(['id', 'citizen_id']).executeTakeFirstOrThrow()
    // Nobody else's documents expire in the window, so the count is this one reminder.
    await db.updateTable('driver_licences').set({ expires_on: '2030-01-01' }).execute()
    await db.updateTable('motor_policies').set({ valid_to: '2030-01-01' }).execute()
    await db.updateTable('residence_permits').set({ expires_on: '2030-01-01' }).execute()
    await db.updateTable('driver_licences').set({ expires_on: '2026-06-21' }).where('id', '=', licence.id).execute()
    await db
      .insertInto('citizen_contacts')
      .values({
        citizen_id: licence.citizen_id,
        email: 'driver@example.org',
        language: 'uk',
        updated_at: t.now().toISOString(),
      })
      .execute()

    assert.equal(await remindExpiringDocuments(t.platform), 1)
    assert.equal(await remindExpiringDocuments(t.platform), 0, 'once')
    const inbox = await db
      .selectFrom('inbox_messages')
      .select('body')
      .where('citizen_id', '=', licence.citizen_id)
      .execute()
    assert.equal(
      JSON.parse(inbox[0]?.body ?? '{}').en,
      'Your driving licence expires on 21 June 2026. Renew it in good time on the portal.',
    )
    const mail = await db.selectFrom('mail_outbox').select(['to_address', 'body']).execute()
    assert.deepEqual(
      mail.map((m) => m.to_address),
      ['driver@example.org'],
    )
    assert.match(mail[0]?.body ?? '', /^Посвідчення водія: строк дії закінчується 21 червня 2026/)

    // Renewed, and a year on it expires again: reminded again.
    await db.updateTable('driver_licences').set({ expires_on: '2027-06-21' }).where('id', '=', licence.id).execute()
    t.now.advance(365 * 86_400)
    assert.equal(await remindExpiringDocuments(t.platform), 1)
  })
})
