import type { Language } from '@polis/kernel'
import type { Store } from '@polis/store'
import type { Middleware } from 'oidc-provider'
import { bankLanguageOf } from './bank-texts.ts'
import {
  AccountRequest,
  askForAccount,
  readAccountOpening,
  renderAccountPage,
  renderAccountStartPage,
  type VerifierApiClient,
} from './open-account.ts'
import { renderErrorPage } from './render-error-page.ts'

/** Where a request the bank made is kept: the page reloads each second, maybe in another process. */
const requestKey = (id: string) => `demo-bank.account.${id}`

/**
 * The bank's account opening as pages (no script): `/account` says what it will ask and
 * asks on a form post, `/account/{id}` shows the QR and link until the wallet answers
 * (reloaded by a `Refresh` header), then the verified applicant or why not. The bank
 * reaches Polis only through the verifier API, with the client `verifierApi` gives
 * (undefined while the bank is not an approved business).
 */
export function handleAccountPages(options: {
  store: Store
  mountPath: string
  backHref: string
  log: (line: Record<string, unknown>) => void
  verifierApi: () => Promise<VerifierApiClient | undefined>
}): Middleware {
  const { store, mountPath } = options
  return async (ctx, next) => {
    const match = /^\/account(?:\/([A-Za-z0-9_-]{1,64}))?$/.exec(ctx.path)
    if (!match) return next()
    const language = bankLanguageOf({ lang: ctx.query.lang, acceptLanguage: ctx.get('accept-language') })
    ctx.set('cache-control', 'no-store')
    ctx.type = 'html'
    try {
      await answer(ctx, language, match[1])
    } catch (error) {
      options.log({ level: 'error', component: 'demo-bank', name: error instanceof Error ? error.name : 'unknown' })
      ctx.status = 502
      ctx.body = renderErrorPage({ language, mountPath, backHref: `${mountPath}/account?lang=${language}` })
    }
  }

  async function answer(ctx: Parameters<Middleware>[0], language: Language, id: string | undefined) {
    const client = await options.verifierApi()
    if (!id && ctx.method === 'GET') {
      ctx.body = renderAccountStartPage({ language, mountPath, available: client !== undefined })
      return
    }
    if (!client) {
      ctx.status = 503
      ctx.body = renderAccountStartPage({ language, mountPath, available: false })
      return
    }
    if (!id && ctx.method === 'POST') {
      const request = await askForAccount(client)
      await store.db
        .insertInto('meta')
        .values({ key: requestKey(request.id), value: JSON.stringify(request) })
        .execute()
      ctx.status = 303
      ctx.redirect(`${mountPath}/account/${encodeURIComponent(request.id)}?lang=${language}`)
      return
    }
    const row = id
      ? await store.db.selectFrom('meta').select('value').where('key', '=', requestKey(id)).executeTakeFirst()
      : undefined
    if (!id || !row || ctx.method !== 'GET') {
      ctx.status = 404
      ctx.body = renderAccountStartPage({ language, mountPath, available: true })
      return
    }
    const request = AccountRequest.parse(JSON.parse(row.value))
    const page = renderAccountPage({
      language,
      mountPath,
      request,
      opening: await readAccountOpening(client, id),
      languageHref: (other) => `${mountPath}/account/${encodeURIComponent(id)}?lang=${other}`,
    })
    if (page.refresh) ctx.set('refresh', '1')
    ctx.body = page.html
  }
}
