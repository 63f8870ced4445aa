import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { askForAccount, readAccountOpening, renderAccountPage } from '@polis/demo-bank'
import { createAccessCertificateCheck, type DcqlQuery } from '@polis/oid4vp'
import {
  answerPresentationRequest,
  matchDcqlQuery,
  parsePresentationLink,
  readPresentationRequest,
} from '@polis/oid4vp/wallet'
import { createTestKey } from '@polis/trust/testing'
import { loadAccessCa } from '../business/access-ca.ts'
import { createApiKey } from '../business/businesses.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'

const t = await createTestPlatform()
after(() => t.close())
const { app, platform } = t

describe('the DEMO BANK opens an account through the verifier API (issue 7)', () => {
  it('asks for the ID card’s name, birth date, tax number and address, and shows what the wallet’s answer verified', async () => {
    const approver = await insertApprover(platform, { citizenId: t.citizens[0]?.id ?? '' })
    const { business: bank } = await approvedBusiness(platform, { approver })
    // The bank talks to Polis over HTTP only, with its API key.
    const client = {
      polisUrl: platform.publicUrl,
      apiKey: await createApiKey(platform, bank.id),
      fetch: async (input: string, init?: RequestInit) => app.request(input, init),
    }

    const request = await askForAccount(client)
    const waiting = renderAccountPage({
      language: 'en',
      mountPath: '/demo-bank',
      request,
      opening: { status: 'pending' },
    })
    assert.ok(waiting.refresh)
    assert.match(waiting.html, /<svg/)
    assert.equal((await readAccountOpening(client, request.id)).status, 'pending')

    // The citizen's wallet: an ID card issued by this instance, the request read from its link.
    const citizenId = t.holding('id-card')
    const holder = createTestKey()
    const card = await t.issuer.issue({
      citizenId,
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey: holder.publicJwk,
    })
    const { requestUri, clientId } = parsePresentationLink(request.link)
    const requestObject = await (await app.request(requestUri)).text()
    const read = await readPresentationRequest({
      requestObject,
      clientId,
      checkAccessCertificate: createAccessCertificateCheck([(await loadAccessCa(platform)).certificate]),
      now: platform.now(),
    })
    assert.equal(read.verifier.legalName, 'Demo Bank')
    const match = await matchDcqlQuery(read.payload.dcql_query as DcqlQuery, [
      { id: 'card', format: 'dc+sd-jwt', credential: card.credential, sign: holder.sign },
    ])
    const chosen = Object.fromEntries(Object.entries(match).flatMap(([id, [first]]) => (first ? [[id, first]] : [])))
    const answer = await answerPresentationRequest({ request: read, chosen, now: platform.now() })
    const posted = await app.request(answer.responseUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ response: answer.response }).toString(),
    })
    assert.equal(posted.status, 200)

    const opening = await readAccountOpening(client, request.id)
    assert.equal(opening.status, 'verified')
    if (opening.status !== 'verified') return
    const person = await platform.store.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow()
    assert.equal(opening.applicant.familyName, person.family_name)
    assert.equal(opening.applicant.givenName, person.given_name)
    assert.equal(opening.applicant.birthDate, person.birth_date)
    assert.match(opening.applicant.taxNumber, /^\d{10}$/)
    const shown = renderAccountPage({ language: 'uk', mountPath: '/demo-bank', request, opening })
    assert.ok(!shown.refresh)
    assert.ok(shown.html.includes(opening.applicant.taxNumber))
    assert.match(shown.html, /Перевірено Polis/)
  })
})
