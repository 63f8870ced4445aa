import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import { fromBase45, readStatusListToken, readTrustList, verifyQrPresentation } from '@polis/documents/qr'
import { testEngine } from '@polis/store'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let context: BrowserContext
let page: Page
const screenshots = process.env.POLIS_SCREENSHOTS

before(async () => {
  t = await createTestPlatform({ citizens: 40, listen: true })
  browser = await launchBrowser()
  context = await browser.newContext({ ...phone, locale: 'en-GB' })
  // The browser shares the platform's frozen clock, so device and key proofs are fresh to it.
  await context.clock.setFixedTime(t.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

/** Checks a QR payload the way the verifier app does, against this instance's trust list and status lists. */
async function verifyInPerson(text: string) {
  const anchor = (await (await fetch(`${t.origin}/trust/anchor.jwk`)).json()) as JsonWebKey
  const trust = await readTrustList(await (await fetch(`${t.origin}/trust/list`)).text(), anchor, t.now())
  const { lists } = (await (await fetch(`${t.origin}/status/lists`)).json()) as { lists: Array<{ uri: string }> }
  const snapshots = await Promise.all(
    lists.map(async (list) => readStatusListToken(await (await fetch(list.uri)).text(), trust)),
  )
  return verifyQrPresentation(text, {
    trust,
    statusOf: (listId) => snapshots.find((snapshot) => snapshot.listId === listId),
    now: t.now(),
  })
}

async function expectAccessible(name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  assert.deepEqual(
    results.violations.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`),
    [],
  )
  if (screenshots) await page.screenshot({ path: `${screenshots}/wallet-${name}.png` })
}

describe(`wallet in headless Chromium at phone size on ${testEngine}`, () => {
  it('enrols through the demo bank, receives the documents and shows them offline', async () => {
    await page.goto(`${t.origin}/wallet/`)
    await page.getByRole('heading', { level: 1, name: 'Your documents, in your phone.' }).waitFor()
    await expectAccessible('welcome')

    await page.getByRole('button', { name: 'Add my documents' }).click()
    await page.getByRole('heading', { name: 'Prove who you are' }).waitFor()
    await expectAccessible('prove')
    await page.getByRole('link', { name: /demo/i }).click()

    // The DEMO BANK: pick the first seeded citizen.
    await page.locator('button[name="citizen"]').first().waitFor()
    await expectAccessible('demo-bank')
    await page.locator('button[name="citizen"]').first().click()

    await page.getByRole('heading', { name: 'Choose a PIN' }).waitFor()
    await expectAccessible('set-pin')
    await page.getByLabel('PIN (4 to 6 digits)').fill('12')
    await page.getByLabel('Repeat the PIN').fill('12')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('alert').filter({ hasText: '4 to 6 digits' }).waitFor()
    await page.getByLabel('PIN (4 to 6 digits)').fill('2468')
    await page.getByLabel('Repeat the PIN').fill('2468')
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: 30_000 })
    const cards = page.locator('.card')
    await cards.first().waitFor()
    const count = await cards.count()
    assert.ok(count >= 3, `documents shown: ${count}`)
    await expectAccessible('documents')

    await page.getByRole('button', { name: /Identity card/ }).click()
    await page.getByRole('img', { name: 'Portrait' }).waitFor()
    assert.ok(await page.getByText('Date of birth').isVisible())
    const [birth] = await t.platform.queryRegistry({
      registry: 'population',
      citizenId: t.citizens[0]?.id as string,
      purpose: 'test',
      kind: 'person',
    })
    const written = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${birth?.data.birth_date}T00:00:00Z`),
    )
    assert.ok(await page.getByText(written).first().isVisible(), `birth date shown as ${written}`)
    await expectAccessible('document')

    // Offline: the shell comes from the service worker, the documents from IndexedDB.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await context.setOffline(true)
    // Timed in two parts, leaving out the citizen's typing: the app opening to its PIN
    // field, and the PIN check (PBKDF2, 300,000 rounds) to the list of documents.
    const started = performance.now()
    await page.reload()
    await page.getByLabel('Enter your PIN').waitFor()
    const opened = performance.now() - started
    await page.getByLabel('Enter your PIN').fill('2468')
    const unlocking = performance.now()
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.locator('.card').first().waitFor()
    const listed = performance.now() - unlocking
    assert.equal(await page.locator('.card').count(), count)
    assert.ok(await page.getByRole('status').filter({ hasText: 'No connection' }).isVisible())
    console.log(
      `# offline: app open in ${Math.round(opened)} ms, documents listed ${Math.round(listed)} ms after the PIN`,
    )
    assert.ok(opened + listed < 3000, 'documents are there offline at once (a guard; the figure is printed)')
    await expectAccessible('offline')

    // Still offline: the ID card shown in person, as a QR code the verifier checks offline.
    await page.getByRole('button', { name: /Identity card/ }).click()
    await page.getByRole('button', { name: 'Show QR code' }).click()
    const code = page.getByRole('img', { name: 'QR code of your Identity card for checking' })
    await code.waitFor()
    await expectAccessible('show-qr')
    const figure = page.locator('figure.qr')
    // The figure is reported (issue 3 asks for 100 ms); the assertion is only a guard that
    // holds on a loaded CI machine too, where the suites run side by side.
    const shownMs = Number(await figure.getAttribute('data-shown-ms'))
    console.log(`# QR drawn ${shownMs} ms after the tap`)
    assert.ok(shownMs < 1000, 'the QR is drawn at once')
    const first = (await figure.getAttribute('data-payload')) ?? ''
    const whole = await verifyInPerson(first)
    assert.equal(whole.documentType, 'id-card')
    assert.ok('birth_date' in whole.claims && 'portrait' in whole.claims)

    // Each code shows one of five copies under keys of their own: inspectors cannot link them.
    const issuerParts = new Set<string>()
    let previous = first
    for (let round = 0; round < 6; round++) {
      await page.getByRole('button', { name: 'New code' }).first().click()
      await page.waitForFunction(
        (before) => document.querySelector('figure.qr')?.getAttribute('data-payload') !== before,
        previous,
      )
      previous = (await figure.getAttribute('data-payload')) ?? ''
      await verifyInPerson(previous)
      issuerParts.add(Buffer.from(fromBase45(previous.slice(4)).subarray(0, 200)).toString('hex'))
    }
    assert.ok(issuerParts.size >= 2, `codes came from ${issuerParts.size} copies`)

    await page.getByRole('button', { name: 'Only 18+ and photo' }).click()
    await page.waitForFunction(
      (previous) => document.querySelector('figure.qr')?.getAttribute('data-payload') !== previous,
      first,
    )
    const age = await verifyInPerson((await figure.getAttribute('data-payload')) ?? '')
    assert.deepEqual(Object.keys(age.claims).sort(), ['age_over_18', 'portrait'])
    if (screenshots) await page.screenshot({ path: `${screenshots}/wallet-show-age.png`, fullPage: true })

    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: 'Sharing history' }).click()
    await page.getByRole('heading', { name: 'Sharing history' }).waitFor()
    await page.locator('.history li').nth(1).waitFor()
    assert.equal(await page.locator('.history li').count(), 2, 'one entry for each choice shown')
    await expectAccessible('history')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export (JSON)' }).click()
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
    assert.equal(exported.length, 2)
    assert.equal(exported[0].documentType, 'id-card')
    await page.getByRole('button', { name: '← Back' }).click()
    await context.setOffline(false)
  })

  it('gives a one-time code for an inspector to check online, and says when it was checked', async () => {
    await page.getByRole('button', { name: /Identity card/ }).click()
    await page.getByRole('button', { name: 'Show QR code' }).click()
    await page.getByRole('img', { name: 'QR code of your Identity card for checking' }).waitFor()
    await page.getByRole('button', { name: 'Get a code' }).click()
    await page.locator('.code').waitFor({ timeout: 10_000 })
    assert.match((await page.locator('.code [aria-hidden]').textContent()) ?? '', /^\d{4} \d{4}$/)
    const code = (await page.locator('.code').getAttribute('data-code')) ?? ''
    assert.match(code, /^\d{8}$/)
    const opened = await fetch(`${t.origin}/api/share-codes/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    })
    assert.equal(opened.status, 200)
    assert.equal(((await opened.json()) as { documentType: string }).documentType, 'id-card')
    await page.getByRole('status').filter({ hasText: 'Checked at' }).waitFor({ timeout: 10_000 })
    await expectAccessible('share-code')
    if (screenshots) await page.screenshot({ path: `${screenshots}/wallet-share-code-full.png`, fullPage: true })
    await page.getByRole('button', { name: '← Back' }).click()
    await page.getByRole('button', { name: '← Back' }).click()
  })

  it('works on a phone whose clock is five minutes off, signing its requests again on the server’s time', async () => {
    await context.clock.setFixedTime(new Date(t.now().getTime() + 5 * 60_000))
    try {
      await page.getByRole('button', { name: 'Who read my data' }).click()
      await page.getByRole('heading', { level: 1, name: 'Who read your data' }).waitFor()
      // The list comes from a device-signed request: dated five minutes ahead, refused, signed again, answered.
      await page.locator('.access').first().waitFor({ timeout: 10_000 })
      await page.getByRole('button', { name: '← Back' }).click()
    } finally {
      await context.clock.setFixedTime(t.now())
    }
  })

  it('unlocks with a passkey that the phone checks', async () => {
    // Chromium's virtual authenticator stands in for the phone's fingerprint reader.
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })
    await page.getByRole('button', { name: 'My devices' }).click()
    await page.getByRole('button', { name: 'Turn on passkey' }).click()
    await page.getByRole('status').filter({ hasText: 'Passkey turned on.' }).waitFor()
    await expectAccessible('settings-passkey')
    await page.reload()
    await page.getByRole('button', { name: 'Unlock with passkey' }).click()
    await page.locator('.card').first().waitFor()

    // A phone that cannot verify who holds it unlocks nothing: the PIN is asked for.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false })
    await page.reload()
    await page.getByRole('button', { name: 'Unlock with passkey' }).click()
    await page.getByRole('alert').filter({ hasText: 'The passkey could not be checked' }).waitFor()
    await expectAccessible('passkey-refused')
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true })
    await page.getByRole('button', { name: 'Unlock with passkey' }).click()
    await page.locator('.card').first().waitFor()

    // Turned off again, the wallet opens with the PIN alone.
    await page.getByRole('button', { name: 'My devices' }).click()
    await page.getByRole('button', { name: 'Turn off passkey' }).click()
    await page.getByRole('status').filter({ hasText: 'Passkey turned off.' }).waitFor()
    await page.getByRole('button', { name: '← Back' }).click()
    await cdp.detach()
  })

  it('receives a support desk’s offer from its link, and refuses one meant for someone else', async () => {
    const offer = async (citizenId: string, withTxCode: boolean) => {
      const response = await fetch(`${t.origin}/api/admin/offers`, {
        method: 'POST',
        headers: { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' },
        body: JSON.stringify({ citizenId, documentTypes: ['id-card'], withTxCode }),
      })
      assert.equal(response.status, 201)
      return (await response.json()) as { uri: string; txCode?: string }
    }
    const open = async (uri: string) => {
      // Opened as a link is: a fresh load of the wallet with the offer in the fragment.
      await page.goto(`${t.origin}/wallet/#offer=${encodeURIComponent(uri)}`)
      await page.reload()
      await page.getByLabel('Enter your PIN').fill('2468')
      await page.getByRole('button', { name: 'Unlock' }).click()
    }
    const redeemed = async () =>
      (await t.platform.store.db.selectFrom('credential_offers').select('redeemed_at').execute()).filter(
        (row) => row.redeemed_at !== null,
      ).length

    const before = await redeemed()
    await open((await offer(t.citizens[1]?.id as string, false)).uri)
    await page.getByRole('alert').filter({ hasText: 'This offer of documents is for someone else' }).waitFor()
    await expectAccessible('offer-refused')
    assert.equal(await redeemed(), before, 'the offer is not spent')
    await page.getByRole('button', { name: 'Try again' }).click()

    const own = await offer(t.citizens[0]?.id as string, true)
    await open(own.uri)
    await page.getByRole('heading', { name: 'Confirmation code' }).waitFor()
    await expectAccessible('offer-tx-code')
    await page.getByLabel('Code given to you separately').fill(own.txCode as string)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: 30_000 })
    // The list may show before the last request of the receipt lands: the database has the last word.
    for (let tries = 0; tries < 50 && (await redeemed()) !== before + 1; tries++) await page.waitForTimeout(200)
    assert.equal(await redeemed(), before + 1, 'the citizen’s own offer is received')
  })

  it('switches language and remembers it', async () => {
    await page.getByLabel('Language').selectOption('uk')
    await page.getByRole('heading', { name: 'Документи' }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'uk')
    await page.reload()
    await page.getByLabel('Мова').waitFor()
    await page.getByLabel('Введіть PIN-код').fill('0000')
    await page.getByRole('button', { name: 'Відкрити' }).click()
    await page.getByRole('alert').filter({ hasText: 'Залишилось спроб: 4' }).waitFor()
  })

  it('shows a suspended document as suspended once online', async () => {
    const held = await t.platform.store.db
      .selectFrom('issued_credentials')
      .select(['list_id', 'list_index'])
      .where('document_type', '=', 'id-card')
      .where('format', '=', 'dc+sd-jwt')
      .where('device_id', 'is not', null)
      .execute()
    assert.ok(held.length > 0)
    for (const row of held) {
      await t.issuer.changeStatus({
        status: { uri: `${t.origin}/status/${row.list_id}`, idx: row.list_index },
        to: 'suspended',
        reason: 'test',
      })
    }
    await page.reload()
    await page.getByLabel('Введіть PIN-код').fill('2468')
    await page.getByRole('button', { name: 'Відкрити' }).click()
    await page
      .getByRole('button', { name: /ID-картка/ })
      .getByText('Дію призупинено')
      .waitFor()
    if (screenshots) await page.screenshot({ path: `${screenshots}/wallet-suspended.png` })
    await page.reload()
  })

  it('disconnects a lost phone from another one, which revokes its documents', async () => {
    const other = await browser.newContext({ ...phone, locale: 'en-GB' })
    await other.clock.setFixedTime(t.now())
    const second = await other.newPage()
    second.on('dialog', (dialog) => void dialog.accept())
    await second.goto(`${t.origin}/wallet/`)
    await second.getByRole('button', { name: 'Add my documents' }).click()
    await second.getByRole('link', { name: /demo/i }).click()
    await second.locator('button[name="citizen"]').first().click()
    await second.getByLabel('PIN (4 to 6 digits)').fill('1357')
    await second.getByLabel('Repeat the PIN').fill('1357')
    await second.getByRole('button', { name: 'Continue' }).click()
    await second.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: 30_000 })
    await second.getByRole('button', { name: 'My devices' }).click()
    await second.getByText('This device').waitFor()
    page = second
    await expectAccessible('devices')
    await second.getByRole('button', { name: 'Disconnect a lost device' }).click()
    await second.getByText(/Disconnected on/).waitFor()

    // The first phone, in Ukrainian since the previous test, finds itself disconnected.
    const first = context.pages()[0] as Page
    await first.getByLabel('Введіть PIN-код').fill('2468')
    await first.getByRole('button', { name: 'Відкрити' }).click()
    await first.getByRole('button', { name: 'Оновити документи' }).click()
    await first.getByRole('alert').filter({ hasText: 'від’єднано' }).waitFor()
    await other.close()
  })
})
