import { PolisError } from '@polis/kernel/errors'
import {
  createAccessCertificateCheck,
  type DcqlCandidate,
  type DcqlQuery,
  fetchRequestObject,
  type HeldCredential,
  matchDcqlQuery,
  type PresentationRequest,
  parsePresentationLink,
  readPresentationRequest,
} from '@polis/oid4vp/wallet'
import type { Language } from '@polis/ui'
import { z } from 'zod'
import { fromBase64url } from './base64url.ts'
import { claimNameOf, isRequired, unregisteredClaims } from './check-registration.ts'
import { dersOfPem, loadFederatedParties } from './federated-parties.ts'
import type { DeviceRecord, StoredCredential } from './wallet-store.ts'

/** What the platform registered for the business behind a request (GET /verifier/requests/{id}/registration). */
export const RequestRegistration = z.object({
  client_id: z.string(),
  legal_name: z.string(),
  register_number: z.string(),
  privacy_contact: z.email().optional(),
  purpose: z.object({
    id: z.string(),
    description: z.string(),
    descriptions: z.object({ en: z.string(), uk: z.string(), et: z.string() }).partial().optional(),
  }),
  documents: z.array(z.object({ document: z.string(), vct: z.string(), claims: z.array(z.string()) })),
})
export type RequestRegistration = z.infer<typeof RequestRegistration>

/**
 * The purpose in the citizen's language where the business gave it, else in its
 * registered words; undefined for a business whose registration this instance does not keep.
 */
export function purposeIn(registration: RequestRegistration | undefined, language: Language): string | undefined {
  if (!registration) return undefined
  return registration.purpose.descriptions?.[language] ?? registration.purpose.description
}

/** One way to answer a credential query: the claims of one claim set, and the documents that hold them. */
export interface ShareOption {
  /** The claim names (SD-JWT VC) or element identifiers (mdoc) it shows. */
  claims: string[]
  candidates: DcqlCandidate[]
}

/** A credential query as the citizen decides on it. */
export interface ShareQuery {
  id: string
  /** Left out only where every credential set naming it is optional. */
  required: boolean
  /** The claim sets the citizen's documents can answer, the request's preferred first. */
  options: ShareOption[]
  /** Claims asked that the business did not register for its purpose: the request is refused. */
  unregistered: string[]
}

/** A request read, checked and matched against the documents held. */
export interface ShareRequest {
  request: PresentationRequest
  /** Where the request object was fetched: what the business knows the request by. */
  requestUri: string
  /** Undefined for a business of another instance, whose registration this one does not keep. */
  registration: RequestRegistration | undefined
  queries: ShareQuery[]
}

const registrationPath = /^\/verifier\/requests\/([^/]+)\/request-object$/

/** The registration, where the request is served by this wallet's own instance (which keeps it). */
async function readRegistration(requestUri: string, clientId: string): Promise<RequestRegistration | undefined> {
  const url = new URL(requestUri)
  const match = registrationPath.exec(url.pathname)
  if (url.origin !== location.origin || !match) return undefined
  const response = await fetch(`${url.origin}/verifier/requests/${match[1]}/registration`)
  if (!response.ok) throw new PolisError('ERR_NOT_FOUND', { detail: 'the registration could not be read' })
  const registration = RequestRegistration.parse(await response.json())
  // The same business as the request object's certificate, or nothing of it is shown.
  if (registration.client_id !== clientId) throw new PolisError('ERR_UNTRUSTED_VERIFIER')
  return registration
}

/** The wallet's documents as OpenID4VP presents them, signed with the device key they are bound to. */
export function heldCredentials(credentials: StoredCredential[], device: DeviceRecord): HeldCredential[] {
  const sign = async (data: Uint8Array) =>
    new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.keys.privateKey, new Uint8Array(data)),
    )
  return credentials.flatMap((c): HeldCredential[] => {
    if (c.format === 'dc+sd-jwt') return [{ id: c.id, format: 'dc+sd-jwt', credential: c.credential, sign }]
    if (c.format === 'mso_mdoc')
      return [{ id: c.id, format: 'mso_mdoc', credential: fromBase64url(c.credential), sign }]
    return []
  })
}

/**
 * Reads an `openid4vp://` link as the wallet does before asking the citizen: fetches the
 * request object, checks it against the platform's access CA (who asks, from their
 * certificate), reads what the business registered for the purpose, and matches every
 * credential query, claim set by claim set, against the documents held.
 */
export async function readShareRequest(options: {
  link: string
  held: HeldCredential[]
  now: Date
}): Promise<ShareRequest> {
  const { requestUri, clientId } = parsePresentationLink(options.link)
  // The platform's access CA, from this wallet's own instance, and those of the countries it
  // federates with, as it vouches for them: the roots a relying party's certificate may chain to.
  const pem = await (await fetch('/verifier/access-ca.pem')).text()
  const federated = (await loadFederatedParties()).countries.flatMap((country) => country.access_cas)
  const roots = [pem, ...federated].flatMap(dersOfPem)
  const requestObject = await fetchRequestObject({ requestUri, fetch: (url, init) => fetch(url, init) })
  const request = await readPresentationRequest({
    requestObject,
    clientId,
    checkAccessCertificate: createAccessCertificateCheck(roots),
    now: options.now,
  })
  const registration = await readRegistration(requestUri, request.payload.client_id)
  const query = request.payload.dcql_query
  const queries: ShareQuery[] = []
  for (const credential of query.credentials) {
    const sets = credential.claim_sets ?? [undefined]
    const answers: ShareOption[] = []
    for (const set of sets) {
      const only: DcqlQuery = { credentials: [set ? { ...credential, claim_sets: [set] } : credential] }
      const candidates = (await matchDcqlQuery(only, options.held))[credential.id] ?? []
      const first = candidates[0]
      if (!first) continue
      answers.push({ claims: first.claims.map((c) => claimNameOf(c, credential.format)), candidates })
    }
    queries.push({
      id: credential.id,
      required: isRequired(query, credential.id),
      options: answers,
      unregistered: registration ? unregisteredClaims(credential, registration) : [],
    })
  }
  return { request, requestUri, registration, queries }
}
