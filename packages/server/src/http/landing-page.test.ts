import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import { serve } from '@hono/node-server'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let server: ReturnType<typeof serve>
let browser: Browser
let origin: string

before(async () => {
  t = await createTestPlatform({ citizens: 5 })
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  server?.close()
  await t?.close()
})

describe('landing page in headless Chromium at phone size', () => {
  it('lists the endpoints and every document type, and axe finds nothing at WCAG 2.2 AA', async () => {
    const context = await browser.newContext(phone)
    const page = await context.newPage()
    const response = await page.goto(`${origin}/platform`)
    assert.equal(response?.status(), 200)
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1)
    assert.ok(await page.getByRole('link', { name: 'Trust list, readable' }).isVisible())
    assert.equal(
      await page.locator('main ul').nth(1).locator('li').count(),
      23,
      'the 22 of the catalogue and a child’s residence extract',
    )
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    assert.deepEqual(
      results.violations.map((v) => `${v.id}: ${v.help}`),
      [],
    )
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(scrollWidth <= 390, 'no horizontal scrolling on a phone')
    await context.close()
  })
})
