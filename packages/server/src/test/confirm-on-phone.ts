import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

/**
 * A Polis ID sign-in waiting on `browser` (its page with the QR code), confirmed on the
 * phone as a citizen does it (English): the wallet opens the page's link, is unlocked with
 * the PIN, shows the same control code as the browser, and confirms with the PIN again.
 */
export async function confirmOnPhone(browser: Page, phone: Page, pin: string): Promise<void> {
  await browser.getByRole('heading', { name: /Sign in to/ }).waitFor()
  const controlCode = await browser.locator('[data-control-code]').getAttribute('data-control-code')
  const walletLink = (await browser.getByRole('link', { name: 'Wallet on this device' }).getAttribute('href')) as string
  await phone.goto(walletLink)
  await phone.reload()
  await phone.getByLabel('Enter your PIN').fill(pin)
  await phone.getByRole('button', { name: 'Unlock' }).click()
  // The sign-in's own screen, with its code, before the PIN that confirms it.
  await phone.locator('[data-control-code]').waitFor()
  assert.equal(await phone.locator('[data-control-code]').getAttribute('data-control-code'), controlCode)
  await phone.getByLabel('Enter your PIN').fill(pin)
  await phone.getByRole('button', { name: 'Confirm sign-in' }).click()
}
