import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let wallet: Page
let verifier: Page
const screenshots = process.env.POLIS_SCREENSHOTS
const images = mkdtempSync(join(tmpdir(), 'polis-qr-'))

before(async () => {
  t = await createTestPlatform({ citizens: 40, listen: true })
  browser = await launchBrowser()
  // Two phones: the citizen's and the inspector's, each with the platform's frozen clock.
  const citizenPhone = await browser.newContext({ ...phone, locale: 'en-GB' })
  const inspectorPhone = await browser.newContext({ ...phone, locale: 'en-GB' })
  for (const context of [citizenPhone, inspectorPhone]) await context.clock.setFixedTime(t.now())
  wallet = await citizenPhone.newPage()
  verifier = await inspectorPhone.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

/** A picture of the wallet's QR code as the inspector's camera would see it. */
async function photographQr(name: string): Promise<string> {
  const file = join(images, `${name}.png`)
  writeFileSync(file, await wallet.locator('figure.qr img').screenshot())
  return file
}

describe(`a document shown in person, from the wallet to the verifier, on ${testEngine}`, () => {
  it('turns green for the ID card shown by QR, and red once the card is revoked', async () => {
    // The citizen enrols at the DEMO BANK, picking the person with the most documents.
    const holderId = await enrolWallet(wallet, {
      origin: t.origin,
      pin: '2468',
      choose: (offered) =>
        t.citizens
          .filter((citizen) => offered.includes(citizen.id) && citizen.documents.includes('id-card'))
          .sort((a, b) => b.documents.length - a.documents.length)[0]?.id,
    })
    const holder = t.citizens.find((citizen) => citizen.id === holderId) as (typeof t.citizens)[number]
    assert.ok((await wallet.locator('.card').count()) >= 8, 'the citizen sees 8 or more documents')

    // The inspector opens the verifier, which fetches the trust data.
    await verifier.goto(`${t.origin}/verify/`)
    await verifier.getByRole('status').filter({ hasText: 'Trust data updated' }).waitFor({ timeout: 15_000 })

    await wallet.getByRole('button', { name: /Identity card/ }).click()
    await wallet.getByRole('button', { name: 'Show QR code' }).click()
    await wallet.getByRole('img', { name: 'QR code of your Identity card for checking' }).waitFor()
    await verifier.locator('input[type="file"]').setInputFiles(await photographQr('valid'))
    await verifier.getByRole('heading', { level: 1, name: 'Valid', exact: true }).waitFor({ timeout: 15_000 })
    await verifier.getByRole('heading', { level: 2, name: 'Identity card' }).waitFor()
    assert.ok(await verifier.getByText(holder.familyName).first().isVisible(), 'the holder’s name is shown')
    if (screenshots) await verifier.screenshot({ path: `${screenshots}/journey-green.png`, fullPage: true })
    const took = Number(await verifier.locator('.verdict.accepted').getAttribute('data-took-ms'))
    console.log(`# verifier: QR verified in ${took.toFixed(1)} ms in Chromium`)
    assert.ok(took > 0 && took < 200, 'a scanned QR is verified at once (a guard; the figure is printed)')

    // The card is lost: the operator revokes it (`polis revoke --citizen ID --type id-card`).
    const { changed } = await t.issuer.changeDocumentStatus({
      citizenId: holder.id,
      documentType: 'id-card',
      to: 'revoked',
      reason: 'lost',
    })
    assert.ok(changed >= 7, `every copy of the card is revoked (${changed})`)
    await verifier.getByRole('button', { name: 'Check the next one' }).click()
    await verifier.getByRole('button', { name: 'Refresh now' }).first().click()
    await verifier.getByRole('status').filter({ hasText: 'Trust data updated' }).waitFor()
    // A fresh code: the one already checked would be refused as a replay, whatever its status.
    const shown = await wallet.locator('figure.qr').getAttribute('data-payload')
    await wallet.getByRole('button', { name: 'New code' }).first().click()
    await wallet.waitForFunction(
      (before) => document.querySelector('figure.qr')?.getAttribute('data-payload') !== before,
      shown,
    )
    await verifier.locator('input[type="file"]').setInputFiles(await photographQr('revoked'))
    await verifier.getByRole('heading', { level: 1, name: 'Not valid' }).waitFor({ timeout: 15_000 })
    assert.ok(await verifier.getByText('ERR_REVOKED').isVisible())
    if (screenshots) await verifier.screenshot({ path: `${screenshots}/journey-red.png`, fullPage: true })
  })
})
