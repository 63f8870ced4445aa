import { isIP } from 'node:net'
import type { HttpBindings } from '@hono/node-server'
import type { Context, MiddlewareHandler } from 'hono'

const forwarded = new WeakMap<Request, string>()

/** An address as written in a trusted list: IPv4 mapped into IPv6 (`::ffff:10.0.0.1`) as plain IPv4. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** The socket's peer, or `in-process` for a request made without one (tests, the app calling itself). */
function peerOf(c: Context): string {
  const { incoming } = (c.env ?? {}) as Partial<HttpBindings>
  const address = incoming?.socket.remoteAddress
  return address ? normalise(address) : 'in-process'
}

/** Parses `POLIS_TRUSTED_PROXIES`: addresses separated by commas or spaces. */
export function parseTrustedProxies(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(normalise),
  )
}

/**
 * Takes the client's address from X-Forwarded-For, but only on a request whose socket peer is
 * one of the trusted proxies, and only the rightmost address no trusted proxy added: what a
 * client writes into the header itself sits further left and is never read. Anyone else's
 * X-Forwarded-For is ignored.
 */
export function clientAddress(options: { trustedProxies: ReadonlySet<string> }): MiddlewareHandler {
  return async (c, next) => {
    if (options.trustedProxies.has(peerOf(c))) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((hop) => normalise(hop.trim()))
        .filter((hop) => isIP(hop) !== 0)
      const client = hops.reverse().find((hop) => !options.trustedProxies.has(hop))
      if (client) forwarded.set(c.req.raw, client)
    }
    await next()
  }
}

/** The address a request came from: the client behind a trusted proxy, otherwise the socket's peer. */
export function addressOf(c: Context): string {
  return forwarded.get(c.req.raw) ?? peerOf(c)
}
