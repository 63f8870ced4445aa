import { randomBytes } from 'node:crypto'
import type { Language } from '@polis/kernel'
import { isPolisError, type Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import { escapeHtml } from '@polis/ui/server-page'
import type { Interaction, Middleware, Provider } from 'oidc-provider'
import QRCode from 'qrcode'
import type { ClientCache, ClientSummary } from './clients.ts'
import { idLanguageOf, idText } from './id-texts.ts'
import { NotThisSignIn, readForm, readJson } from './interaction-requests.ts'
import { handleSecondFactor, type SecondFactorAction } from './official-second-factor.ts'
import { awaitSecondFactor, findOfficial } from './officials.ts'
import {
  authenticationAnswer,
  passkeyLoginOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  registrationAnswer,
  verifyPasskeyLogin,
} from './passkeys.ts'
import { renderIdPage } from './render-id-page.ts'
import { claimLabels, claimsOfScopes } from './scopes.ts'
import { findWalletLoginOfInteraction, useWalletLogin, walletLoginFor } from './wallet-logins.ts'
import { createKeyScript, useKeyScript } from './webauthn-scripts.ts'

/** Set once a browser was offered a passkey, so that the offer comes once. */
const passkeyCookie = 'polis_pk'

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
      /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(status|finish|consent|cancel|passkey|passkey-options|passkey-register|passkey-register-options|second-factor(?:-key|-key-options|-key-register|-key-register-options|-done)?))?$/.exec(
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
        if (action?.startsWith('second-factor')) {
          if (!officeSignIn) throw new NotThisSignIn()
          return await handleSecondFactor(ctx, {
            action: action as SecondFactorAction,
            provider,
            store,
            sealer: options.sealer,
            party,
            uid: uid as string,
            base,
            language,
            nonce,
            now,
            log: options.log,
          })
        }
        // Passkey sign-in, for a citizen who left one on this computer: user verification, level substantial.
        if (action === 'passkey-options' && ctx.method === 'POST') {
          return json(200, await passkeyLoginOptions({ store, party, interactionUid: uid as string, now }))
        }
        if (action === 'passkey' && ctx.method === 'POST') {
          const response = authenticationAnswer(await readJson(ctx.req))
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
          const response = registrationAnswer(await readJson(ctx.req))
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
            script: createKeyScript({
              button: 'create-passkey',
              state: 'passkey-state',
              optionsUrl: `${base}/passkey-register-options`,
              answerUrl: `${base}/passkey-register`,
              doneUrl: `${base}/finish?passkey=made`,
              failed: idText(language, 'passkeyFailed'),
            }),
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
            }) +
            (offered
              ? `;\n${useKeyScript({
                  button: 'passkey',
                  state: 'passkey-state',
                  optionsUrl: `${base}/passkey-options`,
                  answerUrl: `${base}/passkey`,
                  failed: idText(language, 'passkeyFailed'),
                })}`
              : ''),
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
