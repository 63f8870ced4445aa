import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createApiKey } from '../business/businesses.ts'
import { answerDeletion, listBusinessDeletions, listDeletionReports } from '../sharing/deletion-requests.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let bankContext: BrowserContext
let walletContext: BrowserContext
let bank: Page
let wallet: Page
let citizenId: string
let bankId: string
const pin = '2468'
const checkWallet = accessibilityCheck('sharing-wallet')
const checkBank = accessibilityCheck('sharing-bank')

before(async () => {
  t = await createTestPlatform({ citizens: 40, listen: true })
  // Demo Bank registers as any business and an approver approves it (polis businesses add / approve).
  const approver = await insertApprover(t.platform, { citizenId: t.citizens[0]?.id ?? '' })
  // Its purpose in Ukrainian too, none in English: the wallet shows each language's, or the registered words.
  bankId = (await approvedBusiness(t.platform, { approver, descriptions: { uk: 'Щоб відкрити рахунок' } })).business.id
  browser = await launchBrowser()
  // The bank's page on a computer; the citizen's wallet on a phone, a second browser.
  bankContext = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-GB' })
  walletContext = await browser.newContext({ ...phone, locale: 'en-GB' })
  // The phone shares the platform's frozen clock, so its proofs and the request's lifetime agree.
  await walletContext.clock.setFixedTime(t.now())
  bank = await bankContext.newPage()
  wallet = await walletContext.newPage()
  citizenId = await enrolWallet(wallet, {
    origin: t.origin,
    pin,
    choose: (offered) => offered.find((id) => t.citizens.find((c) => c.id === id)?.documents.includes('id-card')),
  })
})
after(async () => {
  await browser?.close()
  await t?.close()
})

/** The bank's account opening up to its QR code; answers the request's link. */
async function openAccountAtBank(): Promise<string> {
  // The bank's page of a request still open reloads itself each second: a reload can cut in on the way away.
  for (let tries = 1; ; tries++) {
    try {
      await bank.goto(`${t.origin}/demo-bank/account?lang=en`)
      break
    } catch (error) {
      if (tries === 3 || !/interrupted by another navigation/.test(String(error))) throw error
    }
  }
  await bank.getByRole('heading', { name: 'Open an account' }).waitFor()
  await checkBank(bank, 'start')
  await bank.getByRole('button', { name: 'Open an account' }).click()
  await bank.locator('.qr svg').waitFor()
  const link = await bank.getByRole('link', { name: 'Open in the wallet' }).getAttribute('href')
  assert.match(link ?? '', /^openid4vp:\/\/\?client_id=x509_hash%3A/)
  return link ?? ''
}

describe(`sharing with a business, in headless Chromium at phone size on ${testEngine} (issue 7)`, () => {
  it('the wallet scans the DEMO BANK’s QR code, the citizen consents with the PIN, and the bank shows the verified applicant', async () => {
    await openAccountAtBank()
    await checkBank(bank, 'qr')
    const qr = await bank.locator('.qr').screenshot()

    // The citizen reads the code with the wallet (from a picture: headless Chromium has no camera).
    await wallet.getByRole('button', { name: 'Shared with businesses' }).click()
    await wallet.getByRole('heading', { name: 'Shared with businesses' }).waitFor()
    await wallet.getByText('You have not shared anything yet.').waitFor()
    await checkWallet(wallet, 'shares-empty')
    await wallet
      .getByLabel('Read a QR code from a photo')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qr })

    await wallet.getByRole('heading', { name: 'Demo Bank asks for:' }).waitFor({ timeout: 20_000 })
    const screen = wallet.locator('main')
    await screen.getByText('To open an account').waitFor()
    await screen.getByText('Register number 40000017').waitFor()
    const asked = await wallet.locator('.share-claims li').allTextContents()
    assert.deepEqual(asked, ['Family name', 'Given name', 'Date of birth', 'Tax number', 'Registered address'])
    await checkWallet(wallet, 'request')

    const start = Date.now()
    await wallet.getByLabel('PIN to consent').fill(pin)
    await wallet.getByRole('button', { name: 'I consent to share' }).click()
    await wallet.getByRole('heading', { name: 'Shared' }).waitFor()
    await checkWallet(wallet, 'sent')

    // The bank's page reloads itself each second and shows what Polis verified.
    await bank.getByText('Verified by Polis').waitFor({ timeout: 5_000 })
    const elapsed = Date.now() - start
    const person = await t.platform.store.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow()
    const shown = await bank.locator('dd').allTextContents()
    assert.equal(shown[0], person.family_name)
    assert.equal(shown[1], person.given_name)
    assert.equal(shown[2], person.birth_date)
    assert.match(shown[3] ?? '', /^\d{10}$/)
    assert.ok((shown[4] ?? '').length > 0)
    await checkBank(bank, 'verified')
    assert.ok(elapsed < 3_000, `the bank showed the result ${elapsed} ms after consent`)

    // The share is on the phone, and reads offline.
    await wallet.getByRole('button', { name: 'My shares' }).click()
    await walletContext.setOffline(true)
    const entry = wallet.locator('.history li').first()
    await entry.getByText('Demo Bank', { exact: true }).waitFor()
    await entry.getByText('To open an account').waitFor()
    await entry.getByText(/Family name, Given name, Date of birth, Tax number, Registered address/).waitFor()
    await checkWallet(wallet, 'shares')
    await walletContext.setOffline(false)
    // The deletion request goes through the platform to the bank's registered data-protection contact, tracked.
    await entry.getByRole('button', { name: 'Ask Demo Bank to delete this data' }).click()
    await entry.getByText(/^Deletion asked on /).waitFor()
    await entry.getByText('Demo Bank has not answered yet').waitFor()
    await checkWallet(wallet, 'deletion-asked')
    const [mail] = await t.platform.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'dpo@bank.example')
      .execute()
    assert.match(
      mail?.body ?? '',
      /Article 17.*\n\n- id-card: family_name, given_name, birth_date, tax_number, resident_address/s,
    )
    // The bank refuses in its cabinet; the citizen sees why, and reports it to the authority.
    const [deletion] = await listBusinessDeletions(t.platform, bankId)
    await answerDeletion(t.platform, {
      businessId: bankId,
      id: deletion?.id ?? '',
      outcome: 'refused',
      reason: 'The law on banks makes us keep it for five years.',
    })
    await wallet.getByRole('button', { name: /Back/ }).click()
    await wallet.getByRole('button', { name: 'Shared with businesses' }).click()
    await entry.getByText(/^Demo Bank refused on .*: The law on banks makes us keep it for five years\.$/).waitFor()
    await entry.getByRole('button', { name: 'Report to the data-protection authority' }).click()
    await entry.getByRole('button', { name: 'Send the report' }).click()
    await entry.getByRole('alert').getByText('Say what happened in 3 to 2000 characters.').waitFor()
    await checkWallet(wallet, 'report-error')
    await entry
      .getByLabel('What happened (the data-protection authority reads it)')
      .fill('I opened no account; the bank keeps my data anyway.')
    await entry.getByRole('button', { name: 'Send the report' }).click()
    await entry.getByText(/^Reported on /).waitFor()
    await checkWallet(wallet, 'reported')
    assert.equal((await listDeletionReports(t.platform)).length, 1)
    await wallet.getByRole('button', { name: /Back/ }).click()
  })

  it('a link opened in the wallet on the same phone, declined by the citizen: the bank shows it was declined', async () => {
    // A minute later, on the platform and on the phone alike.
    t.now.advance(60)
    await walletContext.clock.setFixedTime(t.now())
    const link = await openAccountAtBank()
    await wallet.goto(`${t.origin}/wallet/#present=${encodeURIComponent(link)}`)
    await wallet.reload()
    await wallet.getByLabel('Enter your PIN').fill(pin)
    await wallet.getByRole('button', { name: 'Unlock' }).click()
    await wallet.getByRole('heading', { name: 'Demo Bank asks for:' }).waitFor({ timeout: 20_000 })
    // In the citizen's language: Ukrainian here, the claims' labels from the issuer metadata.
    await wallet.getByLabel('Language').selectOption('uk')
    await wallet.getByRole('heading', { name: 'Demo Bank просить:' }).waitFor()
    await wallet.getByText('РНОКПП').waitFor()
    await wallet.getByText('Щоб відкрити рахунок').waitFor()
    await checkWallet(wallet, 'request-uk')
    await wallet.getByRole('button', { name: 'Не надавати' }).click()
    await wallet.getByRole('heading', { name: 'Ви відмовилися' }).waitFor()
    await checkWallet(wallet, 'declined-uk')
    await wallet.getByLabel('Мова').selectOption('en')
    await wallet.getByRole('heading', { name: 'You declined' }).waitFor()

    await bank.getByText('You declined to share your documents').waitFor({ timeout: 5_000 })
    await checkBank(bank, 'declined')

    // The same link on a phone without the wallet yet: enrolling comes first, and says so.
    const fresh = await browser.newContext({ ...phone, locale: 'en-GB' })
    const newcomer = await fresh.newPage()
    await newcomer.goto(`${t.origin}/wallet/#present=${encodeURIComponent(link)}`)
    await newcomer.getByRole('alert').filter({ hasText: 'To share documents with a business, first add' }).waitFor()
    await checkWallet(newcomer, 'needs-enrolment')
    await fresh.close()

    await wallet.getByRole('button', { name: 'My shares' }).click()
    await wallet.locator('.history li').first().getByText('Declined').waitFor()
    assert.equal(await wallet.locator('.history li').count(), 2)
  })

  it('a request whose object fails its check says why, in the citizen’s language, with its code', async () => {
    const link = await openAccountAtBank()
    // Another business's client id in the link: the request object does not match it.
    const forged = link.replace(/client_id=[^&]+/, `client_id=${encodeURIComponent('x509_hash:AAAA')}`)
    await wallet.getByLabel('Link of the request (openid4vp://…)').fill(forged)
    await wallet.getByRole('button', { name: 'Open the request' }).click()
    await wallet
      .getByRole('alert')
      .filter({ hasText: /\(ERR_[A-Z_]+\)/ })
      .waitFor({ timeout: 20_000 })
    await checkWallet(wallet, 'refused')
  })

  it('shows the transaction data a request carries before the citizen consents, and the business gets it signed', async () => {
    const key = await createApiKey(t.platform, bankId)
    const entry = { type: 'open-account', credential_ids: ['id_card'], account: 'UA00 0000 0001' }
    const created = await fetch(`${t.origin}/api/verifier/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        purpose: 'open-account',
        dcql_query: {
          credentials: [
            {
              id: 'id_card',
              format: 'dc+sd-jwt',
              meta: { vct_values: [`${t.origin}/vct/id-card`] },
              claims: [{ path: ['family_name'] }],
            },
          ],
        },
        transaction_data: [entry],
      }),
    })
    const { id, link } = (await created.json()) as { id: string; link: string }
    // From the refused request before: back to the documents, then to the shares.
    await wallet.getByRole('button', { name: 'To documents' }).click()
    await wallet.getByRole('button', { name: 'Shared with businesses' }).click()
    await wallet.getByLabel('Link of the request (openid4vp://…)').fill(link)
    await wallet.getByRole('button', { name: 'Open the request' }).click()
    await wallet.getByRole('heading', { name: 'Demo Bank asks for:' }).waitFor({ timeout: 20_000 })
    await wallet.getByText('You also confirm').waitFor()
    await wallet.getByText('account: UA00 0000 0001').waitFor()
    await checkWallet(wallet, 'transaction')
    await wallet.getByLabel('PIN to consent').fill(pin)
    await wallet.getByRole('button', { name: 'I consent to share' }).click()
    await wallet.getByRole('heading', { name: 'Shared' }).waitFor()
    const polled = await fetch(`${t.origin}/api/verifier/requests/${id}`, {
      headers: { authorization: `Bearer ${key}` },
    })
    const body = (await polled.json()) as { status: string; result: { transaction_data: unknown[] } }
    assert.equal(body.status, 'verified')
    assert.deepEqual(body.result.transaction_data, [entry])
  })

  it('scans the bank’s QR code with the phone’s camera', async () => {
    await openAccountAtBank()
    // Chromium's fake camera plays an MJPEG file: the bank's code on white, the frame repeated
    // so that a camera opened late still has one to read.
    const shot = await browser.newPage({ viewport: { width: 640, height: 480 } })
    await shot.setContent(
      `<body style="margin:0;display:grid;place-items:center;height:100vh;background:#fff">${await bank.locator('.qr').innerHTML()}`,
    )
    await shot.locator('svg').evaluate((svg) => svg.setAttribute('style', 'width:440px;height:440px'))
    const frame = await shot.screenshot({ type: 'jpeg', quality: 95 })
    await shot.close()
    const files = mkdtempSync(join(tmpdir(), 'polis-camera-'))
    const video = join(files, 'camera.mjpeg')
    writeFileSync(video, Buffer.concat(Array.from({ length: 30 }, () => frame)))
    const camera = await chromium.launch({
      executablePath: process.env.POLIS_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const phoneContext = await camera.newContext({ ...phone, locale: 'en-GB' })
      await phoneContext.clock.setFixedTime(t.now())
      const other = await phoneContext.newPage()
      await enrolWallet(other, { origin: t.origin, pin, choose: (offered) => offered.find((id) => id === citizenId) })
      await other.getByRole('button', { name: 'Shared with businesses' }).click()
      await other.getByRole('button', { name: 'Scan a QR code with the camera' }).click()
      await other.getByRole('heading', { name: 'Demo Bank asks for:' }).waitFor({ timeout: 40_000 })
      await other.getByLabel('PIN to consent').fill(pin)
      await other.getByRole('button', { name: 'I consent to share' }).click()
      await other.getByRole('heading', { name: 'Shared' }).waitFor()
      await bank.getByText('Verified by Polis').waitFor({ timeout: 5_000 })
    } finally {
      await camera.close()
      rmSync(files, { recursive: true, force: true })
    }
  })
})
