import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { registerClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { portalSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 5, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('consents')

/** A citizen's consent to a relying party, with an access token it gave, as Polis ID's consent leaves them. */
async function consent(citizenId: string, clientId: string, scope: string) {
  const grantId = randomUUID()
  const row = (model: string, id: string, payload: object, grant: string | null) => ({
    model,
    id,
    payload: JSON.stringify(payload),
    consumed_at: null,
    grant_id: grant,
    uid: null,
    user_code: null,
    expires_at: null,
    account_id: citizenId,
  })
  const iat = Math.floor(t.now().getTime() / 1000)
  await t.platform.store.db
    .insertInto('id_models')
    .values([
      row(
        'Grant',
        grantId,
        { jti: grantId, kind: 'Grant', clientId, accountId: citizenId, openid: { scope }, iat },
        null,
      ),
      row('AccessToken', randomUUID(), { kind: 'AccessToken', clientId, accountId: citizenId, grantId, iat }, grantId),
    ])
    .execute()
  return grantId
}

const rowsOfGrant = async (grantId: string) =>
  (
    await t.platform.store.db
      .selectFrom('id_models')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', grantId), eb('grant_id', '=', grantId)]))
      .execute()
  ).length

describe(`the citizen's consents on the portal, on ${testEngine}`, () => {
  it('lists whom the citizen lets sign them in, with what they receive, and withdraws a consent', async () => {
    const [citizen, other] = t.citizens as [(typeof t.citizens)[number], (typeof t.citizens)[number]]
    const registration = (name: string) => ({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registration: {
        name,
        redirectUris: ['http://localhost:9/callback'],
        scopes: ['openid', 'profile', 'address'] as Array<'openid' | 'profile' | 'address'>,
      },
    })
    const shop = await registerClient(registration('Demo Shop'))
    const bank = await registerClient(registration('Savings Bank'))
    const shopGrant = await consent(citizen.id, shop.clientId, 'openid profile')
    const bankGrant = await consent(citizen.id, bank.clientId, 'openid address')
    const othersGrant = await consent(other.id, shop.clientId, 'openid profile')

    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.clock.setFixedTime(t.now())
    await context.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, citizen.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await context.newPage()
    await page.goto(`${t.origin}/`)
    await page.getByRole('link', { name: 'My consents' }).click()
    await page.getByRole('heading', { level: 1, name: 'Services you let sign you in' }).waitFor()
    const shopItem = page.locator('.consent').filter({ hasText: 'Demo Shop' })
    await shopItem
      .getByText('Receives: An identifier for this service, Given name, Family name, Date of birth')
      .waitFor()
    await page.locator('.consent').filter({ hasText: 'Savings Bank' }).getByText('Address').waitFor()
    await expectAccessible(page, 'two')

    await page.getByRole('button', { name: 'Withdraw the consent for Demo Shop' }).click()
    await page.getByRole('status').getByText('Consent withdrawn.').waitFor()
    assert.deepEqual(await page.locator('.consent h2').allTextContents(), ['Savings Bank'])
    await expectAccessible(page, 'withdrawn')
    await context.close()
    assert.equal(await rowsOfGrant(shopGrant), 0, 'the grant and its token gone')
    assert.equal(await rowsOfGrant(bankGrant), 2)
    assert.equal(await rowsOfGrant(othersGrant), 2, 'another citizen’s consent to the same shop stays')

    // Signed out: to the sign-in; from another site: refused, and nothing withdrawn.
    assert.equal((await t.app.request('/consents')).status, 303)
    const forged = await fetch(`${t.origin}/consents/withdraw`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `polis_portal=${await portalSession(t.platform.store, citizen.id, t.now())}`,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `client=${bank.clientId}`,
    })
    assert.notEqual(forged.status, 303)
    assert.equal(await rowsOfGrant(bankGrant), 2)
  })
})
