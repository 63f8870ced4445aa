import assert from 'node:assert/strict'
import { createHash, X509Certificate } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import { registerClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let context: BrowserContext
let page: Page
let basic: string
let citizenId: string
const pin = '2468'
const screenshots = process.env.POLIS_SCREENSHOTS

before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  const client = await registerClient({
    store: t.platform.store,
    sealer: t.platform.keys,
    now: t.now(),
    registration: {
      name: 'Demo Notary',
      purpose: { uk: 'Договори', en: 'Contracts', et: 'Lepingud' },
      redirectUris: ['https://notary.example/callback'],
      scopes: ['openid'],
    },
  })
  basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`
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

async function expectAccessible(name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  assert.deepEqual(
    results.violations.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`),
    [],
  )
  if (screenshots) await page.screenshot({ path: `${screenshots}/wallet-${name}.png`, fullPage: true })
}

/** Moves the platform's clock and the phone's together, so that signatures differ in time. */
async function tick(seconds: number) {
  t.now.advance(seconds)
  await context.clock.setFixedTime(t.now())
}

/** A one-page PDF written by hand, its cross-reference table counted to the byte. */
function smallPdf(text: string): Uint8Array {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.7\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(pdf.length)
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(pdf)
}

/** A business asks for a signature through the API, as docs/signatures.md describes. */
async function askToSign(document: { name: string; mediaType: string; bytes: Uint8Array }, extra = {}) {
  const response = await fetch(`${t.origin}/api/signing-requests`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify({
      document: {
        name: document.name,
        mediaType: document.mediaType,
        content: Buffer.from(document.bytes).toString('base64'),
      },
      ...extra,
    }),
  })
  assert.equal(response.status, 201, await response.clone().text())
  return (await response.json()) as { id: string; walletUrl: string; controlCode: string; state: string }
}

async function requestState(id: string) {
  const response = await fetch(`${t.origin}/api/signing-requests/${id}`, { headers: { authorization: basic } })
  assert.equal(response.status, 200)
  return (await response.json()) as { state: string; signer?: string; signedAt?: string }
}

/** The signing request's link opened on the phone (as its QR code does), and the wallet unlocked. */
async function openInWallet(walletUrl: string) {
  await page.goto(walletUrl)
  await page.reload()
  await page.getByLabel('Enter your PIN').fill(pin)
  await page.getByRole('button', { name: 'Unlock' }).click()
}

async function verify(document: Uint8Array, signature?: Uint8Array) {
  const form = new FormData()
  form.set('document', new Blob([Buffer.from(document)]), 'document')
  if (signature) form.set('signature', new Blob([Buffer.from(signature)]), 'signature')
  const response = await fetch(`${t.origin}/api/signatures/verify`, { method: 'POST', body: form })
  assert.equal(response.status, 200)
  return (await response.json()) as {
    valid: boolean
    format: string
    level: string
    signer?: { name: string }
    error?: { code: string }
  }
}

async function result(id: string) {
  const response = await fetch(`${t.origin}/api/signing-requests/${id}/result`, { headers: { authorization: basic } })
  assert.equal(response.status, 200)
  return new Uint8Array(await response.arrayBuffer())
}

const fingerprint = (bytes: Uint8Array) =>
  (createHash('sha256').update(bytes).digest('hex').slice(0, 16).match(/.{4}/g) ?? []).join(' ')

describe(`signing with the wallet in headless Chromium at phone size on ${testEngine}`, () => {
  it('enrols, and the wallet obtains a signing certificate for a key of its own', async () => {
    citizenId = await enrolWallet(page, { origin: t.origin, pin, choose: (offered) => offered[0] })
    const active = async () =>
      t.platform.store.db
        .selectFrom('signing_certificates')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('revoked_at', 'is', null)
        .execute()
    for (let tries = 0; tries < 50 && (await active()).length === 0; tries++) await page.waitForTimeout(200)
    const [row, ...more] = await active()
    assert.ok(row, 'a signing certificate was issued after enrolment')
    assert.equal(more.length, 0, 'one for this phone')
    const citizen = t.citizens.find((c) => c.id === citizenId)
    const certificate = new X509Certificate(Buffer.from(row.der, 'base64'))
    assert.match(certificate.subject, new RegExp(`GN=${citizen?.givenName}`))

    // The wallet keeps the certificate beside a key it cannot export, apart from the device key.
    const held = await page.evaluate(
      () =>
        new Promise<{ serialNumber?: string; certificate?: string; extractable: boolean; notAfter?: string }>(
          (resolve, reject) => {
            const open = indexedDB.open('polis-wallet')
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const read = open.result.transaction('signing').objectStore('signing').get('current')
              read.onsuccess = () =>
                resolve({
                  serialNumber: read.result.serialNumber,
                  certificate: read.result.certificate,
                  notAfter: read.result.notAfter,
                  extractable: read.result.keys.privateKey.extractable,
                })
            }
          },
        ),
    )
    assert.equal(held.serialNumber, row.serial_number)
    assert.equal(held.certificate, row.der)
    assert.equal(held.notAfter, row.not_after)
    assert.equal(held.extractable, false)
  })

  it('signs a PDF a business sent: who asks, the file and the control code shown, and the signed PDF verifies', async () => {
    const pdf = smallPdf('Lease agreement no. 42')
    const asked = await askToSign(
      { name: 'lease-agreement.pdf', mediaType: 'application/pdf', bytes: pdf },
      { purpose: 'Lease of flat 12, Khreshchatyk 1' },
    )
    assert.equal(asked.walletUrl, `${t.origin}/wallet/#sign=${asked.id}`)
    await openInWallet(asked.walletUrl)
    await page.getByRole('heading', { name: 'Sign a document' }).waitFor()
    await page.locator('[data-control-code]').waitFor()
    assert.equal(await page.locator('[data-control-code]').getAttribute('data-control-code'), asked.controlCode)
    assert.equal(await page.locator('.code').textContent(), asked.controlCode)
    assert.ok(await page.getByText('Compare it with the code on the other screen.').isVisible())
    assert.ok(await page.getByText('lease-agreement.pdf').isVisible())
    assert.ok(await page.getByText('Demo Notary').isVisible())
    assert.ok(await page.getByText('An organisation registered with Polis ID').isVisible())
    assert.ok(await page.getByText('Lease of flat 12, Khreshchatyk 1').isVisible())
    assert.ok(await page.getByText('application/pdf').isVisible())
    assert.ok(await page.getByText(`${pdf.length} bytes`).isVisible(), `size shown as ${pdf.length} bytes`)
    assert.ok(await page.getByText(fingerprint(pdf)).isVisible(), 'the SHA-256 fingerprint')
    assert.ok(await page.getByText('PAdES, inside the PDF').isVisible())
    await expectAccessible('sign')

    // A wrong PIN is counted as the login's is; the right one signs.
    await page.getByLabel('Enter your PIN').fill('0000')
    await page.getByRole('button', { name: 'Sign', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Wrong PIN. Tries left: 4.' }).waitFor()
    await expectAccessible('sign-wrong-pin')
    assert.equal((await requestState(asked.id)).state, 'waiting')
    await page.getByLabel('Enter your PIN').fill(pin)
    await page.getByRole('button', { name: 'Sign', exact: true }).click()
    await page.getByRole('heading', { name: 'Document signed' }).waitFor({ timeout: 15_000 })
    assert.ok(await page.getByText('Signed. You can return to the other screen.').isVisible())
    await expectAccessible('signed')

    const state = await requestState(asked.id)
    assert.equal(state.state, 'signed')
    const citizen = t.citizens.find((c) => c.id === citizenId)
    assert.match(state.signer ?? '', new RegExp(citizen?.givenName ?? '-'))
    const signed = await result(asked.id)
    assert.equal(Buffer.from(signed.subarray(0, 5)).toString(), '%PDF-')
    const report = await verify(signed)
    assert.equal(report.valid, true, JSON.stringify(report.error))
    assert.equal(report.format, 'PAdES')
    assert.equal(report.level, 'B-T')
    assert.match(report.signer?.name ?? '', new RegExp(citizen?.givenName ?? '-'))
    // A byte changed after signing is caught.
    const changed = Buffer.concat([Buffer.from(signed), Buffer.from('\n% appended\n')])
    assert.equal((await verify(changed)).valid, false)
  })

  it('signs any file as a detached CAdES signature that verifies with the file', async () => {
    await tick(60)
    const text = new TextEncoder().encode('I agree to the terms of the lease.\n')
    const asked = await askToSign({ name: 'consent.txt', mediaType: 'text/plain', bytes: text }, { format: 'CAdES' })
    await openInWallet(asked.walletUrl)
    await page.getByRole('heading', { name: 'Sign a document' }).waitFor()
    await page.getByText('CAdES, a separate .p7s file').waitFor()
    await page.getByLabel('Enter your PIN').fill(pin)
    await page.getByRole('button', { name: 'Sign', exact: true }).click()
    await page.getByRole('heading', { name: 'Document signed' }).waitFor({ timeout: 15_000 })
    const report = await verify(text, await result(asked.id))
    assert.equal(report.valid, true, JSON.stringify(report.error))
    assert.equal(report.format, 'CAdES')
  })

  it('declines a JAdES request, which is then signed by no one', async () => {
    const json = new TextEncoder().encode('{"invoice": 17, "total": "120.00 UAH"}')
    const asked = await askToSign(
      { name: 'invoice-17.json', mediaType: 'application/json', bytes: json },
      {
        format: 'JAdES',
      },
    )
    await openInWallet(asked.walletUrl)
    await page.getByText('JAdES, a separate JSON file').waitFor()
    // The header names this document, so the wallet would sign it: the PIN is asked for.
    assert.ok(await page.getByLabel('Enter your PIN').isVisible())
    await page.getByRole('button', { name: 'Decline' }).click()
    await page.getByRole('heading', { name: 'Signing declined' }).waitFor()
    assert.ok(await page.getByText('Nothing was signed.').isVisible())
    await expectAccessible('sign-declined')
    assert.equal((await requestState(asked.id)).state, 'declined')

    // Opened again, it is no longer waiting.
    await openInWallet(asked.walletUrl)
    await page.getByRole('alert').filter({ hasText: 'This request was already signed or declined' }).waitFor()
  })

  it('refuses to sign what does not carry the digest of the document shown', async () => {
    const pdf = smallPdf('Power of attorney')
    const asked = await askToSign({ name: 'power-of-attorney.pdf', mediaType: 'application/pdf', bytes: pdf })
    // A platform gone wrong: the digest it names is not the one in what it asks to be signed.
    await page.route('**/api/wallet/signing-requests/*', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      const digest = Buffer.from(body.digest, 'base64url')
      digest[0] = (digest[0] ?? 0) ^ 0xff
      await route.fulfill({ response, json: { ...body, digest: digest.toString('base64url') } })
    })
    await openInWallet(asked.walletUrl)
    await page.getByRole('alert').filter({ hasText: 'This request cannot be signed' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Sign', exact: true }).count(), 0, 'no way to sign')
    assert.equal(await page.getByLabel('Enter your PIN').count(), 0)
    await expectAccessible('sign-mismatch')
    await page.unroute('**/api/wallet/signing-requests/*')
    await page.getByRole('button', { name: 'Decline' }).click()
    await page.getByRole('heading', { name: 'Signing declined' }).waitFor()
    assert.equal((await requestState(asked.id)).state, 'declined')
  })

  it('gets a new signing certificate when the platform holds none for this phone, then signs', async () => {
    await tick(60)
    const before = await t.platform.store.db
      .selectFrom('signing_certificates')
      .select('serial_number')
      .where('citizen_id', '=', citizenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    await t.platform.store.db
      .updateTable('signing_certificates')
      .set({ revoked_at: t.now().toISOString(), revocation_reason: 'test' })
      .where('serial_number', '=', before.serial_number)
      .execute()
    const pdf = smallPdf('Contract after renewal')
    const asked = await askToSign({ name: 'contract.pdf', mediaType: 'application/pdf', bytes: pdf })
    await openInWallet(asked.walletUrl)
    await page.getByRole('alert').filter({ hasText: 'This phone has no signing certificate yet.' }).waitFor()
    await expectAccessible('sign-no-certificate')
    await page.getByRole('button', { name: 'Get a signing certificate' }).click()
    await page.locator('[data-control-code]').waitFor({ timeout: 15_000 })
    const after = await t.platform.store.db
      .selectFrom('signing_certificates')
      .select('serial_number')
      .where('citizen_id', '=', citizenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    assert.notEqual(after.serial_number, before.serial_number)
    await page.getByLabel('Enter your PIN').fill(pin)
    await page.getByRole('button', { name: 'Sign', exact: true }).click()
    await page.getByRole('heading', { name: 'Document signed' }).waitFor({ timeout: 15_000 })
    assert.equal((await verify(await result(asked.id))).valid, true)
  })

  it('explains a request that does not exist, and one opened offline', async () => {
    await openInWallet(`${t.origin}/wallet/#sign=no-such-request-0123456789`)
    await page.getByRole('alert').filter({ hasText: 'This signing request does not exist or has expired.' }).waitFor()
    await expectAccessible('sign-not-found')

    const asked = await askToSign({ name: 'offline.pdf', mediaType: 'application/pdf', bytes: smallPdf('Offline') })
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await page.goto(asked.walletUrl)
    await context.setOffline(true)
    await page.reload()
    await page.getByLabel('Enter your PIN').fill(pin)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('alert').filter({ hasText: 'No connection: signing needs the internet.' }).waitFor()
    await expectAccessible('sign-offline')
    await context.setOffline(false)
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.locator('[data-control-code]').waitFor()
    assert.equal(await page.locator('[data-control-code]').getAttribute('data-control-code'), asked.controlCode)
    // The same screen in Ukrainian, the wallet's first language.
    await page.getByLabel('Language').selectOption('uk')
    await page.getByRole('heading', { name: 'Підписати документ' }).waitFor()
    assert.ok(await page.getByText('PAdES, у самому PDF').isVisible())
    await expectAccessible('sign-uk')
    await page.getByLabel('Мова').selectOption('en')
    await page.getByRole('button', { name: 'Decline' }).click()
    await page.getByRole('heading', { name: 'Signing declined' }).waitFor()
  })

  it('lists the signatures, newest first, with the date in the chosen language', async () => {
    await page.getByRole('button', { name: 'To my documents' }).click()
    await page.getByRole('button', { name: 'My signatures' }).click()
    await page.getByRole('heading', { name: 'My signatures' }).waitFor()
    const entries = page.locator('.signatures li')
    await entries.first().waitFor()
    assert.equal(await entries.count(), 3, 'the PDF, the text and the contract; nothing declined')
    const names = await page.locator('.signatures .device-name').allTextContents()
    assert.deepEqual(names, ['contract.pdf', 'consent.txt', 'lease-agreement.pdf'])
    assert.equal(await page.getByText('Asked by Demo Notary').count(), 3)
    const at = (await entries.first().locator('time').getAttribute('datetime')) as string
    const written = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      at,
    )
    assert.equal(await entries.first().locator('time').textContent(), written)
    assert.ok(await entries.getByText('PAdES').first().isVisible())
    await expectAccessible('signatures')

    await page.getByLabel('Language').selectOption('et')
    await page.getByRole('heading', { name: 'Minu allkirjad' }).waitFor()
    const eesti = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('et-EE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      at,
    )
    assert.equal(await entries.first().locator('time').textContent(), eesti)
    await expectAccessible('signatures-et')
    await page.getByLabel('Keel').selectOption('en')
  })

  it('enrols when the certificate cannot be had, and gets it for the same key on the next start', async () => {
    const other = await browser.newContext({ ...phone, locale: 'en-GB' })
    await other.clock.setFixedTime(t.now())
    const second = await other.newPage()
    let refused = 0
    await second.route('**/api/wallet/signing-certificate', (route) => {
      refused++
      return route.fulfill({ status: 503, json: { error: { code: 'ERR_UNAVAILABLE', message: 'down' } } })
    })
    const secondCitizen = await enrolWallet(second, { origin: t.origin, pin: '1357', choose: (offered) => offered[1] })
    for (let tries = 0; tries < 50 && refused === 0; tries++) await second.waitForTimeout(100)
    assert.equal(refused, 1, 'asked once, after enrolment')
    assert.ok(await second.locator('.card').first().isVisible(), 'the documents are there all the same')
    const kept = await second.evaluate(
      () =>
        new Promise<{ x?: string; certificate?: string }>((resolve, reject) => {
          const open = indexedDB.open('polis-wallet')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const read = open.result.transaction('signing').objectStore('signing').get('current')
            read.onsuccess = () => resolve({ x: read.result?.publicJwk.x, certificate: read.result?.certificate })
          }
        }),
    )
    assert.ok(kept.x, 'the key was made and kept')
    assert.equal(kept.certificate, undefined)

    await second.unroute('**/api/wallet/signing-certificate')
    await second.reload()
    const issued = () =>
      t.platform.store.db
        .selectFrom('signing_certificates')
        .select('public_jwk')
        .where('citizen_id', '=', secondCitizen)
        .executeTakeFirst()
    for (let tries = 0; tries < 50 && !(await issued()); tries++) await second.waitForTimeout(200)
    const row = await issued()
    assert.ok(row, 'certified on the next start')
    assert.equal(JSON.parse(row.public_jwk).x, kept.x, 'for the key made before')
    await other.close()
  })

  it('tells a phone without a wallet to enrol before signing', async () => {
    const other = await browser.newContext({ ...phone, locale: 'en-GB' })
    const fresh = await other.newPage()
    await fresh.goto(`${t.origin}/wallet/#sign=no-wallet-here-0123456789`)
    await fresh.getByRole('alert').filter({ hasText: 'To sign a document, first add your documents' }).waitFor()
    await other.close()
  })
})
