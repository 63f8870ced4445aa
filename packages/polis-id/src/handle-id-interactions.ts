import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Language } from '@polis/kernel'
import { isPolisError, type Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import { escapeHtml } from '@polis/ui/server-page'
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import type { Interaction, Middleware, Provider } from 'oidc-provider'
import QRCode from 'qrcode'
import type { ClientCache, ClientSummary } from './clients.ts'
import { idLanguageOf, idText } from './id-texts.ts'
import { awaitSecondFactor, checkTotp, endSecondFactor, findOfficial, pendingSecondFactor } from './officials.ts'
import { passkeyLoginOptions, passkeyRegistrationOptions, registerPasskey, verifyPasskeyLogin } from './passkeys.ts'
import { renderIdPage } from './render-id-page.ts'
import { claimLabels, claimsOfScopes } from './scopes.ts'
import { findWalletLoginOfInteraction, useWalletLogin, walletLoginFor } from './wallet-logins.ts'

const maxFormBytes = 4096
const maxJsonBytes = 16 * 1024
/** Set once a browser was offered a passkey, so that the offer comes once. */
const passkeyCookie = 'polis_pk'

/** A sign-in that is over, expired or foreign to this browser: the citizen's everyday mistake. */
class NotThisSignIn extends Error {}

/** The request body as text when it has the content type given and is no longer than `maxBytes`. */
async function readBody(req: IncomingMessage, type: string, maxBytes: number): Promise<string | undefined> {
  if (!(req.headers['content-type'] ?? '').startsWith(type)) return undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const body = await readBody(req, 'application/x-www-form-urlencoded', maxFormBytes)
  return body === undefined ? undefined : new URLSearchParams(body)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 'application/json', maxJsonBytes)
  try {
    return body === undefined ? undefined : JSON.parse(body)
  } catch {
    return undefined
  }
}

function scopesOf(interaction: Interaction): string[] {
  return String(interaction.params.scope ?? 'openid').split(' ')
}

/**
 * Polis ID's own pages in front of oidc-provider's routes, all bound to the browser's
 * interaction cookie (oidc-provider's `interactionDetails` refuses any other browser):
 * the login page (a QR code for the wallet, the control code, a same-device link), the
 * status the page polls, the finish once the wallet confirmed, and the consent page.
 */
export function handleIdInteractions(options: {
  provider: Provider
  store: Store
  sealer: Sealer
  clients: ClientCache
  mountPath: string
  publicUrl: string
  now: () => Date
  log: (line: Record<string, unknown>) => void
}): Middleware {
  const { provider, store, mountPath } = options
  const origin = new URL(options.publicUrl)
  const party = { origin: origin.origin, rpId: origin.hostname }
  return async (ctx, next) => {
    const match =
      /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(status|finish|consent|cancel|passkey|passkey-options|passkey-register|passkey-register-options|second-factor))?$/.exec(
        ctx.path,
      )
    if (!match) return next()
    const [, uid, action] = match
    const nonce = randomBytes(16).toString('base64url')
    // No form-action: Chromium applies it to the redirects after a form too, and consent
    // ends in a redirect to the relying party's own origin.
    ctx.set(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'`,
    )
    ctx.set('x-content-type-options', 'nosniff')
    ctx.set('referrer-policy', 'no-referrer')
    ctx.set('cache-control', 'no-store')
    const language: Language = idLanguageOf({ acceptLanguage: ctx.get('accept-language') })
    try {
      const interaction = await provider.interactionDetails(ctx.req, ctx.res)
      if (interaction.uid !== uid) throw new NotThisSignIn()
      const clientId = String(interaction.params.client_id ?? '')
      const client = await options.clients.summary(clientId)
      if (!client) throw new NotThisSignIn()
      const base = `${mountPath}/interaction/${uid}`
      const now = options.now()

      if (interaction.prompt.name === 'login') {
        // The page makes the login; its status, finish and the rest read the one it made.
        const made = action === undefined ? undefined : await findWalletLoginOfInteraction(store, uid as string, now)
        const login =
          made ??
          (await walletLoginFor({
            store,
            interactionUid: uid as string,
            clientId,
            scopes: scopesOf(interaction),
            expiresAt: new Date(interaction.exp * 1000),
            now,
          }))
        if (action === 'status') {
          ctx.type = 'json'
          // Completed from the phone: straight on to the relying party; otherwise through the finish.
          ctx.body = {
            state: login.state,
            next: interaction.result?.login ? interaction.returnTo : `${base}/finish`,
          }
          return
        }
        const json = (status: number, body: unknown) => {
          ctx.status = status
          ctx.type = 'json'
          ctx.body = body
        }
        const offered = /(?:^|;\s*)polis_pk=/.test(ctx.get('cookie'))
        // The office: officials only, and only with their second factor after the wallet (docs/polis-id.md).
        const officeSignIn = scopesOf(interaction).includes('office')
        if (officeSignIn && action?.startsWith('passkey')) throw new NotThisSignIn()
        if (action === 'second-factor') {
          const citizenId = await pendingSecondFactor(store, uid as string, now)
          if (!citizenId || !officeSignIn) throw new NotThisSignIn()
          const official = await findOfficial(store, citizenId)
          if (!official) throw new NotThisSignIn()
          let problem: string | undefined
          if (ctx.method === 'POST') {
            const form = await readForm(ctx.req)
            const outcome = await checkTotp({
              store,
              sealer: options.sealer,
              citizenId,
              code: (form?.get('code') ?? '').replace(/\s/g, ''),
              now,
            })
            if (outcome.ok) {
              await endSecondFactor(store, uid as string)
              const to = await provider.interactionResult(
                ctx.req,
                ctx.res,
                { login: { accountId: citizenId, acr: 'high', amr: ['hwk', 'pin', 'otp'] } },
                { mergeWithLastSubmission: false },
              )
              ctx.status = 303
              return ctx.redirect(to)
            }
            options.log({
              level: 'warn',
              component: 'polis-id',
              event: 'second_factor_refused',
              locked: outcome.locked,
            })
            problem = outcome.locked
              ? idText(language, 'secondFactorLocked')
              : idText(language, 'secondFactorWrong', { left: String(outcome.attemptsLeft) })
            ctx.status = 400
          }
          ctx.type = 'html'
          ctx.body = renderIdPage({
            language,
            nonce,
            title: idText(language, 'secondFactorTitle'),
            body: secondFactorBody({ language, agency: official.agency, base, problem }),
          })
          return
        }
        // Passkey sign-in, for a citizen who left one on this computer: user verification, level substantial.
        if (action === 'passkey-options' && ctx.method === 'POST') {
          return json(200, await passkeyLoginOptions({ store, party, interactionUid: uid as string, now }))
        }
        if (action === 'passkey' && ctx.method === 'POST') {
          const response = (await readJson(ctx.req)) as AuthenticationResponseJSON | undefined
          const citizenId = response
            ? await verifyPasskeyLogin({ store, party, interactionUid: uid as string, response, now })
            : undefined
          if (!citizenId) return json(400, { error: 'passkey_refused' })
          const to = await provider.interactionResult(
            ctx.req,
            ctx.res,
            { login: { accountId: citizenId, acr: 'substantial', amr: ['hwk', 'user'] } },
            { mergeWithLastSubmission: false },
          )
          return json(200, { redirect: to })
        }
        // After a wallet sign-in, the offer of a passkey on this computer: the citizen is known by then.
        if ((action === 'passkey-register-options' || action === 'passkey-register') && ctx.method === 'POST') {
          // Only where the citizen allowed it in the wallet: a confirmation phished from the
          // citizen (a same-device link sent by someone else) must not leave a passkey behind.
          if (login.state !== 'confirmed' || !login.citizenId || !login.passkeyAllowed) throw new NotThisSignIn()
          if (action === 'passkey-register-options') {
            // No name: what the authenticator shows must not tell this computer who signed in.
            const displayName = 'Polis ID'
            return json(
              200,
              await passkeyRegistrationOptions({
                store,
                party,
                interactionUid: uid as string,
                citizenId: login.citizenId,
                displayName,
                now,
              }),
            )
          }
          const response = (await readJson(ctx.req)) as RegistrationResponseJSON | undefined
          const registered =
            response &&
            (await registerPasskey({
              store,
              party,
              interactionUid: uid as string,
              citizenId: login.citizenId,
              response,
              userAgent: ctx.get('user-agent'),
              now,
            }))
          return json(registered ? 200 : 400, { registered: Boolean(registered) })
        }
        if (action === 'finish' && officeSignIn) {
          const citizenId = await useWalletLogin(store, uid as string, now)
          if (!(await findOfficial(store, citizenId))) {
            options.log({ level: 'warn', component: 'polis-id', event: 'office_sign_in_not_official' })
            const to = await provider.interactionResult(
              ctx.req,
              ctx.res,
              { error: 'access_denied', error_description: 'Only officials may sign in here.' },
              { mergeWithLastSubmission: false },
            )
            ctx.status = 303
            return ctx.redirect(to)
          }
          await awaitSecondFactor({
            store,
            interactionUid: uid as string,
            citizenId,
            expiresAt: new Date(interaction.exp * 1000),
          })
          ctx.status = 303
          return ctx.redirect(`${base}/second-factor`)
        }
        if (action === 'finish' && login.passkeyAllowed && login.state === 'confirmed' && !ctx.query.passkey) {
          ctx.type = 'html'
          ctx.body = renderIdPage({
            language,
            nonce,
            title: idText(language, 'title'),
            body: passkeyOfferBody(language, base),
            script: passkeyOfferScript(base, idText(language, 'passkeyFailed')),
          })
          return
        }
        if (action === 'finish') {
          const citizenId = await useWalletLogin(store, uid as string, now)
          // Device key and PIN: possession and knowledge. Substantial, not high: the PIN is checked
          // by the wallet on the phone, and the key does not need it to sign (docs/polis-id.md).
          const to = await provider.interactionResult(
            ctx.req,
            ctx.res,
            { login: { accountId: citizenId, acr: 'substantial', amr: ['hwk', 'pin'] } },
            { mergeWithLastSubmission: false },
          )
          // Appended after oidc-provider's own cookies, which it sets on the response itself.
          if (login.passkeyAllowed && !offered) {
            ctx.res.appendHeader(
              'set-cookie',
              `${passkeyCookie}=1; Path=${mountPath}; Max-Age=31536000; HttpOnly; SameSite=Lax`,
            )
          }
          ctx.status = 303
          return ctx.redirect(to)
        }
        if (action === 'cancel' && ctx.method === 'POST') return deny(ctx, provider)
        if (action !== undefined) throw new NotThisSignIn()
        const walletLink = `${options.publicUrl}/wallet/#login=${login.id}`
        // One byte-mode segment: the encoder's search for the shortest mix of modes costs more than it
        // saves on a URL. One mask, not the best of eight by ISO 18004's penalty scores: that search was
        // a twentieth of a sign-in's work on the server, and a phone reading a lit screen decodes any mask.
        const qr = await QRCode.toString([{ data: Buffer.from(walletLink), mode: 'byte' }], {
          type: 'svg',
          errorCorrectionLevel: 'M',
          maskPattern: 2,
          margin: 2,
        })
        ctx.type = 'html'
        ctx.body = renderIdPage({
          language,
          nonce,
          title: idText(language, 'title'),
          body: loginBody({ language, client, login, qr, walletLink, base, offerPasskey: offered }),
          script:
            pollingScript(base, {
              declined: idText(language, 'declined'),
              expired: idText(language, 'expired'),
            }) + (offered ? `;\n${passkeyLoginScript(base, idText(language, 'passkeyFailed'))}` : ''),
        })
        return
      }

      if (interaction.prompt.name === 'consent') {
        if (action === 'consent' && ctx.method === 'POST') {
          const form = await readForm(ctx.req)
          if (form?.get('decision') !== 'allow') return deny(ctx, provider)
          const accountId = interaction.session?.accountId
          if (!accountId) throw new NotThisSignIn()
          const grant = interaction.grantId
            ? ((await provider.Grant.find(interaction.grantId)) ?? new provider.Grant({ clientId, accountId }))
            : new provider.Grant({ clientId, accountId })
          const details = interaction.prompt.details as {
            missingOIDCScope?: string[]
            missingOIDCClaims?: string[]
            missingResourceScopes?: Record<string, string[]>
          }
          if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '))
          if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims)
          for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
            grant.addResourceScope(resource, scopes.join(' '))
          }
          const grantId = await grant.save()
          const to = await provider.interactionResult(
            ctx.req,
            ctx.res,
            { consent: { grantId } },
            {
              mergeWithLastSubmission: true,
            },
          )
          ctx.status = 303
          return ctx.redirect(to)
        }
        if (action !== undefined) throw new NotThisSignIn()
        ctx.type = 'html'
        ctx.body = renderIdPage({
          language,
          nonce,
          title: idText(language, 'title'),
          body: consentBody({ language, client, scopes: scopesOf(interaction), base }),
        })
        return
      }
      throw new NotThisSignIn()
    } catch (error) {
      const expected =
        error instanceof NotThisSignIn ||
        (error instanceof Error && error.name === 'SessionNotFound') ||
        isPolisError(error, 'ERR_LOGIN_NOT_PENDING')
      if (!expected) {
        options.log({ level: 'error', component: 'polis-id', name: error instanceof Error ? error.name : 'unknown' })
      }
      if (action === 'status') {
        ctx.status = 410
        ctx.type = 'json'
        ctx.body = { state: 'expired' }
        return
      }
      ctx.status = expected ? 400 : 500
      ctx.type = 'html'
      ctx.body = renderIdPage({
        language,
        nonce,
        title: idText(language, 'errorTitle'),
        body: `<h1>${idText(language, 'errorTitle')}</h1><p>${idText(language, 'errorText')}</p>`,
      })
    }
  }
}

async function deny(ctx: Parameters<Middleware>[0], provider: Provider) {
  const to = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { error: 'access_denied', error_description: 'The citizen did not allow it.' },
    { mergeWithLastSubmission: false },
  )
  ctx.status = 303
  ctx.redirect(to)
}

function loginBody(options: {
  language: Language
  client: ClientSummary
  login: { controlCode: string }
  qr: string
  walletLink: string
  base: string
  offerPasskey: boolean
}): string {
  const { language, client, login } = options
  const t = (key: Parameters<typeof idText>[1], values?: Record<string, string>) =>
    escapeHtml(idText(language, key, values))
  return `<h1>${t('signInTo', { client: client.name })}</h1>
<div class="card">
  <p>${t('scan')}</p>
  <img class="qr" alt="${t('scan')}" src="data:image/svg+xml;base64,${Buffer.from(options.qr).toString('base64')}">
  <p class="muted">${t('controlCode')}</p>
  <p class="code" data-control-code="${login.controlCode}">${login.controlCode}</p>
  <p class="muted">${t('controlHint')}</p>
</div>
<p id="state" role="status">${t('waiting')}</p>
<a class="button secondary" href="${escapeHtml(options.walletLink)}" rel="noopener">${t('sameDevice')}</a>
${options.offerPasskey ? `<button id="passkey" class="secondary" type="button">${t('passkeySignIn')}</button><p id="passkey-state" role="alert"></p>` : ''}
<form method="post" action="${options.base}/cancel"><button class="secondary" type="submit">${t('cancel')}</button></form>`
}

function secondFactorBody(options: { language: Language; agency: string; base: string; problem?: string | undefined }) {
  const { language } = options
  const t = (key: Parameters<typeof idText>[1], values?: Record<string, string>) =>
    escapeHtml(idText(language, key, values))
  return `<h1>${t('secondFactorTitle')}</h1>
<p>${t('secondFactorText', { agency: options.agency })}</p>
${options.problem ? `<p class="bad" role="alert">${escapeHtml(options.problem)}</p>` : ''}
<form class="card" method="post" action="${options.base}/second-factor">
  <label for="code">${t('secondFactorLabel')}</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>
  <button class="primary" type="submit">${t('secondFactorSubmit')}</button>
</form>`
}

function consentBody(options: { language: Language; client: ClientSummary; scopes: string[]; base: string }): string {
  const { language, client } = options
  const t = (key: Parameters<typeof idText>[1], values?: Record<string, string>) =>
    escapeHtml(idText(language, key, values))
  const claims = claimsOfScopes(options.scopes)
    .map((claim) => `<li>${escapeHtml(claimLabels[claim]?.[language] ?? claim)}</li>`)
    .join('')
  return `<h1>${t('consentTitle', { client: client.name })}</h1>
<div class="card">
  <p>${t('consentPurpose', { purpose: client.purpose[language] })}</p>
  <p>${t('consentClaims')}</p>
  <ul>${claims}</ul>
</div>
<form method="post" action="${options.base}/consent">
  <button class="primary" type="submit" name="decision" value="allow">${t('allow')}</button>
  <button class="secondary" type="submit" name="decision" value="deny">${t('deny')}</button>
</form>`
}

function passkeyOfferBody(language: Language, base: string): string {
  const t = (key: Parameters<typeof idText>[1]) => escapeHtml(idText(language, key))
  return `<h1>${t('passkeyOfferTitle')}</h1>
<p>${t('passkeyOfferText')}</p>
<button id="create-passkey" class="primary" type="button">${t('passkeyCreate')}</button>
<p id="passkey-state" role="alert"></p>
<a class="button secondary" href="${base}/finish?passkey=skip">${t('passkeyNotNow')}</a>`
}

/** base64url and back, and a JSON post, for the two passkey scripts. */
const webauthnHelpers = `
  const b64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
  const bytes = (text) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))
  const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })).json()
`

/** Makes a passkey with the options the server gives, then finishes the sign-in. */
function passkeyOfferScript(base: string, failed: string): string {
  return `(() => {${webauthnHelpers}
  document.getElementById('create-passkey').addEventListener('click', async () => {
    try {
      const options = await post(${JSON.stringify(`${base}/passkey-register-options`)})
      const credential = await navigator.credentials.create({ publicKey: {
        ...options,
        challenge: bytes(options.challenge),
        user: { ...options.user, id: bytes(options.user.id) },
        excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, id: bytes(c.id) })),
      } })
      const answer = await post(${JSON.stringify(`${base}/passkey-register`)}, {
        id: credential.id, rawId: b64(credential.rawId), type: credential.type,
        response: {
          clientDataJSON: b64(credential.response.clientDataJSON),
          attestationObject: b64(credential.response.attestationObject),
          transports: credential.response.getTransports ? credential.response.getTransports() : [],
        },
        clientExtensionResults: credential.getClientExtensionResults(),
      })
      if (!answer.registered) throw new Error('refused')
      location.assign(${JSON.stringify(`${base}/finish?passkey=made`)})
    } catch {
      document.getElementById('passkey-state').textContent = ${JSON.stringify(failed)}
    }
  })
})()`
}

/** Signs in with a passkey of this computer instead of the wallet. */
function passkeyLoginScript(base: string, failed: string): string {
  return `(() => {${webauthnHelpers}
  document.getElementById('passkey').addEventListener('click', async () => {
    try {
      const options = await post(${JSON.stringify(`${base}/passkey-options`)})
      const assertion = await navigator.credentials.get({ publicKey: {
        ...options,
        challenge: bytes(options.challenge),
        allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: bytes(c.id) })),
      } })
      const answer = await post(${JSON.stringify(`${base}/passkey`)}, {
        id: assertion.id, rawId: b64(assertion.rawId), type: assertion.type,
        response: {
          clientDataJSON: b64(assertion.response.clientDataJSON),
          authenticatorData: b64(assertion.response.authenticatorData),
          signature: b64(assertion.response.signature),
          userHandle: assertion.response.userHandle ? b64(assertion.response.userHandle) : undefined,
        },
        clientExtensionResults: assertion.getClientExtensionResults(),
      })
      if (!answer.redirect) throw new Error('refused')
      location.assign(answer.redirect)
    } catch {
      document.getElementById('passkey-state').textContent = ${JSON.stringify(failed)}
    }
  })
})()`
}

/** Asks every half second whether the wallet has answered, and finishes the sign-in once it has. */
function pollingScript(base: string, texts: { declined: string; expired: string }): string {
  return `(() => {
  const state = document.getElementById('state')
  const ask = async () => {
    try {
      const answer = await (await fetch(${JSON.stringify(`${base}/status`)}, { cache: 'no-store' })).json()
      if (answer.state === 'confirmed') return location.assign(answer.next)
      if (answer.state === 'declined') return (state.textContent = ${JSON.stringify(texts.declined)})
      if (answer.state === 'expired' || answer.state === 'used') return (state.textContent = ${JSON.stringify(texts.expired)})
    } catch {}
    setTimeout(ask, 500)
  }
  setTimeout(ask, 500)
})()`
}
