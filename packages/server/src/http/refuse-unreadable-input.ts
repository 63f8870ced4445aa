import { PolisError } from '@polis/kernel'
import type { MiddlewareHandler } from 'hono'

/** Whether a parsed JSON or form value carries a NUL character in any string or name. */
function carriesNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(carriesNul)
  if (typeof value === 'object' && value !== null && !(value instanceof Blob)) {
    return Object.entries(value).some(([name, inner]) => name.includes('\u0000') || carriesNul(inner))
  }
  return false
}

const malformed = (detail: string, cause?: unknown) => new PolisError('ERR_MALFORMED', { detail, cause })

/**
 * Input no handler can use is the sender's mistake, refused with ERR_MALFORMED (400) before it
 * becomes a 500: a form body that cannot be read (a multipart body without its parts), and text
 * with a NUL character in the path, the query, a form or a JSON body (no person types one, and
 * PostgreSQL cannot store one, so both engines refuse it alike). Nothing is read here; bodies
 * are checked when a handler parses them.
 */
export function refuseUnreadableInput(): MiddlewareHandler {
  return async (c, next) => {
    if (/%00/.test(c.req.url)) throw malformed('a NUL character in the address')
    const parseBody = c.req.parseBody.bind(c.req)
    c.req.parseBody = (async (options?: Parameters<typeof parseBody>[0]) => {
      const form = await parseBody(options).catch((cause: unknown) => {
        throw malformed('a form body that cannot be read', cause)
      })
      if (carriesNul(form)) throw malformed('a NUL character in a form')
      return form
    }) as typeof c.req.parseBody
    const json = c.req.json.bind(c.req)
    c.req.json = (async () => {
      const body: unknown = await json()
      if (carriesNul(body)) throw malformed('a NUL character in a JSON body')
      return body
    }) as typeof c.req.json
    await next()
  }
}
