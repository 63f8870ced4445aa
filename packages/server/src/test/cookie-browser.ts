/**
 * A browser as far as the sign-in flows need one in tests: a cookie jar with paths, and
 * redirects followed by hand.
 */
export type BrowserFetch = (
  url: URL,
  init: { method: string; redirect: 'manual'; headers: Record<string, string>; body?: string },
) => Promise<Response>

export class CookieBrowser {
  cookies = new Map<string, { value: string; path: string }>()
  readonly origin: string
  readonly stopAt: string[]
  /** Sent with every request (a load test's `X-Forwarded-For`, one address a browser). */
  readonly headers: Record<string, string>
  /** How requests go out: the platform's `fetch` unless a bench brings a lighter one. */
  readonly fetch: BrowserFetch

  /** `origin` is the instance's: a redirect to its wallet, or to `stopAt`, ends a navigation. */
  constructor(
    origin: string,
    stopAt: string[] = [],
    headers: Record<string, string> = {},
    fetcher: BrowserFetch = fetch,
  ) {
    this.origin = origin
    this.stopAt = stopAt
    this.headers = headers
    this.fetch = fetcher
  }

  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
    const target = new URL(url)
    const cookie = [...this.cookies]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ')
    const response = await this.fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/'
      const gone = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a))
      if (gone || value === '') this.cookies.delete(name)
      else this.cookies.set(name, { value, path })
    }
    return response
  }

  /** Follows redirects until one leaves for the wallet or a `stopAt` address (returned), or a page answers. */
  async navigate(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
    let response = await this.request(url, init)
    let location = url
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      location = new URL(response.headers.get('location') as string, location).href
      if ([`${this.origin}/wallet/`, ...this.stopAt].some((prefix) => location.startsWith(prefix))) {
        return { location, response }
      }
      response = await this.request(location)
    }
    return { location, response }
  }
}
