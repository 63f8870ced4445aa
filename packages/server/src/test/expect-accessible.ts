import assert from 'node:assert/strict'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * An axe check at WCAG 2.2 AA that fails on any violation, and a full-page screenshot
 * named `<prefix>-<name>.png` when POLIS_SCREENSHOTS names a folder (to look at).
 */
export function accessibilityCheck(prefix: string): (page: Page, name: string) => Promise<void> {
  const folder = process.env.POLIS_SCREENSHOTS
  return async (page, name) => {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    assert.deepEqual(
      results.violations.map((v) => `${name}: ${v.id} ${v.help} (${v.nodes.length})`),
      [],
    )
    if (folder) await page.screenshot({ path: `${folder}/${prefix}-${name}.png`, fullPage: true })
  }
}
