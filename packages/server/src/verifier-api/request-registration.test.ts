import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { accountClaims, askForAccount } from '@polis/demo-bank'
import { testEngine } from '@polis/store'
import { createApiKey } from '../business/businesses.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'

const t = await createTestPlatform()
after(() => t.close())
const { app, platform } = t

const approver = await insertApprover(platform, { citizenId: t.citizens[0]?.id ?? '' })
async function approvedBank(options: Omit<Parameters<typeof approvedBusiness>[1], 'approver'> = {}) {
  return (await approvedBusiness(platform, { approver, ...options })).business
}

describe(`the registration behind a request, for the wallet, on ${testEngine} (issue 7)`, () => {
  it('says the purpose in the business’s registered words and the claims it allows, while the request is open', async () => {
    const bank = await approvedBank()
    const client = {
      polisUrl: platform.publicUrl,
      apiKey: await createApiKey(platform, bank.id),
      fetch: async (input: string, init?: RequestInit) => app.request(input, init),
    }
    const request = await askForAccount(client)
    const response = await app.request(`/verifier/requests/${request.id}/registration`)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.deepEqual(await response.json(), {
      client_id: bank.clientId,
      legal_name: 'Demo Bank',
      register_number: '40000017',
      privacy_contact: 'dpo@bank.example',
      purpose: { id: 'open-account', description: 'To open an account' },
      documents: [{ document: 'id-card', vct: `${platform.publicUrl}/vct/id-card`, claims: [...accountClaims] }],
    })

    const unknown = await app.request('/verifier/requests/no-such-request/registration')
    assert.equal(unknown.status, 404)
    t.now.advance(3600)
    const expired = await app.request(`/verifier/requests/${request.id}/registration`)
    assert.equal(((await expired.json()) as { error: { code: string } }).error.code, 'ERR_REQUEST_EXPIRED')

    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    assert.ok(spec.paths['/verifier/requests/{id}/registration'])
    t.now.advance(-3600)
  })

  it('says the purpose in each language the business gave it in, beside its registered words', async () => {
    const descriptions = { uk: 'Щоб відкрити рахунок', et: 'Konto avamiseks' }
    const operator = await approvedBank({ registerNumber: '40000025', descriptions })
    const request = await askForAccount({
      polisUrl: platform.publicUrl,
      apiKey: await createApiKey(platform, operator.id),
      fetch: async (input: string, init?: RequestInit) => app.request(input, init),
    })
    const registration = (await (await app.request(`/verifier/requests/${request.id}/registration`)).json()) as {
      purpose: unknown
    }
    assert.deepEqual(registration.purpose, { id: 'open-account', description: 'To open an account', descriptions })
  })
})
