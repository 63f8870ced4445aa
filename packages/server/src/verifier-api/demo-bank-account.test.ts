import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { askForAccount, readAccountOpening, renderAccountPage } from '@polis/demo-bank'
import { createTestKey } from '@polis/trust/testing'
import { createApiKey } from '../business/businesses.ts'
import { answerInWallet } from '../test/answer-in-wallet.ts'
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

    // The citizen's wallet: an ID card issued by this instance, the request read from its link and answered.
    const citizenId = t.holding('id-card')
    const holder = createTestKey()
    const card = await t.issuer.issue({
      citizenId,
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey: holder.publicJwk,
    })
    const held = [{ id: 'card', format: 'dc+sd-jwt' as const, credential: card.credential, sign: holder.sign }]
    const answered = await answerInWallet({ app, platform }, { link: request.link, held })
    assert.equal(answered.verifier.legalName, 'Demo Bank')
    assert.equal(answered.status, 200)

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
