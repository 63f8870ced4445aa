import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { findClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import * as oidc from 'openid-client'
import type { Browser, BrowserContext } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeSession } from '../test/sessions.ts'

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

const expectAccessible = accessibilityCheck('office-clients')
const redirectUri = 'http://localhost:9/library/callback'

/** An official's phone at the office, signed in with the roles given, in English. */
async function desk(roles: string[], citizen = 0): Promise<{ context: BrowserContext; cookie: string }> {
  const official = { citizenId: t.citizens[citizen]?.id ?? '', agency: 'digital-state', roles }
  const cookie = await officeSession(t.platform.store, official, t.now())
  const context = await browser.newContext({ ...phone, locale: 'en-GB' })
  await context.addCookies([
    { name: 'polis_office', value: cookie, url: t.origin },
    { name: 'polis_lang', value: 'en', url: t.origin },
  ])
  return { context, cookie }
}

/** A pushed authorization request from the library's site, as openid-client makes it with the credentials given. */
async function pushFrom(clientId: string, secret: string) {
  const config = await oidc.discovery(new URL(`${t.origin}/id`), clientId, undefined, oidc.ClientSecretBasic(secret), {
    execute: [oidc.allowInsecureRequests],
  })
  return oidc.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state: oidc.randomState(),
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  })
}

/** Polis ID's answer to a client it does not know or whose secret is wrong: 401 with `invalid_client`. */
const refusedClient = (error: Error & { status?: number; cause?: unknown }) => {
  assert.equal(error.status, 401)
  const [challenge] = error.cause as Array<{ parameters: Record<string, string> }>
  assert.equal(challenge?.parameters.error, 'invalid_client')
  return true
}

describe(`registering Polis ID's clients in the office, in headless Chromium on a phone, on ${testEngine}`, () => {
  it('an administrator registers a site, which then signs citizens in with its secret, and revokes it with a reason', async () => {
    const { context } = await desk(['administrator'])
    const page = await context.newPage()
    await page.goto(`${t.origin}/office`)
    await page.getByRole('link', { name: 'Sign in with Polis' }).click()
    await page.getByRole('heading', { name: 'Sign in with Polis' }).waitFor()
    await expectAccessible(page, 'list')
    await page.getByRole('link', { name: 'Register a client' }).click()
    await page.getByRole('heading', { name: 'Register a client' }).waitFor()
    await expectAccessible(page, 'form')

    // Nothing filled, and an address of plain http: each mistake at its field, summed up on top.
    await page.getByLabel('Redirect URIs').fill('http://library.example/callback')
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.getByRole('alert').waitFor()
    assert.equal(await page.getByLabel('Name citizens see').getAttribute('aria-invalid'), 'true')
    assert.equal(await page.getByLabel('Redirect URIs').getAttribute('aria-invalid'), 'true')
    await page.locator('#redirectUris-error').getByText('each https (http only on localhost)').waitFor()
    await page.locator('#purpose-error').getByText('Write the purpose in all three languages').waitFor()
    assert.equal(await page.getByLabel('Redirect URIs').inputValue(), 'http://library.example/callback')
    await expectAccessible(page, 'form-errors')

    // A private key pasted by mistake, and addresses of two sites: refused, and the key not sent back.
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
    await page.getByLabel('Redirect URIs').fill(`${redirectUri}\nhttps://another.example/cb`)
    await page.getByLabel('Public keys (JWKS, optional)').fill(JSON.stringify({ keys: [privateJwk] }))
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Register', exact: true }).click(),
    ])
    assert.ok(!(await refused.text()).includes(String(privateJwk.d)), 'the private key is not sent back')
    await page.locator('#jwks-error').getByText('The field was emptied').waitFor()
    await page.locator('#redirectUris-error').getByText('of one site').waitFor()
    assert.equal(await page.getByLabel('Public keys (JWKS, optional)').inputValue(), '')

    await page.getByLabel('Name citizens see').fill('City Library')
    await page.getByLabel('In Ukrainian').fill('Видача книжок')
    await page.getByLabel('In English').fill('Lending books')
    await page.getByLabel('In Estonian').fill('Raamatute laenutus')
    await page.getByLabel('Redirect URIs').fill(`${redirectUri}\n`)
    await page.getByLabel('Address', { exact: true }).check()
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.getByRole('heading', { name: 'City Library is registered' }).waitFor()
    const clientId = (await page.locator('#client-id').textContent()) ?? ''
    const secret = (await page.locator('#client-secret').textContent()) ?? ''
    assert.match(clientId, /^c-[\w-]{16}$/)
    assert.match(secret, /^[\w-]{43}$/)
    await page.getByText('The secret is shown only now').waitFor()
    await expectAccessible(page, 'registered')

    const stored = await findClient(t.platform.store, clientId)
    assert.deepEqual(stored?.scopes, ['openid', 'profile', 'address'])
    assert.deepEqual(stored?.purpose, { uk: 'Видача книжок', en: 'Lending books', et: 'Raamatute laenutus' })
    assert.equal(stored?.registeredBy, `official:${t.citizens[0]?.id}`)
    const secretColumn = await t.platform.store.db
      .selectFrom('id_clients')
      .select('secret_sealed')
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow()
    assert.ok(secretColumn.secret_sealed, 'a client with a secret')
    assert.ok(!secretColumn.secret_sealed.includes(secret), 'the secret is kept sealed')

    // The site's library takes the credentials: Polis ID's login page names it to the citizen.
    await assert.rejects(pushFrom(clientId, 'not-the-secret'), refusedClient)
    const login = await context.newPage()
    await login.goto((await pushFrom(clientId, secret)).href)
    await login.getByText('City Library').first().waitFor()
    await login.close()

    await page.getByRole('link', { name: 'See the client' }).click()
    await page.getByRole('heading', { name: 'City Library' }).waitFor()
    await page.getByText(redirectUri).waitFor()
    await expectAccessible(page, 'client')
    await page.getByRole('button', { name: 'Revoke City Library' }).click()
    await page.locator('#reason-error').getByText('Write the reason in 3 to 1000 characters.').waitFor()
    await expectAccessible(page, 'revoke-error')
    await page.getByLabel('Reason, kept with the client').fill('The library moved to its own sign-in')
    await page.getByRole('button', { name: 'Revoke City Library' }).click()
    await page.getByText('The library moved to its own sign-in').waitFor()
    await page.locator('.tag', { hasText: 'revoked' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Revoke City Library' }).count(), 0)
    await expectAccessible(page, 'revoked')

    // Revoked: the same credentials start no sign-in, at once in this process.
    await assert.rejects(pushFrom(clientId, secret), refusedClient)
    await page.getByRole('link', { name: 'All clients' }).click()
    await page.getByRole('heading', { name: 'Revoked' }).waitFor()
    await expectAccessible(page, 'list-revoked')
    await context.close()
  })

  it('opens to administrators only, and takes no form from another site', async () => {
    const clerk = await desk(['clerk', 'decider'], 1)
    const page = await clerk.context.newPage()
    await page.goto(`${t.origin}/office`)
    assert.equal(await page.getByRole('link', { name: 'Sign in with Polis' }).count(), 0)
    const refused = await page.goto(`${t.origin}/office/clients/new`)
    assert.equal(refused?.status(), 403)
    await page.getByText('Only an official with the administrator role').waitFor()
    await expectAccessible(page, 'not-allowed')
    const posted = await fetch(`${t.origin}/office/clients`, {
      method: 'POST',
      headers: { cookie: `polis_office=${clerk.cookie}`, origin: t.origin },
      body: new URLSearchParams({ name: 'Clerk Site', redirectUris: redirectUri }),
      redirect: 'manual',
    })
    assert.equal(posted.status, 403)
    await clerk.context.close()

    const admin = await desk(['administrator'], 2)
    const forged = await fetch(`${t.origin}/office/clients`, {
      method: 'POST',
      headers: { cookie: `polis_office=${admin.cookie}`, origin: 'https://evil.example' },
      body: new URLSearchParams({
        name: 'Evil Site',
        'purpose-uk': 'Зло',
        'purpose-en': 'Evil',
        'purpose-et': 'Kuri',
        redirectUris: 'https://evil.example/cb',
      }),
      redirect: 'manual',
    })
    assert.equal(forged.status, 403)
    // The form sent twice (a reload of its answer): one client, its secret shown once.
    const headers = { cookie: `polis_office=${admin.cookie}`, origin: t.origin, 'accept-language': 'en' }
    const form = await (await fetch(`${t.origin}/office/clients/new`, { headers })).text()
    const submission = /name="submission" value="([\w-]+)"/.exec(form)?.[1] ?? ''
    const fields = {
      submission,
      name: 'Town Pool',
      'purpose-uk': 'Басейн',
      'purpose-en': 'Swimming',
      'purpose-et': 'Ujumine',
      redirectUris: redirectUri,
    }
    const send = () =>
      fetch(`${t.origin}/office/clients`, { method: 'POST', headers, body: new URLSearchParams(fields) })
    assert.match(await (await send()).text(), /id="client-secret"/)
    const again = await (await send()).text()
    assert.match(again, /Town Pool was registered already by this form/)
    assert.doesNotMatch(again, /client-secret/)
    const names = (await t.platform.store.db.selectFrom('id_clients').select('name').execute()).map((r) => r.name)
    assert.equal(names.filter((name) => name === 'Town Pool').length, 1)
    assert.ok(!names.includes('Evil Site') && !names.includes('Clerk Site'))
    await admin.context.close()
  })
})
