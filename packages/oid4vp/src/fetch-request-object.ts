import { PolisError } from '@polis/kernel/errors'
import { maxRequestObjectLength } from './read-presentation-request.ts'

/** The wallet's `fetch` (the browser's, or a test's). */
export type FetchRequest = (url: string, init: { method: 'GET'; headers: Record<string, string> }) => Promise<Response>

/**
 * Fetches the signed request object a link's `request_uri` names (OpenID4VP 1.0 section
 * 5.10, RFC 9101 section 5.2): a GET asking for `application/oauth-authz-req+jwt`, an
 * answer of that type within the size a request may have. ERR_NOT_FOUND when the
 * business's server does not give one; what it gives is checked by readPresentationRequest.
 */
export async function fetchRequestObject(options: { requestUri: string; fetch: FetchRequest }): Promise<string> {
  let response: Response
  try {
    response = await options.fetch(options.requestUri, {
      method: 'GET',
      headers: { accept: 'application/oauth-authz-req+jwt' },
    })
  } catch (cause) {
    throw new PolisError('ERR_NOT_FOUND', { detail: 'the request object could not be fetched', cause })
  }
  if (response.status !== 200) {
    throw new PolisError('ERR_NOT_FOUND', { detail: `the request URI answered ${response.status}` })
  }
  const type = response.headers.get('content-type')?.split(';')[0]?.trim()
  if (type !== 'application/oauth-authz-req+jwt') {
    throw new PolisError('ERR_MALFORMED', { detail: 'the request URI did not answer a request object' })
  }
  const text = await response.text()
  if (text.length > maxRequestObjectLength) throw new PolisError('ERR_TOO_LARGE')
  return text.trim()
}
