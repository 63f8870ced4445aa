import { PolisError } from '@polis/kernel'
import type { MiddlewareHandler } from 'hono'

/**
 * A form body that cannot be read (a multipart body without its parts, a boundary that
 * never comes) is the sender's mistake: every handler's `parseBody` refuses it with
 * ERR_MALFORMED (400) instead of letting the parser's TypeError through as a 500.
 * Nothing is read here; the body is parsed only where a handler asks for it.
 */
export function refuseUnreadableForms(): MiddlewareHandler {
  return async (c, next) => {
    const parseBody = c.req.parseBody.bind(c.req)
    c.req.parseBody = ((options?: Parameters<typeof parseBody>[0]) =>
      parseBody(options).catch((cause: unknown) => {
        throw new PolisError('ERR_MALFORMED', { detail: 'a form body that cannot be read', cause })
      })) as typeof c.req.parseBody
    await next()
  }
}
