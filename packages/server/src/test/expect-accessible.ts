import assert from 'node:assert/strict'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * Axe's results for the page as it is. A page that reloads itself (a `Refresh` header: the
 * DEMO BANK's open request) may reload under the check, which ends it; it runs again on
 * the page reloaded, a few times at most.
 */
async function analyze(page: Page) {
  for (let tries = 1; ; tries++) {
    try {
      return await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    } catch (error) {
      if (tries === 5 || !/Execution context was destroyed/.test(String(error))) throw error
      await page.waitForLoadState()
    }
  }
}

/**
 * An axe check at WCAG 2.2 AA that fails on any violation, and a full-page screenshot
 * named `<prefix>-<name>.png` when POLIS_SCREENSHOTS names a folder (to look at).
 */
export function accessibilityCheck(prefix: string): (page: Page, name: string) => Promise<void> {
  const folder = process.env.POLIS_SCREENSHOTS
  return async (page, name) => {
    const results = await analyze(page)
    assert.deepEqual(
      results.violations.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`),
      [],
    )
    if (folder) await page.screenshot({ path: `${folder}/${prefix}-${name}.png`, fullPage: true })
  }
}
