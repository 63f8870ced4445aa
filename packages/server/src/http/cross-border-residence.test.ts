import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { issueSdJwtVc } from '@polis/documents'
import { presentQr } from '@polis/documents/qr'
import { messageOf } from '@polis/kernel'
import { createAccessCertificateCheck, type DcqlQuery } from '@polis/oid4vp'
import {
  answerPresentationRequest,
  type HeldCredential,
  matchDcqlQuery,
  parsePresentationLink,
  readPresentationRequest,
} from '@polis/oid4vp/wallet'
import { createLocalRegistryWriter } from '@polis/registries'
import { testEngine } from '@polis/store'
import { createTestKey } from '@polis/trust/testing'
import type { Browser, Page } from 'playwright-core'
import QRCode from 'qrcode'
import {
  addFederatedCountry,
  refreshFederatedCountries,
  setIssuerWithdrawn,
} from '../federation/federated-countries.ts'
import { agencySigningKey } from '../platform/agency-signing-key.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeDesk } from '../test/office-desk.ts'

// Issue 9, item 4, and its "done when" (docs/federation.md): Ukraine's and Estonia's
// instances side by side; a Ukrainian ID card checked by Estonia's verifier app, refused
// once Ukraine withdraws its issuer and Estonia refreshes; and a Ukrainian displaced person
// registering temporary residence in Estonia with the documents of their Ukrainian wallet,
// which then holds Estonia's residence permit beside them.
let ua: Awaited<ReturnType<typeof createTestPlatform>>
let ee: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
/** The Estonian inspector's verifier app, on a Finnish phone (so in Estonian). */
let inspector: Page
/** The applicant's phone browser, in Ukrainian. */
let applicant: Page
const holder = createTestKey()
/** The wallet: what it holds, as OpenID4VP presents it. */
const wallet: Array<HeldCredential & { format: 'dc+sd-jwt'; credential: string }> = []
let qrCredential: Uint8Array
let qrKey: CryptoKeyPair
let applicationUrl: string
/** The citizen's Ukrainian wallet app (in English), on their phone. */
let walletApp: Page
const pin = '2468'
const files = mkdtempSync(join(tmpdir(), 'polis-cross-border-'))
const check = accessibilityCheck('cross-border')

/** axe in the light and the dark scheme, with a screenshot of each when POLIS_SCREENSHOTS is set. */
async function expectAccessible(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await check(page, `${name}-${colorScheme}`)
  }
  await page.emulateMedia({ colorScheme: null })
}

let codes = 0
/** The holder's phone shows the in-person code of the Ukrainian ID card to the inspector's camera. */
async function showCode(): Promise<void> {
  const code = await presentQr({
    credential: qrCredential,
    disclose: ['given_name', 'family_name', 'age_over_18', 'portrait'],
    deviceSign: async (bytes) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          qrKey.privateKey,
          bytes as Uint8Array<ArrayBuffer>,
        ),
      ),
    now: ua.now(),
  })
  const path = join(files, `code-${++codes}.png`)
  await QRCode.toFile(path, code, { errorCorrectionLevel: 'L', margin: 4, scale: 4 })
  await inspector.locator('input[type="file"]').setInputFiles(path)
}

/**
 * The wallet answers the request whose link the applicant's page shows, as a wallet does
 * over the network: the request object from Estonia, checked against Estonia's access CA,
 * matched against what it holds, answered with the claims asked, encrypted to Estonia.
 */
async function shareFromWallet(held: HeldCredential[]) {
  const link = await applicant.locator('a.start').getAttribute('href')
  assert.ok(link?.startsWith('openid4vp://'), link ?? 'no link')
  const { requestUri, clientId } = parsePresentationLink(link ?? '')
  assert.ok(requestUri.startsWith(`${ee.origin}/`))
  const pem = await (await fetch(`${ee.origin}/verifier/access-ca.pem`)).text()
  const request = await readPresentationRequest({
    requestObject: await (await fetch(requestUri)).text(),
    clientId,
    checkAccessCertificate: createAccessCertificateCheck([
      new Uint8Array(Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64')),
    ]),
    now: ee.now(),
  })
  const match = await matchDcqlQuery(request.payload.dcql_query as DcqlQuery, held)
  const chosen = Object.fromEntries(Object.entries(match).flatMap(([id, [first]]) => (first ? [[id, first]] : [])))
  const answer = await answerPresentationRequest({ request, chosen, now: ee.now() })
  const posted = await fetch(answer.responseUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ response: answer.response }).toString(),
  })
  const body = (await posted.json()) as { error?: { code: string } }
  return { status: posted.status, code: body.error?.code, verifier: request.verifier }
}

/** A link opened in the wallet app, as the phone opens it: a fresh load with it in the fragment, then the PIN. */
async function openInWallet(kind: 'present' | 'offer', link: string) {
  await walletApp.goto(`${ua.origin}/wallet/#${kind}=${encodeURIComponent(link)}`)
  await walletApp.reload()
  await walletApp.getByLabel('Enter your PIN').fill(pin)
  await walletApp.getByRole('button', { name: 'Unlock' }).click()
}

/** An SD-JWT VC's claims as its holder reads them: the payload's, and those of every disclosure it carries. */
function claimsOf(credential: string): Record<string, unknown> {
  const [jwt = '', ...disclosures] = credential.split('~')
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  const claims: Record<string, unknown> = { ...json(jwt.split('.')[1] ?? '') }
  for (const disclosure of disclosures.filter(Boolean)) {
    const [, name, value] = json(disclosure) as [string, string, unknown]
    claims[name] = value
  }
  return claims
}

/** The applicant, back on their application's page after sharing. */
async function backToApplication() {
  await applicant.goto(applicationUrl)
}

before(async () => {
  ua = await createTestPlatform({ citizens: 60, listen: true })
  ee = await createTestPlatform({ citizens: 30, listen: true, env: () => ({ POLIS_COUNTRY: 'EE' }) })
  browser = await launchBrowser()
  // The citizen's Ukrainian wallet app, on their phone; they are then registered as displaced in Lviv.
  const walletPhone = await browser.newContext({ ...phone, locale: 'en-GB' })
  await walletPhone.clock.setFixedTime(ua.now())
  walletApp = await walletPhone.newPage()
  const citizenId = await enrolWallet(walletApp, {
    origin: ua.origin,
    pin,
    choose: (offered) =>
      offered.find((id) => {
        const documents = ua.citizens.find((c) => c.id === id)?.documents ?? []
        return documents.includes('id-card') && !documents.includes('idp-certificate')
      }),
  })
  const person = ua.citizens.find((c) => c.id === citizenId)
  assert.ok(person)
  await createLocalRegistryWriter({ store: ua.platform.store, now: ua.now })({
    registry: 'social',
    operation: 'register-idp',
    citizenId: person.id,
    values: {
      region: 'Львівська область',
      locality_type: 'м.',
      locality: 'Львів',
      street: 'вул. Городоцька',
      house_number: '140',
      postal_code: '79000',
    },
  })
  // The app receives the certificate with its next refresh.
  await walletApp.getByRole('button', { name: 'Refresh documents' }).click()
  await walletApp.getByRole('button', { name: /Internally displaced person certificate/ }).waitFor({ timeout: 30_000 })
  // A second wallet of theirs, driven here over the protocols, shows what Estonia refuses.
  for (const documentType of ['id-card', 'idp-certificate']) {
    const issued = await ua.issuer.issue({
      citizenId: person.id,
      documentType,
      format: 'dc+sd-jwt',
      holderKey: holder.publicJwk,
    })
    wallet.push({ id: documentType, format: 'dc+sd-jwt', credential: issued.credential, sign: holder.sign })
  }
  qrKey = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', qrKey.publicKey)
  const issued = await ua.issuer.issue({
    citizenId: person.id,
    documentType: 'id-card',
    format: 'polis_qr',
    holderKey: { kty, crv, x, y } as never,
  })
  qrCredential = new Uint8Array(Buffer.from(issued.credential, 'base64url'))
  // Each country's operator adds the other's list by its URL and the anchor fingerprint it was given.
  const fingerprint = (anchor: Uint8Array) => createHash('sha256').update(anchor).digest('hex')
  await addFederatedCountry(ee.platform, {
    code: 'UA',
    url: `${ua.origin}/trust/list`,
    anchorSha256: fingerprint(ua.platform.trust.anchor),
  })
  await addFederatedCountry(ua.platform, {
    code: 'EE',
    url: `${ee.origin}/trust/list`,
    anchorSha256: fingerprint(ee.platform.trust.anchor),
  })
  const inspectorPhone = await browser.newContext({ ...phone, locale: 'fi-FI' })
  await inspectorPhone.clock.setFixedTime(ee.now())
  inspector = await inspectorPhone.newPage()
  const applicantPhone = await browser.newContext({ ...phone, locale: 'uk-UA' })
  await applicantPhone.clock.setFixedTime(ee.now())
  applicant = await applicantPhone.newPage()
})
after(async () => {
  await browser?.close()
  await ee?.close()
  await ua?.close()
})

describe(`Ukraine and Estonia side by side: verification and a cross-border service, on ${testEngine}`, () => {
  it('verifies a Ukrainian ID card in Estonia’s verifier app, naming Ukraine', async () => {
    await inspector.goto(`${ee.origin}/verify/`)
    await inspector.getByRole('status').filter({ hasText: 'Usaldusandmed uuendati' }).waitFor()
    await showCode()
    await inspector.getByRole('heading', { level: 1, name: 'Kehtiv', exact: true }).waitFor({ timeout: 15_000 })
    await inspector.getByText('Väljaandnud riik: Ukraina').waitFor()
    await inspector.getByRole('button', { name: 'Kontrolli järgmist' }).click()
  })

  it('refuses an SD-JWT VC whose Ukrainian issuer is not entitled to its type (ERR_ISSUER_NOT_ENTITLED)', async () => {
    // Ukraine's social ministry, trusted for the certificate, signs an ID card: a valid
    // signature of a trusted agency, of a type Ukraine's list does not grant it.
    const now = ua.now()
    const card = await issueSdJwtVc({
      issuer: `${ua.origin}/issuers/social-ministry`,
      vct: `${ua.origin}/vct/id-card`,
      claims: { given_name: 'Olena', family_name: 'Test', issuing_country: 'UA' },
      disclosable: ['given_name', 'family_name'],
      holderKey: holder.publicJwk,
      signingKey: agencySigningKey(ua.platform, 'social-ministry'),
      now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    })
    const verify = (presentation: string) =>
      fetch(`${ee.origin}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ presentation }),
      })
    const refused = await verify(card)
    const body = (await refused.json()) as { error: { code: string; country?: { code: string } } }
    assert.equal(refused.status, 400)
    assert.equal(body.error.code, 'ERR_ISSUER_NOT_ENTITLED')
    assert.equal(body.error.country?.code, 'UA')
    // The same agency's own document passes: the refusal is of the type, not the agency.
    const certificate = wallet.find((held) => held.id === 'idp-certificate')?.credential ?? ''
    assert.equal((await verify(certificate)).status, 200)
  })

  it('turns red once Ukraine withdraws the ID card’s issuer and Estonia has refreshed', async () => {
    await setIssuerWithdrawn(ua.platform, { agency: 'migration-service', withdrawn: true })
    const [outcome] = await refreshFederatedCountries(ee.platform)
    assert.equal(outcome?.ok, true)
    const refreshed = inspector.waitForResponse((response) => response.url().endsWith('/trust/federation/UA/list'))
    await inspector.getByRole('button', { name: 'Värskenda kohe' }).click()
    await refreshed
    await inspector.locator('.trust-line button:enabled').waitFor()
    await showCode()
    await inspector.getByRole('heading', { level: 1, name: 'Ei kehti' }).waitFor({ timeout: 15_000 })
    const reason = `${messageOf('ERR_ISSUER_WITHDRAWN', 'et')} Ukraina: Riiklik Migratsiooniteenistus.`
    assert.equal(await inspector.locator('.reason').textContent(), reason)
  })

  it('refuses the withdrawn issuer’s card in the residence service, and says so to the applicant', async () => {
    await applicant.goto(`${ee.origin}/cross-border/temporary-residence-registration`)
    await applicant.getByRole('heading', { level: 1, name: 'Реєстрація тимчасового проживання' }).waitFor()
    await expectAccessible(applicant, 'start')
    await applicant.getByRole('button', { name: 'Почати' }).click()
    await applicant.getByRole('heading', { level: 1, name: 'Поділіться документами' }).waitFor()
    applicationUrl = applicant.url()
    await expectAccessible(applicant, 'share')
    const shared = await shareFromWallet(wallet)
    assert.deepEqual([shared.status, shared.code], [400, 'ERR_ISSUER_WITHDRAWN'])
    // The wallet read who asks from Estonia's access certificate.
    assert.equal(shared.verifier.legalName, 'Politsei- ja Piirivalveamet')
    await backToApplication()
    await applicant.getByRole('heading', { level: 1, name: 'Ваші документи не вдалося прийняти' }).waitFor()
    await applicant
      .getByText(`${messageOf('ERR_ISSUER_WITHDRAWN', 'uk')} Україна: Державна міграційна служба.`)
      .waitFor()
    await applicant.getByText('Код: ERR_ISSUER_WITHDRAWN').waitFor()
    await expectAccessible(applicant, 'refused-withdrawn')
  })

  it('asks for the displaced person’s certificate when only the card is shared', async () => {
    await setIssuerWithdrawn(ua.platform, { agency: 'migration-service', withdrawn: false })
    const [outcome] = await refreshFederatedCountries(ee.platform)
    assert.equal(outcome?.ok, true)
    await applicant.getByRole('button', { name: 'Поділитися знову' }).click()
    await applicant.getByRole('heading', { level: 1, name: 'Поділіться документами' }).waitFor()
    const shared = await shareFromWallet(wallet.filter((held) => held.id === 'id-card'))
    assert.deepEqual([shared.status, shared.code], [400, 'ERR_IDP_CERTIFICATE_MISSING'])
    await backToApplication()
    await applicant.getByText(messageOf('ERR_IDP_CERTIFICATE_MISSING', 'uk')).waitFor()
  })

  it('takes both Ukrainian documents and the address, and sends the application', async () => {
    await applicant.getByRole('button', { name: 'Поділитися знову' }).click()
    await applicant.getByRole('heading', { level: 1, name: 'Поділіться документами' }).waitFor()
    // The wallet app reads who asks from Estonia's access certificate, trusted through the federation.
    await openInWallet('present', (await applicant.locator('a.start').getAttribute('href')) ?? '')
    await walletApp.getByRole('heading', { name: 'Politsei- ja Piirivalveamet asks for:' }).waitFor({ timeout: 20_000 })
    await expectAccessible(walletApp, 'wallet-request')
    await walletApp.getByLabel('PIN to consent').fill(pin)
    await walletApp.getByRole('button', { name: 'I consent to share' }).click()
    await walletApp.getByRole('heading', { name: 'Shared' }).waitFor()
    // A second answer to the same request is refused.
    assert.equal((await shareFromWallet(wallet).catch((error: Error) => error)) instanceof Error, true)
    await backToApplication()
    await applicant.getByRole('heading', { level: 1, name: 'Ваші документи перевірено' }).waitFor()
    assert.equal(await applicant.getByText('Країна видачі: Україна').count(), 2)
    // Each issuer named as Ukraine's list names it, in the applicant's language.
    await applicant.getByText('Видавець: Державна міграційна служба').waitFor()
    await expectAccessible(applicant, 'documents-verified')
    await applicant.getByLabel('Вулиця').fill('Tartu mnt')
    await applicant.getByLabel('Номер будинку').fill('12')
    await applicant.getByLabel('Місто або селище').fill('Tallinn')
    await applicant.getByLabel('Повіт').fill('Harju maakond')
    await applicant.getByLabel('Поштовий індекс').fill('1011')
    await applicant.getByRole('button', { name: 'Надіслати заяву' }).click()
    await applicant.getByRole('alert').filter({ hasText: 'Поштовий індекс' }).waitFor()
    assert.equal(await applicant.getByLabel('Поштовий індекс').getAttribute('aria-invalid'), 'true')
    await expectAccessible(applicant, 'address-error')
    await applicant.getByLabel('Поштовий індекс').fill('10117')
    await applicant.getByRole('button', { name: 'Надіслати заяву' }).click()
    await applicant.getByRole('heading', { level: 1, name: 'Заяву надіслано' }).waitFor()
  })

  it('lets Estonia’s office see the verified documents and the country, and approve', async () => {
    const official = ee.citizens.find((c) => c.documents.includes('id-card'))
    assert.ok(official)
    const desk = await officeDesk(browser, {
      store: ee.platform.store,
      origin: ee.origin,
      now: ee.now(),
      official: { citizenId: official.id, agency: 'migration-service', roles: ['decider'] },
    })
    await desk.page.goto(`${ee.origin}/office/cross-border`)
    await desk.page.getByRole('heading', { level: 1, name: 'Cross-border applications' }).waitFor()
    await expectAccessible(desk.page, 'office-list')
    await desk.page.getByRole('table').getByRole('link').first().click()
    await desk.page.getByText('against the trust list of Ukraine').waitFor()
    assert.equal(await desk.page.getByText('Issued in Ukraine').count(), 2)
    await desk.page.getByText('Tartu mnt').waitFor()
    // The names as Estonia's register will write them, beside the card's own.
    await desk.page.getByText('Name in Latin letters').waitFor()
    await expectAccessible(desk.page, 'office-case')
    // A refusal needs its reason.
    await desk.page.getByRole('button', { name: 'Refuse' }).click()
    await desk.page.getByText('Give a reason of 3 to 1000 characters').waitFor()
    await desk.page.getByRole('button', { name: 'Approve and register the residence' }).click()
    await desk.page.getByText('Your Estonian personal code').waitFor()
    await desk.context.close()
  })

  it('issues the Estonian residence permit into the same wallet, beside the Ukrainian documents', async () => {
    await backToApplication()
    await applicant.getByRole('heading', { level: 1, name: 'Ваше проживання зареєстровано' }).waitFor()
    const personalCode = (await applicant.locator('dd').first().textContent()) ?? ''
    assert.match(personalCode, /^[3-6]\d{10}$/)
    await expectAccessible(applicant, 'approved')
    await applicant.getByRole('button', { name: 'Додати посвідку на проживання до гаманця' }).click()
    await applicant.getByRole('heading', { level: 1, name: 'Додайте посвідку до гаманця' }).waitFor()
    await expectAccessible(applicant, 'offer')
    const uri = (await applicant.locator('a.start').getAttribute('href')) ?? ''
    const txCode = (await applicant.locator('.tx-code').textContent()) ?? ''
    assert.ok(uri.startsWith('openid-credential-offer://'))
    await openInWallet('offer', uri)
    await walletApp.getByRole('heading', { name: 'Confirmation code' }).waitFor()
    await walletApp.getByLabel('Code given to you separately').fill(txCode)
    await walletApp.getByRole('button', { name: 'Continue' }).click()
    await walletApp.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: 30_000 })
    // The same wallet now holds documents of both countries, each saying its own.
    const permitCard = walletApp.getByRole('button', { name: /Residence permit/ })
    await permitCard.waitFor({ timeout: 30_000 })
    assert.match((await permitCard.textContent()) ?? '', /Issued in Estonia/)
    assert.match(
      (await walletApp.getByRole('button', { name: /Identity card/ }).textContent()) ?? '',
      /Issued in Ukraine/,
    )
    await expectAccessible(walletApp, 'wallet-both-countries')
    const permit = await walletApp.evaluate(async () => {
      const open = indexedDB.open('polis-wallet')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const all = await new Promise<
        Array<{ documentType: string; format: string; credential: string; issuer?: string }>
      >((resolve, reject) => {
        const request = db.transaction('credentials').objectStore('credentials').getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      return all.find((c) => c.documentType === 'residence-permit' && c.format === 'dc+sd-jwt')
    })
    assert.ok(permit)
    assert.equal(permit.issuer, ee.origin)
    const claims = claimsOf(permit.credential)
    assert.equal(claims.issuing_country, 'EE')
    assert.equal(claims.personal_administrative_number, personalCode)
    assert.deepEqual(claims.nationalities, ['UA'])
    assert.equal(claims.grounds, 'ajutine kaitse')
    // Estonia's verifier accepts its own permit.
    const verified = await fetch(`${ee.origin}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ presentation: permit.credential }),
    })
    assert.equal(verified.status, 200)
  })
})
