import { PolisError } from '@polis/kernel'
import type { Context } from 'hono'

/**
 * A browser form of this site only: `Sec-Fetch-Site` same-origin where the browser
 * says it, and an `Origin` of this site where one is sent (`null` comes from pages
 * that send no referrer). Beside SameSite=Lax cookies, this refuses cross-site forms.
 */
export function requireSameOrigin(c: Context, publicUrl: string): void {
  const site = c.req.header('sec-fetch-site')
  const origin = c.req.header('origin')
  if ((site && site !== 'same-origin') || (origin && origin !== 'null' && origin !== new URL(publicUrl).origin)) {
    throw new PolisError('ERR_FORBIDDEN', { detail: 'a form from another site' })
  }
}
