import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addOfficial } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import * as OTPAuth from 'otpauth'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { confirmOnPhone } from '../test/confirm-on-phone.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let deskContext: BrowserContext
let desk: Page
let officialPhone: Page
const pin = '8642'

before(async () => {
  t = await createTestPlatform({ citizens: 5, listen: true })
  browser = await launchBrowser()
  deskContext = await browser.newContext({ ...phone, locale: 'en-GB' })
  const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
  for (const context of [deskContext, phoneContext]) await context.clock.setFixedTime(t.now())
  desk = await deskContext.newPage()
  officialPhone = await phoneContext.newPage()
  // The desk's security key: Chromium's virtual authenticator, with a PIN or fingerprint of its own.
  const cdp = await deskContext.newCDPSession(desk)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('official-keys')

/** What the office's session keeps of how the official signed in: the ID token's `acr` and `amr`. */
async function lastSignIn(officialId: string) {
  const row = await t.platform.store.db
    .selectFrom('office_sessions')
    .select('id_token')
    .where('official_id', '=', officialId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  const payload = JSON.parse(Buffer.from((row.id_token ?? '').split('.')[1] ?? '', 'base64url').toString('utf8'))
  return { acr: payload.acr as string, amr: payload.amr as string[] }
}

describe(`an official's security key, in headless Chromium on a phone, on ${testEngine}`, () => {
  it('is added right after the code, then confirms the next sign-in instead of it, and is removed in the office', async () => {
    const officialId = await enrolWallet(officialPhone, { origin: t.origin, pin, choose: (offered) => offered[0] })
    const { totpUri } = await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: officialId, agency: 'state-chancellery', roles: ['clerk'] },
      issuer: 'Polis Testland',
      now: t.now(),
    })

    // First sign-in: the wallet, then the code; a key is offered and added.
    await desk.goto(`${t.origin}/office`)
    await desk.getByRole('link', { name: 'Sign in with Polis ID' }).click()
    await confirmOnPhone(desk, officialPhone, pin)
    await desk.getByRole('heading', { name: 'Second factor for officials' }).waitFor({ timeout: 15_000 })
    assert.equal(await desk.getByRole('button', { name: 'Use my security key' }).count(), 0)
    const code = (OTPAuth.URI.parse(totpUri) as OTPAuth.TOTP).generate({ timestamp: t.now().getTime() })
    await desk.getByLabel('Authenticator code').fill(code)
    await desk.getByRole('button', { name: 'Confirm' }).click()
    await desk.getByRole('heading', { name: 'Add a security key?' }).waitFor()
    await expectAccessible(desk, 'offer')
    await desk.getByRole('button', { name: 'Add a security key' }).click()
    await desk.getByRole('heading', { name: /asks for your data/ }).waitFor()
    await desk.getByRole('button', { name: 'Allow' }).click()
    await desk.getByRole('heading', { name: 'Work queue: state-chancellery' }).waitFor()
    assert.deepEqual(await lastSignIn(officialId), { acr: 'high', amr: ['hwk', 'pin', 'otp'] })
    const keys = await t.platform.store.db.selectFrom('official_keys').selectAll().execute()
    assert.equal(keys.length, 1)
    assert.equal(keys[0]?.citizen_id, officialId)
    // The official hears of it, in case it was not them.
    const told = await t.platform.store.db
      .selectFrom('inbox_messages')
      .select(['title', 'link'])
      .where('citizen_id', '=', officialId)
      .execute()
    assert.deepEqual(
      told.map((m) => [JSON.parse(m.title).en, m.link]),
      [['A security key was added for the office', '/office/keys']],
    )
    // Not a citizen's passkey: it does not sign anyone in to Polis ID alone.
    assert.equal((await t.platform.store.db.selectFrom('id_passkeys').selectAll().execute()).length, 0)

    await desk.getByRole('link', { name: 'Security keys' }).click()
    await desk.getByRole('heading', { name: 'Chrome on Linux' }).waitFor()
    await desk.getByText('not yet').waitFor()
    await expectAccessible(desk, 'keys')

    // Second sign-in: the wallet, then the key instead of the code.
    await desk.getByRole('button', { name: 'Sign out' }).click()
    await desk.getByRole('button', { name: 'Yes, sign me out' }).click()
    await desk.goto(`${t.origin}/office`)
    await desk.getByRole('link', { name: 'Sign in with Polis ID' }).click()
    await confirmOnPhone(desk, officialPhone, pin)
    await desk.getByRole('heading', { name: 'Second factor for officials' }).waitFor({ timeout: 15_000 })
    await desk.getByText('Confirm with your security key').waitFor()
    await expectAccessible(desk, 'use-key')
    // A wrong code first: the key that confirms the sign-in then clears the count of wrong codes.
    await desk.getByLabel('Authenticator code').fill('000000')
    await desk.getByRole('button', { name: 'Confirm' }).click()
    await desk.getByText('The code is wrong. Attempts left: 4.').waitFor()
    const wrongCodes = async () =>
      (
        await t.platform.store.db
          .selectFrom('officials')
          .select('failed_attempts')
          .where('citizen_id', '=', officialId)
          .executeTakeFirstOrThrow()
      ).failed_attempts
    assert.equal(await wrongCodes(), 1)
    await desk.getByRole('button', { name: 'Use my security key' }).click()
    // Signing out of Polis ID ended the grant too: the office asks again.
    await desk.getByRole('heading', { name: /asks for your data/ }).waitFor()
    await desk.getByRole('button', { name: 'Allow' }).click()
    await desk.getByRole('heading', { name: 'Work queue: state-chancellery' }).waitFor()
    assert.deepEqual(await lastSignIn(officialId), { acr: 'high', amr: ['hwk', 'pin', 'user'] })
    assert.equal(await wrongCodes(), 0)

    await desk.getByRole('link', { name: 'Security keys' }).click()
    assert.equal(await desk.getByText('not yet').count(), 0)
    await desk.getByRole('button', { name: 'Remove Chrome on Linux' }).click()
    await desk.getByText('You have no security key.').waitFor()
    await desk.getByText('To add one, sign in with the code').waitFor()
    await expectAccessible(desk, 'no-keys')
    // "Not now" at a sign-in (as office.test.ts says it): the office can ask for the offer again.
    await t.platform.store.db
      .updateTable('officials')
      .set({ key_offer_declined_at: t.now().toISOString() })
      .where('citizen_id', '=', officialId)
      .execute()
    await desk.reload()
    await desk.getByRole('button', { name: 'Offer me a key at my next sign-in' }).click()
    await desk.getByText('To add one, sign in with the code').waitFor()
    const offered = await t.platform.store.db
      .selectFrom('officials')
      .select('key_offer_declined_at')
      .where('citizen_id', '=', officialId)
      .executeTakeFirstOrThrow()
    assert.equal(offered.key_offer_declined_at, null)
    assert.equal((await t.platform.store.db.selectFrom('official_keys').selectAll().execute()).length, 0)
  })
})
