import type { OpenAPIHono } from '@hono/zod-openapi'
import { signCompactJws } from '@polis/documents'
import { isTrustRefusal, type TrustRefusal } from '@polis/documents/qr'
import { epochSeconds, type Language, messageOf, PolisError } from '@polis/kernel'
import { toPem } from '@polis/trust'
import type { Context } from 'hono'
import { z } from 'zod'
import { listFederatedCountries } from '../federation/federated-countries.ts'
import type { Platform } from '../platform/create-platform.ts'

/** What a held trust list says beyond its issuers: whose it is, and its access CAs (signed with the rest). */
const HeldListPayload = z.object({
  iss: z.url(),
  access_cas: z.array(z.object({ certificates: z.array(z.object({ x5c: z.string() })) })).optional(),
})

const languages: Language[] = ['uk', 'en', 'et']
const locales: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', et: 'et-EE' }

function languageOf(c: Context): Language {
  for (const part of (c.req.header('accept-language') ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase() as Language
    if (languages.includes(tag)) return tag
  }
  return 'en'
}

/** A country's name in a language (Intl's names of regions), else the name its list gives. */
export function countryName(country: { code: string; name: string }, language: Language): string {
  try {
    return new Intl.DisplayNames([locales[language]], { type: 'region' }).of(country.code) ?? country.name
  } catch {
    return country.name
  }
}

/**
 * A refusal of another country's document in the reader's language, naming the country
 * and the issuer: the code's message, then "Ukraine: State Migration Service".
 */
export function refusalBody(error: TrustRefusal, language: Language) {
  const country = countryName(error.country, language)
  const issuer = error.issuer?.name[language]
  return {
    error: {
      code: error.code,
      message: `${messageOf(error.code, language)} ${issuer ? `${country}: ${issuer}.` : `${country}.`}`,
      country: { code: error.country.code, name: country },
      ...(error.issuer ? { issuer: { id: error.issuer.id, name: issuer } } : {}),
    },
  }
}

/**
 * Trust federation over HTTP (docs/federation.md). Verifier apps of this country learn the
 * other countries' anchors from `/trust/federation`, signed by this country's anchor which
 * they pinned, and their lists and status lists from the copies this instance fetched and
 * checked; the verifier API names the country and the issuer of a refused foreign document.
 * Register before `/api/verify`.
 */
export function registerFederationRoutes(app: OpenAPIHono, options: { platform: Platform }) {
  const { platform } = options

  app.use('/api/verify', async (c, next) => {
    await next()
    if (isTrustRefusal(c.error)) {
      c.res = c.json(refusalBody(c.error, languageOf(c)), c.error.status as 400)
    }
  })

  // The operator's view (behind the operator token, as all of /api/admin): each country's
  // list, how fresh, which issuers it grants and withdraws, and the last refusal.
  app.get('/api/admin/federation', async (c) => {
    const countries = (await listFederatedCountries(platform)).map((held) => ({
      code: held.code,
      name: held.checked?.trust.country.name,
      url: held.listUrl,
      anchorSha256: held.anchorSha256,
      fetchedAt: held.fetchedAt,
      checkedAt: held.checkedAt,
      validUntil: held.checked?.trust.expiresAt.toISOString(),
      issuers: held.checked?.trust.issuers.map((issuer) => issuer.id) ?? [],
      withdrawn: [...new Set([...(held.checked?.trust.withdrawn.values() ?? [])].map((c) => c.issuer.id))],
      statusLists: held.statusLists.length,
      lastError: held.lastError ? { code: held.lastError, detail: held.lastErrorDetail } : undefined,
    }))
    return c.json({ countries }, 200)
  })

  app.get('/trust/federation', async (c) => {
    const now = platform.now()
    const countries = (await listFederatedCountries(platform)).flatMap((held) =>
      held.checked
        ? [
            {
              code: held.code,
              name: held.checked.trust.country.name,
              list: `${platform.publicUrl}/trust/federation/${held.code}/list`,
              anchor: { sha256: held.checked.anchor.sha256, jwk: held.checked.anchor.jwk },
            },
          ]
        : [],
    )
    const token = await signCompactJws({
      header: { alg: 'ES256', typ: 'trust-federation+jwt' },
      payload: { iss: platform.publicUrl, iat: epochSeconds(now), exp: epochSeconds(now) + 7 * 86400, countries },
      sign: await platform.keys.signer('anchor'),
    })
    return c.body(token, 200, { 'content-type': 'application/jwt', 'cache-control': 'no-cache' })
  })

  // What this instance's wallets rely on beyond it: each federated country's credential
  // issuer and its relying parties' access CAs, as that country's list (checked against its
  // agreed anchor, still valid) names them. A wallet takes another country's offers and
  // requests only from those.
  app.get('/trust/federated-parties', async (c) => {
    const now = platform.now()
    const countries = (await listFederatedCountries(platform)).flatMap((held) => {
      if (!held.checked || !held.listJws || now >= held.checked.trust.expiresAt) return []
      const payload = HeldListPayload.safeParse(
        JSON.parse(Buffer.from(held.listJws.split('.')[1] ?? '', 'base64url').toString('utf8')),
      )
      if (!payload.success) return []
      return [
        {
          code: held.code,
          name: held.checked.trust.country.name,
          credential_issuer: payload.data.iss,
          access_cas: (payload.data.access_cas ?? []).flatMap((ca) =>
            ca.certificates.map((certificate) => toPem(new Uint8Array(Buffer.from(certificate.x5c, 'base64')))),
          ),
        },
      ]
    })
    return c.json({ countries }, 200, { 'cache-control': 'no-cache' })
  })

  const heldCountry = async (code: string) => {
    const held = (await listFederatedCountries(platform)).find((country) => country.code === code.toUpperCase())
    if (!held?.checked) throw new PolisError('ERR_NOT_FOUND', { detail: 'no list held for that country' })
    return held
  }

  app.get('/trust/federation/:code/list', async (c) => {
    const held = await heldCountry(c.req.param('code'))
    const row = await platform.store.db
      .selectFrom('federated_countries')
      .select('list_jws')
      .where('code', '=', held.code)
      .executeTakeFirstOrThrow()
    return c.body(row.list_jws ?? '', 200, { 'content-type': 'application/jwt', 'cache-control': 'no-cache' })
  })

  app.get('/trust/federation/:code/status/lists', async (c) => {
    const held = await heldCountry(c.req.param('code'))
    const lists = held.statusLists.map(({ uri }) => ({
      uri: `${platform.publicUrl}/trust/federation/${held.code}/status/${uri.slice(uri.lastIndexOf('/') + 1)}`,
      issuer: held.code,
    }))
    return c.json({ lists }, 200, { 'cache-control': 'no-cache' })
  })

  app.get('/trust/federation/:code/status/:listId', async (c) => {
    const held = await heldCountry(c.req.param('code'))
    const listId = c.req.param('listId')
    const list = held.statusLists.find(({ uri }) => uri.slice(uri.lastIndexOf('/') + 1) === listId)
    if (!list) throw new PolisError('ERR_NOT_FOUND')
    return c.body(list.jwt, 200, { 'content-type': 'application/statuslist+jwt', 'cache-control': 'no-cache' })
  })
}
