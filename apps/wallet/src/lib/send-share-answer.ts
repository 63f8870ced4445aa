import { PolisError } from '@polis/kernel/errors'
import { answerPresentationRequest, type DcqlCandidate } from '@polis/oid4vp/wallet'
import type { Language } from '@polis/ui'
import { ApiError } from './api.ts'
import { purposeIn, type ShareRequest } from './read-share-request.ts'
import { recordShare, type StoredCredential } from './wallet-store.ts'

/** What the citizen chose for one credential query. */
export interface ShareChoice {
  /** The claim set (index into the query's options). */
  option: number
  /** The document (index into the option's candidates). */
  candidate: number
  /** False to leave out an optional credential. */
  included: boolean
}

async function post(url: string, form: Record<string, string>): Promise<void> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    })
  } catch (cause) {
    throw new PolisError('ERR_NOT_FOUND', { detail: 'the business could not be reached', cause })
  }
  if (response.ok) return
  // The business's own stable code where it sends one (a Polis instance does).
  const body: unknown = await response.json().catch(() => undefined)
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code
  throw new ApiError(typeof code === 'string' ? code : 'ERR_INTERNAL', response.status, response.statusText, body)
}

/**
 * Answers a request as the citizen decided: with consent, one presentation per chosen
 * document with only the chosen claims, encrypted to the business (`direct_post.jwt`);
 * without, the OpenID4VP error `access_denied`. Either way the wallet records it, on the
 * phone only, once the business's server has taken it.
 */
export async function sendShareAnswer(options: {
  request: ShareRequest
  choices: Record<string, ShareChoice>
  consent: boolean
  credentials: StoredCredential[]
  /** The citizen's language: the share keeps the purpose in the words they read. */
  language: Language
}): Promise<void> {
  const { request } = options.request
  const chosen: Record<string, DcqlCandidate> = {}
  for (const query of options.request.queries) {
    const choice = options.choices[query.id]
    if (!choice || (!query.required && !choice.included)) continue
    const candidate = query.options[choice.option]?.candidates[choice.candidate]
    if (candidate) chosen[query.id] = candidate
  }
  if (options.consent) {
    const answer = await answerPresentationRequest({ request, chosen, now: new Date() })
    await post(answer.responseUri, { response: answer.response })
  } else {
    await post(request.payload.response_uri, { error: 'access_denied', state: request.payload.state })
  }
  const documents = Object.entries(chosen).flatMap(([queryId, candidate]) => {
    const held = options.credentials.find((c) => c.id === candidate.credential.id)
    const query = options.request.queries.find((q) => q.id === queryId)
    const claims = query?.options[options.choices[queryId]?.option ?? 0]?.claims ?? []
    return held ? [{ documentType: held.documentType, configurationId: held.configurationId, claims }] : []
  })
  await recordShare({
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    business: {
      legalName: request.verifier.legalName ?? request.verifier.subject,
      registerNumber: request.verifier.registerNumber,
      clientId: request.payload.client_id,
    },
    purpose: purposeIn(options.request.registration, options.language),
    privacyContact: options.request.registration?.privacy_contact,
    reference: options.request.requestUri,
    documents: options.consent ? documents : [],
    outcome: options.consent ? 'sent' : 'declined',
  })
}
