import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
let page: Page

before(async () => {
  t = await createTestPlatform({ citizens: 20, listen: true })
  browser = await launchBrowser()
  const context = await browser.newContext({ ...phone, locale: 'en-GB' })
  await context.clock.setFixedTime(t.now())
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const pin = '2468'

/** What the wallet keeps in IndexedDB: the number of records in each of its stores. */
const kept = () =>
  page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const opened = indexedDB.open('polis-wallet')
        opened.onerror = () => reject(opened.error)
        opened.onsuccess = () => {
          const names = Array.from({ length: opened.result.objectStoreNames.length }, (_, i) =>
            String(opened.result.objectStoreNames.item(i)),
          )
          const tx = opened.result.transaction(names)
          const counts = names.map((name) => [name, tx.objectStore(name).count()] as const)
          tx.oncomplete = () => {
            resolve(Object.fromEntries(counts.map(([name, request]) => [name, request.result])))
            opened.result.close()
          }
        }
      }),
  )

/** The app opened again: a PIN tried on the unlock screen. */
async function tryToUnlock(given: string) {
  await page.getByLabel('Enter your PIN').fill(given)
  await page.getByRole('button', { name: 'Unlock' }).click()
}

describe('the wallet’s PIN on a phone', () => {
  it('wipes the wallet after five wrong tries in a row, a right one in between starting the count again', {
    timeout: 120_000,
  }, async () => {
    await enrolWallet(page, { origin: t.origin, pin, choose: (offered) => offered[0] })
    const enrolled = await kept()
    assert.equal(enrolled.device, 1)
    assert.ok((enrolled.credentials ?? 0) > 0, 'documents on the phone')

    // Four wrong tries, each saying how many are left; the right PIN then unlocks and starts the count again.
    await page.reload()
    for (const left of [4, 3, 2, 1]) {
      await tryToUnlock('1111')
      await page.getByText(`Wrong PIN. Tries left: ${left}.`).waitFor()
    }
    await tryToUnlock(pin)
    await page.getByRole('heading', { name: 'Documents' }).waitFor()

    // Five wrong tries in a row: the fifth removes the device key and every document, and says so.
    await page.reload()
    for (const left of [4, 3, 2, 1]) {
      await tryToUnlock('9999')
      await page.getByText(`Wrong PIN. Tries left: ${left}.`).waitFor()
    }
    await tryToUnlock('9999')
    await page.getByText('Too many tries. The documents on this device were removed').waitFor()
    await page.getByRole('button', { name: 'Add my documents' }).waitFor()
    const wiped = await kept()
    assert.deepEqual(
      Object.entries(wiped).filter(([, count]) => count > 0),
      [],
      'nothing left on the phone',
    )
    // Opened again, there is nothing to unlock: the wallet is enrolled anew.
    await page.reload()
    await page.getByRole('button', { name: 'Add my documents' }).waitFor()
    assert.equal(await page.getByLabel('Enter your PIN').count(), 0)
  })
})
