import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signCompactJws } from '@polis/documents'
import { isPolisError, toBase64url } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createTestPki } from '@polis/trust/testing'
import fc from 'fast-check'
import { CompactEncrypt, importJWK } from 'jose'
import {
  createAccessCertificateCheck,
  createMemoryRequestStore,
  createPresentationRequest,
  type PendingPresentationRequest,
  receivePresentationResponse,
} from './index.ts'

import { bankQuery, createTestAccess, createTestHolding } from './testing.ts'
import {
  answerPresentationRequest,
  type DcqlCandidate,
  matchDcqlQuery,
  type PresentationRequest,
  readPresentationRequest,
} from './wallet.ts'

const now = new Date('2026-06-01T12:00:00Z')
const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })
const holding = await createTestHolding({ now, status: { uri: 'https://polis.example/status/1', idx: 3 } })
const checkAccessCertificate = createAccessCertificateCheck([access.accessCa])

async function ask(options: { transactionData?: Record<string, unknown>[] } = {}) {
  const created = await createPresentationRequest({
    signingKey: access.business.signingKey,
    responseUri: 'https://bank.example/oid4vp/response',
    dcqlQuery: bankQuery,
    ...(options.transactionData ? { transactionData: options.transactionData } : {}),
    now,
  })
  const request = await readPresentationRequest({ requestObject: created.requestObject, checkAccessCertificate, now })
  return { ...created, request }
}

async function candidateFor(request: PresentationRequest): Promise<DcqlCandidate> {
  const match = await matchDcqlQuery(request.payload.dcql_query, [holding.held])
  return match.id_card?.[0] as DcqlCandidate
}

async function answer(request: PresentationRequest, change: (c: DcqlCandidate) => DcqlCandidate = (c) => c) {
  const candidate = change(await candidateFor(request))
  return (await answerPresentationRequest({ request, chosen: { id_card: candidate }, now })).response
}

function receive(
  response: string,
  pending: PendingPresentationRequest,
  options: { store?: ReturnType<typeof createMemoryRequestStore>; at?: Date; status?: number } = {},
) {
  const store = options.store ?? createMemoryRequestStore()
  store.save(pending)
  return receivePresentationResponse({
    response,
    request: pending,
    verifyChain: holding.pki.verifyChain,
    anchors: holding.pki.anchors,
    statusOf: () => options.status ?? 0,
    claimResponse: (id) => store.claimResponse(id),
    now: options.at ?? now,
  })
}

const rejects = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (e) => isPolisError(e) && e.code === code, code)

/** Re-signs a request object's payload, changed, with a key and chain of the test's choosing. */
async function resign(
  requestObject: string,
  change: (payload: Record<string, unknown>) => void,
  signingKey = access.business.signingKey,
) {
  const payload = JSON.parse(Buffer.from(requestObject.split('.')[1] as string, 'base64url').toString()) as Record<
    string,
    unknown
  >
  change(payload)
  return signCompactJws({
    header: {
      alg: 'ES256',
      typ: 'oauth-authz-req+jwt',
      x5c: signingKey.chain.map((d) => Buffer.from(d).toString('base64')),
    },
    payload,
    sign: signingKey.sign,
  })
}

describe('the wallet refuses a bad request', () => {
  it('a tampered request object (ERR_REQUEST_OBJECT_INVALID)', async () => {
    const { requestObject } = await ask()
    const [header, payload, signature] = requestObject.split('.') as [string, string, string]
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    decoded.response_uri = 'https://attacker.example/collect'
    const tampered = `${header}.${toBase64url(JSON.stringify(decoded))}.${signature}`
    await rejects(
      readPresentationRequest({ requestObject: tampered, checkAccessCertificate, now }),
      'ERR_REQUEST_OBJECT_INVALID',
    )
    const unsigned = `${toBase64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [] }))}.${payload}.${signature}`
    await rejects(
      readPresentationRequest({ requestObject: unsigned, checkAccessCertificate, now }),
      'ERR_REQUEST_OBJECT_INVALID',
    )
  })

  it('a client_id that is not the x509_hash of the signing certificate (ERR_CLIENT_ID_MISMATCH)', async () => {
    const other = await access.issue('Other Shop')
    const { requestObject, pending } = await ask()
    // The other shop signs the bank's request: its certificate is genuine, the client id is not its own.
    const borrowed = await resign(requestObject, () => {}, other.signingKey)
    await rejects(
      readPresentationRequest({ requestObject: borrowed, checkAccessCertificate, now }),
      'ERR_CLIENT_ID_MISMATCH',
    )
    // The link names another client than the request object.
    await rejects(
      readPresentationRequest({ requestObject, clientId: `${pending.clientId}x`, checkAccessCertificate, now }),
      'ERR_CLIENT_ID_MISMATCH',
    )
  })

  it('a certificate not from the access CA, a document signer among them (ERR_UNTRUSTED_VERIFIER)', async () => {
    const rogue = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z'), legalName: 'Demo Bank' })
    const created = await createPresentationRequest({
      signingKey: rogue.business.signingKey,
      responseUri: 'https://bank.example/oid4vp/response',
      dcqlQuery: bankQuery,
      now,
    })
    await rejects(
      readPresentationRequest({ requestObject: created.requestObject, checkAccessCertificate, now }),
      'ERR_UNTRUSTED_VERIFIER',
    )
    const pki = await createTestPki()
    const documentSigner = await createPresentationRequest({
      signingKey: pki.signingKey,
      responseUri: 'https://bank.example/r',
      dcqlQuery: bankQuery,
      now,
    })
    await rejects(
      readPresentationRequest({ requestObject: documentSigner.requestObject, checkAccessCertificate, now }),
      'ERR_UNTRUSTED_VERIFIER',
    )
    const { requestObject } = await ask()
    const later = new Date('2027-06-01T00:00:00Z')
    await rejects(
      readPresentationRequest({ requestObject, checkAccessCertificate, now: later }),
      'ERR_UNTRUSTED_VERIFIER',
    )
  })

  it('an encryption key that is not a P-256 point: no answer is encrypted to it (ERR_MALFORMED)', async () => {
    const { requestObject } = await ask()
    const offCurve = await resign(requestObject, (payload) => {
      const [key] = (payload.client_metadata as { jwks: { keys: Array<{ x: string; y: string }> } }).jwks.keys
      if (key) key.y = key.x
    })
    const request = await readPresentationRequest({ requestObject: offCurve, checkAccessCertificate, now })
    await rejects(answer(request), 'ERR_MALFORMED')
  })

  it('an expired request (ERR_REQUEST_EXPIRED)', async () => {
    const { requestObject } = await ask()
    const late = new Date(now.getTime() + 301_000)
    await rejects(readPresentationRequest({ requestObject, checkAccessCertificate, now: late }), 'ERR_REQUEST_EXPIRED')
  })
})

describe('the verifier refuses a bad answer', () => {
  it('a response for another request (ERR_STATE_MISMATCH)', async () => {
    const { request, pending } = await ask()
    const forged = { ...request, payload: { ...request.payload, state: 'another-request-state-0000' } }
    await rejects(receive(await answer(forged), pending), 'ERR_STATE_MISMATCH')
  })

  it('a replayed response: accepted once (ERR_RESPONSE_REPLAYED)', async () => {
    const { request, pending } = await ask()
    const response = await answer(request)
    const store = createMemoryRequestStore()
    await receive(response, pending, { store })
    await rejects(receive(response, pending, { store }), 'ERR_RESPONSE_REPLAYED')
  })

  it('a mix-up between two open requests (ERR_RESPONSE_MIXUP, ERR_KB_NONCE_MISMATCH)', async () => {
    const a = await ask()
    const b = await ask()
    // The answer to A, posted to B's response URI.
    await rejects(receive(await answer(a.request), b.pending), 'ERR_RESPONSE_MIXUP')
    // A presentation made for A, relayed inside an answer encrypted for B with B's state.
    const relayed = { ...b.request, payload: { ...b.request.payload, nonce: a.request.payload.nonce } }
    await rejects(receive(await answer(relayed), b.pending), 'ERR_KB_NONCE_MISMATCH')
  })

  it('a wrong key-binding audience (ERR_KB_AUDIENCE_MISMATCH)', async () => {
    const { request, pending } = await ask()
    const other = await access.issue('Other Shop')
    const forged = {
      ...request,
      payload: { ...request.payload, client_id: `x509_hash:${toBase64url(other.certificate.subarray(0, 32))}` },
    }
    await rejects(receive(await answer(forged), pending), 'ERR_KB_AUDIENCE_MISMATCH')
  })

  it('a claim not asked for (ERR_CLAIM_NOT_REQUESTED), a claim asked for and missing (ERR_DCQL_UNSATISFIED)', async () => {
    const { request, pending } = await ask()
    await rejects(
      receive(await answer(request, (c) => ({ ...c, disclose: [...c.disclose, 'age_over_18'] })), pending),
      'ERR_CLAIM_NOT_REQUESTED',
    )
    const second = await ask()
    await rejects(
      receive(
        await answer(second.request, (c) => ({ ...c, disclose: c.disclose.filter((n) => n !== 'tax_number') })),
        second.pending,
      ),
      'ERR_DCQL_UNSATISFIED',
    )
  })

  it('transaction data the holder did not sign for (ERR_TRANSACTION_DATA_MISMATCH)', async () => {
    const { request, pending } = await ask({
      transactionData: [{ type: 'polis.open_account', credential_ids: ['id_card'] }],
    })
    await rejects(receive(await answer({ ...request, transactionData: [] }), pending), 'ERR_TRANSACTION_DATA_MISMATCH')
  })

  it('a tampered ciphertext (ERR_RESPONSE_UNDECRYPTABLE), a late answer (ERR_REQUEST_EXPIRED), a revoked card (ERR_REVOKED)', async () => {
    const { request, pending } = await ask()
    const response = await answer(request)
    const parts = response.split('.')
    const ciphertext = parts[3] as string
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1)
    await rejects(receive(parts.join('.'), pending), 'ERR_RESPONSE_UNDECRYPTABLE')
    await rejects(receive(response, pending, { at: new Date(now.getTime() + 301_000) }), 'ERR_REQUEST_EXPIRED')
    await rejects(receive(response, pending, { status: 1 }), 'ERR_REVOKED')
  })
})

describe('parsers fail only with PolisErrors (fast-check)', () => {
  it('on any response text', async () => {
    const { pending } = await ask()
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 600 }), async (text) => {
        await assert.rejects(receive(text, pending), (e) => isPolisError(e))
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('on any payload encrypted to the request, with its state or without', async () => {
    const { pending } = await ask()
    const { kty, crv, x, y } = pending.encryption.privateJwk as { kty: string; crv: string; x: string; y: string }
    const key = await importJWK({ kty, crv, x, y }, 'ECDH-ES')
    const presentation = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('a.b.c~', '~~', 'eyJ9.e30.e30~e30~'))
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        vp_token: fc.oneof(
          fc.dictionary(fc.constantFrom('id_card', 'other', '__proto__'), fc.array(presentation, { maxLength: 2 })),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        state: fc.oneof(fc.constant(pending.state), fc.string({ maxLength: 20 })),
      }),
    )
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(value)))
          .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid: pending.encryption.kid })
          .encrypt(key)
        await assert.rejects(receive(jwe, pending), (e) => isPolisError(e))
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('on any claims in a request object a registered verifier signed, through matching and answering it', async () => {
    const { requestObject } = await ask()
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 30 }))
    const claimsPath = fc.array(
      fc.oneof(fc.constantFrom('given_name', 'address', 'age_over_18'), fc.nat(3), fc.constant(null), leaf),
      {
        maxLength: 4,
      },
    )
    const dcqlQuery = fc.record(
      {
        credentials: fc.array(
          fc.record(
            {
              id: fc.oneof(fc.constantFrom('id_card', 'x'), leaf),
              format: fc.oneof(fc.constantFrom('dc+sd-jwt', 'mso_mdoc'), leaf),
              meta: fc.oneof(fc.record({ vct_values: fc.array(fc.oneof(fc.string(), leaf), { maxLength: 2 }) }), leaf),
              claims: fc.oneof(
                fc.array(fc.record({ id: leaf, path: claimsPath }, { requiredKeys: ['path'] }), { maxLength: 3 }),
                leaf,
              ),
              claim_sets: leaf,
              multiple: leaf,
            },
            { requiredKeys: ['id', 'format'] },
          ),
          { maxLength: 3 },
        ),
        credential_sets: leaf,
      },
      { requiredKeys: [] },
    )
    const names = [
      'dcql_query',
      'response_uri',
      'response_mode',
      'response_type',
      'nonce',
      'state',
      'client_id',
      'exp',
      'iat',
      'aud',
      'client_metadata',
      'transaction_data',
    ]
    const changes = fc.dictionary(fc.constantFrom(...names), fc.oneof(leaf, dcqlQuery, fc.constant(undefined)), {
      maxKeys: 3,
    })
    await fc.assert(
      fc.asyncProperty(changes, async (changed) => {
        const signed = await resign(requestObject, (payload) => {
          for (const [name, value] of Object.entries(changed)) {
            if (value === undefined) delete payload[name]
            else payload[name] = value
          }
        })
        try {
          const request = await readPresentationRequest({ requestObject: signed, checkAccessCertificate, now })
          const match = await matchDcqlQuery(request.payload.dcql_query, [holding.held])
          const candidate = match.id_card?.[0]
          if (candidate) await answerPresentationRequest({ request, chosen: { id_card: candidate }, now })
        } catch (error) {
          assert.ok(isPolisError(error), `not a PolisError: ${String(error)}`)
        }
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('on any request object text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        await assert.rejects(readPresentationRequest({ requestObject: text, checkAccessCertificate, now }), (e) =>
          isPolisError(e),
        )
      }),
      { numRuns: fuzzRuns(300) },
    )
  })
})
