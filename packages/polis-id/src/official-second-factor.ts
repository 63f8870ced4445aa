/**
 * An official's second factor, after the wallet, on Polis ID's pages: the code of their
 * authenticator app, or one of their security keys. A sign-in that used the code may
 * add a key before it goes on, so that both factors stand behind every key.
 */
import type { Language, Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import { escapeHtml } from '@polis/ui/server-page'
import type { Middleware, Provider } from 'oidc-provider'
import { idText } from './id-texts.ts'
import { NotThisSignIn, readForm, readJson } from './interaction-requests.ts'
import {
  keyOffered,
  listOfficialKeys,
  officialKeyLoginOptions,
  officialKeyRegistrationOptions,
  registerOfficialKey,
  setKeyOffer,
  verifyOfficialKey,
} from './official-keys.ts'
import { checkTotp, endSecondFactor, findOfficial, noteCodeGiven, pendingSecondFactor } from './officials.ts'
import { authenticationAnswer, type PasskeyParty, registrationAnswer } from './passkeys.ts'
import { renderIdPage } from './render-id-page.ts'
import { createKeyScript, useKeyScript } from './webauthn-scripts.ts'

/** The second factor's steps, after `/interaction/{uid}/`. */
export const secondFactorActions = [
  'second-factor',
  'second-factor-key-options',
  'second-factor-key',
  'second-factor-key-register-options',
  'second-factor-key-register',
  'second-factor-done',
] as const
export type SecondFactorAction = (typeof secondFactorActions)[number]

type Context = Parameters<Middleware>[0]

/** Handles one step of an official's second factor in the interaction `uid`. */
export async function handleSecondFactor(
  ctx: Context,
  options: {
    action: SecondFactorAction
    provider: Provider
    store: Store
    sealer: Sealer
    party: PasskeyParty
    uid: string
    base: string
    language: Language
    nonce: string
    now: Date
    log: (line: Record<string, unknown>) => void
  },
): Promise<void> {
  const { action, provider, store, uid, base, language, nonce, now } = options
  const pending = await pendingSecondFactor(store, uid, now)
  const official = pending && (await findOfficial(store, pending.citizenId))
  if (!pending || !official) throw new NotThisSignIn()
  const { citizenId } = pending
  const t = (key: Parameters<typeof idText>[1], values?: Record<string, string>) =>
    escapeHtml(idText(language, key, values))
  const json = (status: number, body: unknown) => {
    ctx.status = status
    ctx.type = 'json'
    ctx.body = body
  }
  /** The sign-in goes on to the office, the wallet's factors and the second one together. */
  const finish = async (amr: string[]) => {
    await endSecondFactor(store, uid)
    return provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: citizenId, acr: 'high', amr } },
      { mergeWithLastSubmission: false },
    )
  }
  const page = (title: string, body: string, script?: string) => {
    ctx.type = 'html'
    ctx.body = renderIdPage({ language, nonce, title, body, ...(script ? { script } : {}) })
  }
  const keys = await listOfficialKeys(store, citizenId)

  if (action === 'second-factor-key-options' && ctx.method === 'POST') {
    if (keys.length === 0) throw new NotThisSignIn()
    return json(
      200,
      await officialKeyLoginOptions({ store, party: options.party, interactionUid: uid, citizenId, now }),
    )
  }
  if (action === 'second-factor-key' && ctx.method === 'POST') {
    const response = authenticationAnswer(await readJson(ctx.req))
    const given =
      response &&
      (await verifyOfficialKey({ store, party: options.party, interactionUid: uid, citizenId, response, now }))
    if (!given) {
      options.log({ level: 'warn', component: 'polis-id', event: 'second_factor_refused', method: 'key' })
      return json(400, { error: 'key_refused' })
    }
    return json(200, { redirect: await finish(['hwk', 'pin', 'user']) })
  }

  // After the code, within this sign-in: a key may be added, or the sign-in goes on.
  if (action.startsWith('second-factor-key-register') || action === 'second-factor-done') {
    if (!pending.codeGivenAt) throw new NotThisSignIn()
    if (action === 'second-factor-done') {
      // "Not now": no key is offered again until the official asks for it in the office.
      if (ctx.query.key === 'skip') await setKeyOffer(store, citizenId, { declinedAt: now })
      const to = await finish(['hwk', 'pin', 'otp'])
      ctx.status = 303
      return ctx.redirect(to)
    }
    if (ctx.method !== 'POST') throw new NotThisSignIn()
    if (action === 'second-factor-key-register-options') {
      const creation = await officialKeyRegistrationOptions({
        store,
        party: options.party,
        interactionUid: uid,
        citizenId,
        now,
      })
      return creation ? json(200, creation) : json(409, { error: 'too_many_keys' })
    }
    const response = registrationAnswer(await readJson(ctx.req))
    const registered =
      response &&
      (await registerOfficialKey({
        store,
        party: options.party,
        interactionUid: uid,
        citizenId,
        response,
        userAgent: ctx.get('user-agent'),
        now,
      }))
    if (registered) options.log({ level: 'info', component: 'polis-id', event: 'official_key_added' })
    return json(registered ? 200 : 400, { registered: Boolean(registered) })
  }

  if (action !== 'second-factor') throw new NotThisSignIn()
  // A code already given: the key's offer stands until it is taken or declined.
  if (pending.codeGivenAt) return offerKey()
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
      if (await keyOffered(store, citizenId)) {
        await noteCodeGiven(store, uid, now)
        return offerKey()
      }
      ctx.status = 303
      return ctx.redirect(await finish(['hwk', 'pin', 'otp']))
    }
    options.log({ level: 'warn', component: 'polis-id', event: 'second_factor_refused', locked: outcome.locked })
    problem = outcome.locked
      ? idText(language, 'secondFactorLocked')
      : idText(language, 'secondFactorWrong', { left: String(outcome.attemptsLeft) })
    ctx.status = 400
  }
  const withKey = keys.length > 0
  return page(
    idText(language, 'secondFactorTitle'),
    `<h1>${t('secondFactorTitle')}</h1>
<p>${t(withKey ? 'secondFactorKeyText' : 'secondFactorText', { agency: official.agency })}</p>
${problem ? `<p class="bad" role="alert">${escapeHtml(problem)}</p>` : ''}
${withKey ? `<button id="use-key" class="primary" type="button">${t('secondFactorUseKey')}</button><p id="key-state" role="alert"></p>` : ''}
<form class="card" method="post" action="${base}/second-factor">
  <label for="code">${t('secondFactorLabel')}</label>
  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>
  <button class="${withKey ? 'secondary' : 'primary'}" type="submit">${t('secondFactorSubmit')}</button>
</form>`,
    withKey
      ? useKeyScript({
          button: 'use-key',
          state: 'key-state',
          optionsUrl: `${base}/second-factor-key-options`,
          answerUrl: `${base}/second-factor-key`,
          failed: idText(language, 'secondFactorKeyFailed'),
        })
      : undefined,
  )

  function offerKey() {
    return page(
      idText(language, 'keyOfferTitle'),
      `<h1>${t('keyOfferTitle')}</h1>
<p>${t('keyOfferText')}</p>
<button id="add-key" class="primary" type="button">${t('keyOfferCreate')}</button>
<p id="key-state" role="alert"></p>
<a class="button secondary" href="${base}/second-factor-done?key=skip">${t('keyOfferNotNow')}</a>`,
      createKeyScript({
        button: 'add-key',
        state: 'key-state',
        optionsUrl: `${base}/second-factor-key-register-options`,
        answerUrl: `${base}/second-factor-key-register`,
        doneUrl: `${base}/second-factor-done?key=made`,
        failed: idText(language, 'keyOfferFailed'),
      }),
    )
  }
}
