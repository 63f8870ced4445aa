import type { OpenAPIHono } from '@hono/zod-openapi'
import { createAccessCertificateCheck, type DcqlQuery } from '@polis/oid4vp'
import {
  answerPresentationRequest,
  type HeldCredential,
  matchDcqlQuery,
  parsePresentationLink,
  readPresentationRequest,
} from '@polis/oid4vp/wallet'
import { loadAccessCa } from '../business/access-ca.ts'
import type { Platform } from '../platform/create-platform.ts'

/**
 * The wallet's side of a verifier request, in-process: reads the request its link
 * names, checks it against the access CA, picks the first matching credential per query,
 * and posts the encrypted answer to its response URI. Answers the HTTP status and the
 * business as the wallet read it from the access certificate.
 */
export async function answerInWallet(
  options: { app: Pick<OpenAPIHono, 'request'>; platform: Platform },
  request: { link: string; held: HeldCredential[] },
): Promise<{ status: number; verifier: { legalName?: string | undefined } }> {
  const { app, platform } = options
  const { requestUri, clientId } = parsePresentationLink(request.link)
  const read = await readPresentationRequest({
    requestObject: await (await app.request(requestUri)).text(),
    clientId,
    checkAccessCertificate: createAccessCertificateCheck([(await loadAccessCa(platform)).certificate]),
    now: platform.now(),
  })
  const match = await matchDcqlQuery(read.payload.dcql_query as DcqlQuery, request.held)
  const chosen = Object.fromEntries(Object.entries(match).flatMap(([id, [first]]) => (first ? [[id, first]] : [])))
  const answer = await answerPresentationRequest({ request: read, chosen, now: platform.now() })
  const posted = await app.request(answer.responseUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ response: answer.response }).toString(),
  })
  return { status: posted.status, verifier: read.verifier }
}
