import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

/**
 * Enrols the wallet on `page` as a citizen does (English): the DEMO BANK, picking the
 * seeded citizen chosen among those the bank lists, and the PIN; returns once the
 * documents are listed, with the citizen's id.
 */
export async function enrolWallet(
  page: Page,
  options: { origin: string; pin: string; choose: (offered: string[]) => string | undefined },
): Promise<string> {
  await page.goto(`${options.origin}/wallet/`)
  await page.getByRole('button', { name: 'Add my documents' }).click()
  await page.getByRole('link', { name: /demo/i }).click()
  const offered = await page
    .locator('button[name="citizen"]')
    .evaluateAll((buttons) => buttons.map((button) => (button as HTMLButtonElement).value))
  const citizenId = options.choose(offered)
  assert.ok(citizenId, 'a citizen to sign in as at the bank')
  await page.locator(`button[name="citizen"][value="${citizenId}"]`).click()
  await page.getByLabel('PIN (4 to 6 digits)').fill(options.pin)
  await page.getByLabel('Repeat the PIN').fill(options.pin)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Documents' }).waitFor({ timeout: 30_000 })
  await page.locator('.card').first().waitFor()
  return citizenId
}
