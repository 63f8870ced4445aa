import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, describe, it, mock } from 'node:test'
import { Openid4vpClient, parseOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp'
import { createStatusList, signCompactJws, signStatusListToken } from '@polis/documents'
import { isPolisError } from '@polis/kernel'
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { CompactEncrypt, compactDecrypt, compactVerify, exportJWK, importJWK, importX509, type JWK } from 'jose'
import {
  createAccessCertificateCheck,
  createMemoryRequestStore,
  createPresentationRequest,
  type PendingPresentationRequest,
  receivePresentationResponse,
} from './index.ts'
import { bankQuery, createTestAccess, createTestHolding } from './testing.ts'
import { answerPresentationRequest, matchDcqlQuery, readPresentationRequest } from './wallet.ts'

// Interoperability with the OpenWallet Foundation's OpenID4VP 1.0 implementation,
// @openid4vc/openid4vp 0.4.6, as wallet (it resolves our request object, checks the
// x509_hash client id and encrypts its answer) and as verifier (it decrypts and reads ours).
// Presentations on the library's side come from @sd-jwt/sd-jwt-vc 0.19, another independent code base.
const now = new Date('2026-06-01T12:00:00Z')
// The library reads the time from Date itself: it is frozen at the test's moment.
mock.timers.enable({ apis: ['Date'], now })
after(() => mock.timers.reset())
const seconds = Math.floor(now.getTime() / 1000)
const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })
const holding = await createTestHolding({ now, status: { uri: 'https://polis.example/status/1', idx: 5 } })
const requestUri = 'https://bank.example/oid4vp/request/1'
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----`

/** The callbacks the library takes, made of jose and node:crypto. */
function callbacks(options: { requestObject?: string; decryptWith?: PendingPresentationRequest } = {}) {
  const context: ConstructorParameters<typeof Openid4vpClient>[0]['callbacks'] = {
    hash: (data, alg) => {
      assert.equal(alg, 'sha-256')
      return new Uint8Array(createHash('sha256').update(data).digest())
    },
    fetch: async (input) => {
      assert.equal(String(input), requestUri)
      return new Response(options.requestObject, { headers: { 'content-type': 'application/oauth-authz-req+jwt' } })
    },
    verifyJwt: async (signer, jwt) => {
      assert.equal(signer.method, 'x5c')
      if (signer.method !== 'x5c') return { verified: false }
      const key = await importX509(pem(signer.x5c[0] as string), 'ES256', { extractable: true })
      try {
        await compactVerify(jwt.compact, key)
        return { verified: true, signerJwk: (await exportJWK(key)) as never }
      } catch {
        return { verified: false }
      }
    },
    signJwt: () => {
      throw new Error('the wallet signs nothing here')
    },
    encryptJwe: async (encryptor, data) => {
      const jwk = encryptor.publicJwk as JWK
      const jwe = await new CompactEncrypt(new TextEncoder().encode(data))
        .setProtectedHeader({ alg: encryptor.alg, enc: encryptor.enc, ...(jwk.kid ? { kid: jwk.kid } : {}) })
        .setKeyManagementParameters({
          ...(encryptor.apu ? { apu: Buffer.from(encryptor.apu, 'base64url') } : {}),
          ...(encryptor.apv ? { apv: Buffer.from(encryptor.apv, 'base64url') } : {}),
        })
        .encrypt(await importJWK(jwk, 'ECDH-ES'))
      return { encryptionJwk: encryptor.publicJwk, jwe }
    },
    decryptJwe: async (jwe) => {
      const pending = options.decryptWith as PendingPresentationRequest
      const key = await importJWK(pending.encryption.privateJwk as JWK, 'ECDH-ES')
      const { plaintext } = await compactDecrypt(jwe, key)
      const { d: _, ...publicJwk } = pending.encryption.privateJwk
      return { decrypted: true, decryptionJwk: publicJwk as never, payload: new TextDecoder().decode(plaintext) }
    },
    getX509CertificateMetadata: () => ({ sanDnsNames: [], sanUriNames: [] }),
  }
  return context
}

const library = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  saltGenerator: generateSalt,
  kbSigner: await ES256.getSigner(holding.holder.privateJwk),
  kbSignAlg: 'ES256',
})

async function ask(transactionData?: Record<string, unknown>[]) {
  return createPresentationRequest({
    signingKey: access.business.signingKey,
    responseUri: 'https://bank.example/oid4vp/response/1',
    dcqlQuery: bankQuery,
    ...(transactionData ? { transactionData } : {}),
    now,
  })
}

function receive(response: string, pending: PendingPresentationRequest) {
  const store = createMemoryRequestStore()
  store.save(pending)
  return receivePresentationResponse({
    response,
    request: pending,
    verifyChain: holding.pki.verifyChain,
    anchors: holding.pki.anchors,
    statusOf: () => 0,
    claimResponse: (id) => store.claimResponse(id),
    now,
  })
}

const jarmServerMetadata = {
  authorization_signing_alg_values_supported: ['ES256'],
  authorization_encryption_alg_values_supported: ['ECDH-ES'],
  authorization_encryption_enc_values_supported: ['A256GCM', 'A128GCM'],
}

describe('@openid4vc/openid4vp as the wallet, Polis as the verifier (OpenID4VP 1.0, HAIP 1.0)', () => {
  it('resolves our request by request_uri: x509_hash client id, DCQL, client metadata', async () => {
    const { requestObject, pending } = await ask([{ type: 'polis.open_account', credential_ids: ['id_card'] }])
    const client = new Openid4vpClient({ callbacks: callbacks({ requestObject }) })
    const resolved = await client.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: { client_id: pending.clientId, request_uri: requestUri },
    })
    assert.equal(resolved.client.prefix, 'x509_hash')
    assert.equal(resolved.client.effective, pending.clientId)
    assert.equal(resolved.version, 100, 'read as OpenID4VP 1.0 final')
    assert.deepEqual(resolved.dcql?.query, pending.dcqlQuery)
    assert.equal(resolved.transactionData?.[0]?.transactionData.type, 'polis.open_account')
    assert.equal(resolved.authorizationRequestPayload.response_mode, 'direct_post.jwt')
  })

  it('refuses a request whose client id is not the hash of its certificate, as we do', async () => {
    const other = await access.issue('Other Shop')
    const { requestObject: original, pending } = await ask()
    // The other shop's genuine certificate signs the bank's request, client id and all.
    const requestObject = await signCompactJws({
      header: {
        alg: 'ES256',
        typ: 'oauth-authz-req+jwt',
        x5c: other.signingKey.chain.map((der) => Buffer.from(der).toString('base64')),
      },
      payload: JSON.parse(Buffer.from(original.split('.')[1] as string, 'base64url').toString()),
      sign: other.signingKey.sign,
    })
    const client = new Openid4vpClient({ callbacks: callbacks({ requestObject }) })
    await assert.rejects(
      client.resolveOpenId4vpAuthorizationRequest({
        authorizationRequestPayload: { client_id: pending.clientId, request_uri: requestUri },
      }),
      /hash of the leaf x5c certificate/s,
    )
  })

  it('its encrypted direct_post.jwt answer with an @sd-jwt presentation is verified by Polis', async () => {
    const { requestObject, pending } = await ask([{ type: 'polis.open_account', credential_ids: ['id_card'] }])
    const client = new Openid4vpClient({ callbacks: callbacks({ requestObject }) })
    const resolved = await client.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: { client_id: pending.clientId, request_uri: requestUri },
    })
    const request = resolved.authorizationRequestPayload
    const transactionData = (request as { transaction_data?: string[] }).transaction_data ?? []
    const presentation = await library.present(
      holding.credential,
      { family_name: true, given_name: true, birth_date: true, tax_number: true, address: true },
      {
        kb: {
          payload: {
            iat: seconds,
            aud: resolved.client.effective,
            nonce: request.nonce,
            transaction_data_hashes: transactionData.map((t) => createHash('sha256').update(t).digest('base64url')),
            transaction_data_hashes_alg: 'sha-256',
          } as never,
        },
      },
    )
    const response = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      authorizationResponsePayload: { vp_token: { id_card: [presentation] } },
      jarm: { encryption: { nonce: 'wallet-nonce-1' }, serverMetadata: jarmServerMetadata },
    })
    const jwe = response.jarm?.responseJwt as string
    assert.equal(jwe.split('.').length, 5, 'a compact JWE')
    const result = await receive(jwe, pending)
    assert.deepEqual(Object.keys(result.credentials[0]?.claims ?? {}).sort(), [
      'address',
      'birth_date',
      'family_name',
      'given_name',
      'tax_number',
    ])
  })

  it('Polis refuses the library wallet’s answer with a presentation for another verifier', async () => {
    const { requestObject, pending } = await ask()
    const client = new Openid4vpClient({ callbacks: callbacks({ requestObject }) })
    const resolved = await client.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: { client_id: pending.clientId, request_uri: requestUri },
    })
    const request = resolved.authorizationRequestPayload
    const presentation = await library.present(
      holding.credential,
      { family_name: true, given_name: true, birth_date: true, tax_number: true, address: true },
      { kb: { payload: { iat: seconds, aud: 'x509_hash:someone-else', nonce: request.nonce } } },
    )
    const response = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      authorizationResponsePayload: { vp_token: { id_card: [presentation] } },
      jarm: { encryption: { nonce: 'wallet-nonce-2' }, serverMetadata: jarmServerMetadata },
    })
    await assert.rejects(receive(response.jarm?.responseJwt as string, pending), (e) =>
      isPolisError(e, 'ERR_KB_AUDIENCE_MISMATCH'),
    )
  })
})

describe('Polis as the wallet, @openid4vc/openid4vp as the verifier', () => {
  it('decrypts and reads our answer: state, DCQL vp_token, and our SD-JWT+KB verifies with @sd-jwt', async () => {
    const { requestObject, pending } = await ask()
    const request = await readPresentationRequest({
      requestObject,
      checkAccessCertificate: createAccessCertificateCheck([access.accessCa]),
      now,
    })
    const match = await matchDcqlQuery(request.payload.dcql_query, [holding.held])
    const chosen = { id_card: match.id_card?.[0] as NonNullable<(typeof match)['id_card']>[number] }
    const answer = await answerPresentationRequest({ request, chosen, now })
    // Openid4vpVerifier's method of the same name drops its callbacks in 0.4.6: the function is called instead.
    const parsed = await parseOpenid4vpAuthorizationResponse({
      authorizationResponse: { response: answer.response },
      authorizationRequestPayload: request.payload as never,
      callbacks: callbacks({ decryptWith: pending }),
    })
    assert.equal(parsed.type, 'dcql')
    assert.equal(parsed.authorizationResponsePayload.state, pending.state)
    assert.equal(parsed.expectedNonce, pending.nonce)
    const [presentation] = parsed.type === 'dcql' ? (parsed.dcql.presentations.id_card ?? []) : []
    const list = createStatusList({ size: 16, bits: 1 })
    const statusListToken = await signStatusListToken({
      uri: 'https://polis.example/status/1',
      list,
      signingKey: holding.pki.signingKey,
      now,
    })
    const reference = new SDJwtVcInstance({
      hasher: digest,
      verifier: await ES256.getVerifier(holding.pki.issuer.publicJwk),
      kbVerifier: await ES256.getVerifier(holding.holder.publicJwk),
      statusListFetcher: async () => statusListToken,
      statusVerifier: await ES256.getVerifier(holding.pki.issuer.publicJwk),
    })
    const verified = await reference.verify(presentation as string, {
      currentDate: seconds,
      keyBindingNonce: pending.nonce,
    })
    assert.equal(verified.kb?.payload.aud, pending.clientId)
    assert.equal((verified.payload as Record<string, unknown>).tax_number, '1234567890')
    assert.equal((verified.payload as Record<string, unknown>).age_over_18, undefined, 'not asked, not disclosed')
  })
})
