import type { IncomingMessage } from 'node:http'
import { isCitizenId } from '@polis/registries'
import type { Store } from '@polis/store'
import type { Middleware, Provider } from 'oidc-provider'
import { bankStylesheet } from './bank-stylesheet.ts'
import { bankLanguageOf } from './bank-texts.ts'
import { findCitizens } from './find-citizens.ts'
import { findCustomer } from './find-customer.ts'
import { stylesheetPath } from './render-bank-page.ts'
import { renderErrorPage } from './render-error-page.ts'
import { renderLoginPage } from './render-login-page.ts'

const pageSize = 20
const maxFormBytes = 4096

/** A tester's everyday mistake (an expired, finished or foreign sign-in, a stale page): not a fault of ours. */
class NotThisSignIn extends Error {}

/** Headers on every response of the bank: no script at all, no framing, no referrer carrying codes away. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxFormBytes) return undefined
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function single(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : ''
}

/**
 * The bank's own pages, in front of oidc-provider's routes: its stylesheet and the
 * interaction (login) page, where the tester picks the seeded citizen to sign in as or
 * cancels. Any failure shows the bank's error page; none reaches oidc-provider's.
 */
export function handleInteractions(options: {
  provider: Provider
  store: Store
  mountPath: string
  backHref: string
  log: (line: Record<string, unknown>) => void
}): Middleware {
  const { provider, store, mountPath } = options
  return async (ctx, next) => {
    for (const [name, value] of Object.entries(securityHeaders)) ctx.set(name, value)
    if (ctx.path === stylesheetPath && ctx.method === 'GET') {
      ctx.type = 'text/css; charset=utf-8'
      ctx.set('cache-control', 'public, max-age=3600')
      ctx.body = bankStylesheet
      return
    }
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|cancel))?$/.exec(ctx.path)
    if (!match) return next()
    const [, uid, action] = match
    const form = ctx.method === 'POST' ? await readForm(ctx.req) : undefined
    const language = bankLanguageOf({
      lang: form?.get('lang') ?? ctx.query.lang,
      acceptLanguage: ctx.get('accept-language'),
    })
    ctx.set('cache-control', 'no-store')
    try {
      const interaction = await provider.interactionDetails(ctx.req, ctx.res)
      if (interaction.uid !== uid || interaction.prompt.name !== 'login') throw new NotThisSignIn()
      if (ctx.method === 'GET' && action === undefined) {
        const query = single(ctx.query.q).slice(0, 100)
        const page = Math.min(Math.max(Number.parseInt(single(ctx.query.page), 10) || 1, 1), 10_000)
        const found = await findCitizens({ store, query, limit: pageSize + 1, offset: (page - 1) * pageSize })
        ctx.type = 'html'
        ctx.body = renderLoginPage({
          language,
          mountPath,
          uid: interaction.uid,
          query,
          page,
          customers: found.slice(0, pageSize),
          hasNext: found.length > pageSize,
        })
        return
      }
      if (ctx.method !== 'POST' || !form) throw new NotThisSignIn()
      let result: Parameters<Provider['interactionResult']>[2]
      if (action === 'login') {
        const citizen = form.get('citizen') ?? ''
        if (!isCitizenId(citizen) || !(await findCustomer({ store, id: citizen }))) throw new NotThisSignIn()
        result = { login: { accountId: citizen } }
      } else {
        result = { error: 'access_denied', error_description: 'The citizen cancelled the sign-in at the bank.' }
      }
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false })
      ctx.status = 303
      ctx.redirect(returnTo)
    } catch (error) {
      const expected = error instanceof NotThisSignIn || (error instanceof Error && error.name === 'SessionNotFound')
      if (!expected) {
        options.log({ level: 'error', component: 'demo-bank', name: error instanceof Error ? error.name : 'unknown' })
      }
      ctx.status = expected ? 400 : 500
      ctx.type = 'html'
      ctx.body = renderErrorPage({ language, mountPath, backHref: options.backHref })
    }
  }
}
