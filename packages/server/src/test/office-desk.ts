import type { Store } from '@polis/store'
import type { Browser } from 'playwright-core'
import { officeSession } from './sessions.ts'

/**
 * An official at a desk in Chromium (1280 × 900, English), with an office session
 * already open and the page's clock frozen at `now`: Polis ID's sign-in itself is
 * tested in office.test.ts.
 */
export async function officeDesk(
  browser: Browser,
  options: {
    store: Store
    origin: string
    now: Date
    official: { citizenId: string; agency: string; roles: string[] }
  },
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
  await context.clock.setFixedTime(options.now)
  const secret = await officeSession(options.store, options.official, options.now)
  await context.addCookies([{ name: 'polis_office', value: secret, url: options.origin }])
  return { context, page: await context.newPage(), secret }
}
