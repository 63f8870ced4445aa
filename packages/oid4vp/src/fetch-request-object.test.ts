import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fetchRequestObject } from './fetch-request-object.ts'

const requestUri = 'https://bank.example/oid4vp/request/1'
const serve =
  (body: string, init: ResponseInit) => async (url: string, request: { headers: Record<string, string> }) => {
    assert.equal(url, requestUri)
    assert.equal(request.headers.accept, 'application/oauth-authz-req+jwt')
    return new Response(body, init)
  }

describe('fetching a request object by request_uri (RFC 9101 section 5.2)', () => {
  it('answers the signed request object of the right type', async () => {
    const fetch = serve('a.b.c\n', { headers: { 'content-type': 'application/oauth-authz-req+jwt; charset=utf-8' } })
    assert.equal(await fetchRequestObject({ requestUri, fetch }), 'a.b.c')
  })

  it('refuses another type, an error status, a network failure and an oversized body', async () => {
    const code = (expected: string) => (e: unknown) => isPolisError(e) && e.code === expected
    const html = serve('<html>', { headers: { 'content-type': 'text/html' } })
    await assert.rejects(fetchRequestObject({ requestUri, fetch: html }), code('ERR_MALFORMED'))
    const gone = serve('', { status: 404 })
    await assert.rejects(fetchRequestObject({ requestUri, fetch: gone }), code('ERR_NOT_FOUND'))
    const down = async () => {
      throw new TypeError('fetch failed')
    }
    await assert.rejects(fetchRequestObject({ requestUri, fetch: down }), code('ERR_NOT_FOUND'))
    const huge = serve('a'.repeat(70 * 1024), { headers: { 'content-type': 'application/oauth-authz-req+jwt' } })
    await assert.rejects(fetchRequestObject({ requestUri, fetch: huge }), code('ERR_TOO_LARGE'))
  })
})
