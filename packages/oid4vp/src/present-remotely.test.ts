import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  createStatusList,
  createStatusListCache,
  type StatusOf,
  StatusType,
  setStatus,
  signStatusListToken,
} from '@polis/documents'
import { isPolisError } from '@polis/kernel'
import {
  createAccessCertificateCheck,
  createMemoryRequestStore,
  createPresentationRequest,
  presentationRequestLink,
  receivePresentationResponse,
} from './index.ts'
import { bankQuery, createTestAccess, createTestHolding } from './testing.ts'
import { answerPresentationRequest, matchDcqlQuery, parsePresentationLink, readPresentationRequest } from './wallet.ts'

const now = new Date('2026-06-01T12:00:00Z')
const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })
const statusUri = 'https://polis.example/status/1'
const holding = await createTestHolding({ now, status: { uri: statusUri, idx: 7 } })
const checkAccessCertificate = createAccessCertificateCheck([access.accessCa])
const responseUri = 'https://bank.example/oid4vp/response'

async function ask(options: { query?: unknown; transactionData?: Record<string, unknown>[] } = {}) {
  return createPresentationRequest({
    signingKey: access.business.signingKey,
    responseUri,
    dcqlQuery: options.query ?? bankQuery,
    ...(options.transactionData ? { transactionData: options.transactionData } : {}),
    now,
  })
}

async function answer(requestObject: string, at = now) {
  const request = await readPresentationRequest({ requestObject, checkAccessCertificate, now: at })
  const match = await matchDcqlQuery(request.payload.dcql_query, [holding.held])
  const chosen = Object.fromEntries(Object.entries(match).flatMap(([id, [first]]) => (first ? [[id, first]] : [])))
  return answerPresentationRequest({ request, chosen, now: at })
}

function receive(
  response: string,
  pending: Awaited<ReturnType<typeof ask>>['pending'],
  store = createMemoryRequestStore(),
  statusOf: StatusOf = () => 0,
) {
  store.save(pending)
  return receivePresentationResponse({
    response,
    request: pending,
    verifyChain: holding.pki.verifyChain,
    anchors: holding.pki.anchors,
    statusOf,
    claimResponse: (id) => store.claimResponse(id),
    now,
  })
}

describe('a remote presentation (OpenID4VP 1.0, HAIP 1.0)', () => {
  it('asks with a signed request object, x509_hash client id and an encryption key (section 5, HAIP 5)', async () => {
    const { requestObject, pending } = await ask()
    const link = presentationRequestLink({ clientId: pending.clientId, requestUri: 'https://bank.example/r/1' })
    assert.deepEqual(parsePresentationLink(link), {
      clientId: pending.clientId,
      requestUri: 'https://bank.example/r/1',
    })
    const request = await readPresentationRequest({
      requestObject,
      clientId: pending.clientId,
      checkAccessCertificate,
      now,
    })
    assert.equal(request.payload.response_mode, 'direct_post.jwt')
    assert.match(request.payload.client_id, /^x509_hash:[A-Za-z0-9_-]{43}$/)
    assert.equal(request.verifier.legalName, 'Demo Bank')
    assert.equal(request.verifier.registerNumber, '12345678')
    assert.equal(request.encryption.enc, 'A128GCM')
    assert.equal(request.encryption.jwk.kid, pending.encryption.kid)
    assert.equal(request.payload.nonce, pending.nonce)
  })

  it('answers only the claims asked for, with their evidence', async () => {
    const { requestObject, pending } = await ask()
    const { response, responseUri: uri } = await answer(requestObject)
    assert.equal(uri, responseUri)
    const result = await receive(response, pending)
    assert.equal(result.credentials.length, 1)
    const [credential] = result.credentials
    assert.deepEqual(credential?.claims, {
      family_name: 'Шевченко',
      given_name: 'Тарас',
      birth_date: '1990-03-09',
      tax_number: '1234567890',
      address: { locality: 'Київ', street_address: 'вул. Хрещатик, 1' },
    })
    assert.equal(credential?.evidence.type, bankQuery.credentials[0].meta.vct_values[0])
    assert.match(credential?.evidence.issuer ?? '', /Test Issuing Agency/)
    assert.deepEqual(credential?.evidence.status, { uri: 'https://polis.example/status/1', idx: 7, value: 'valid' })
    assert.equal(credential?.evidence.holderBound, true)
  })

  it('the wallet discloses only what a claim set needs (DCQL section 6.4.1)', async () => {
    const query = {
      credentials: [
        {
          id: 'adult',
          format: 'dc+sd-jwt',
          meta: { vct_values: [bankQuery.credentials[0].meta.vct_values[0]] },
          claims: [
            { id: 'age', path: ['age_over_18'], values: [true] },
            { id: 'birth', path: ['birth_date'] },
          ],
          claim_sets: [['age'], ['birth']],
        },
      ],
    }
    const { requestObject, pending } = await ask({ query })
    const result = await receive((await answer(requestObject)).response, pending)
    assert.deepEqual(result.credentials[0]?.claims, { age_over_18: true })
  })

  it('reads status from the issuer’s signed Token Status List through the documents cache', async () => {
    const list = createStatusList({ size: 64, bits: 2 })
    const statusOf = async (revoked: boolean) => {
      setStatus(list, 7, revoked ? StatusType.INVALID : StatusType.VALID)
      const token = await signStatusListToken({ uri: statusUri, list, signingKey: holding.pki.signingKey, now })
      return createStatusListCache({ fetchToken: async () => token, trust: holding.pki.anchors, now: () => now })
    }
    const first = await ask()
    const result = await receive(
      (await answer(first.requestObject)).response,
      first.pending,
      undefined,
      await statusOf(false),
    )
    assert.equal(result.credentials[0]?.evidence.status?.value, 'valid')
    const second = await ask()
    await assert.rejects(
      receive((await answer(second.requestObject)).response, second.pending, undefined, await statusOf(true)),
      (e) => isPolisError(e, 'ERR_REVOKED'),
    )
  })

  it('carries transaction data the holder signs for (section 8.4)', async () => {
    const transactionData = [{ type: 'polis.open_account', credential_ids: ['id_card'], account: 'UA-0001' }]
    const { requestObject, pending } = await ask({ transactionData })
    const result = await receive((await answer(requestObject)).response, pending)
    assert.equal(result.transactionData.length, 1)
  })
})
