import {
  createCipheriv,
  createDecipheriv,
  createHash,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto'
import {
  createAccessCertificateCheck,
  createMemoryRequestStore,
  createPresentationRequest,
  receivePresentationResponse,
} from '@polis/oid4vp'
import { bankQuery, createTestAccess, createTestHolding } from '@polis/oid4vp/testing'
import { answerPresentationRequest, matchDcqlQuery, readPresentationRequest } from '@polis/oid4vp/wallet'
import { type Benchmark, compare } from './measure.ts'

const now = new Date('2026-06-01T12:00:00Z')

/**
 * The raw bound of one presentation: the public-key operations it cannot do without, as
 * node:crypto does them fastest. Verifier: an ephemeral key pair and the request's
 * signature; wallet: the request's signature checked, the key-binding signature, an
 * ephemeral key pair and ECDH; verifier: ECDH, then the issuer's and the holder's
 * signatures checked. AES-GCM and SHA-256 over the same bytes.
 */
function rawBound() {
  const business = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const request = Buffer.alloc(1800, 1)
  const credential = Buffer.alloc(1200, 2)
  const keyBinding = Buffer.alloc(300, 3)
  const issuerSignature = sign('sha256', credential, issuer.privateKey)
  return () => {
    const ephemeral = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const requestSignature = sign('sha256', request, business.privateKey)
    verify('sha256', request, business.publicKey, requestSignature)
    const kbSignature = sign('sha256', keyBinding, holder.privateKey)
    const walletKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const secret = diffieHellman({ privateKey: walletKey.privateKey, publicKey: ephemeral.publicKey })
    const key = createHash('sha256').update(secret).digest().subarray(0, 16)
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-128-gcm', key, iv)
    const sealed = Buffer.concat([cipher.update(credential), cipher.final()])
    const tag = cipher.getAuthTag()
    const opened = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: walletKey.publicKey })
    const decipher = createDecipheriv('aes-128-gcm', createHash('sha256').update(opened).digest().subarray(0, 16), iv)
    decipher.setAuthTag(tag)
    Buffer.concat([decipher.update(sealed), decipher.final()])
    verify('sha256', credential, issuer.publicKey, issuerSignature)
    verify('sha256', keyBinding, holder.publicKey, kbSignature)
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'oid4vp.present',
    description:
      'Complete remote presentations per second on one core (OpenID4VP 1.0, HAIP 1.0): the business signs a request ' +
      'with its access certificate and a fresh ECDH-ES key; the wallet checks it against the access CA, matches the ' +
      'DCQL query, presents 5 of 6 ID-card claims with a key-binding JWT and encrypts its answer; the business ' +
      'decrypts it and verifies issuer chain, disclosures, key binding, status and the query, answering only the claims asked',
    async run() {
      const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })
      const holding = await createTestHolding({ now, status: { uri: 'https://polis.example/status/1', idx: 9 } })
      const checkAccessCertificate = createAccessCertificateCheck([access.accessCa])
      const store = createMemoryRequestStore()
      const present = async () => {
        const { requestObject, pending } = await createPresentationRequest({
          signingKey: access.business.signingKey,
          responseUri: 'https://bank.example/oid4vp/response',
          dcqlQuery: bankQuery,
          now,
        })
        store.save(pending)
        const request = await readPresentationRequest({ requestObject, checkAccessCertificate, now })
        const match = await matchDcqlQuery(request.payload.dcql_query, [holding.held])
        const candidate = match.id_card?.[0]
        if (!candidate) throw new Error('no candidate')
        const { response } = await answerPresentationRequest({ request, chosen: { id_card: candidate }, now })
        const result = await receivePresentationResponse({
          response,
          request: pending,
          verifyChain: holding.pki.verifyChain,
          anchors: holding.pki.anchors,
          statusOf: () => 0,
          claimResponse: (id) => store.claimResponse(id),
          now,
        })
        if (result.credentials.length !== 1) throw new Error('no credential')
      }
      await present()
      const results = await compare({ ours: present, raw: rawBound() })
      return {
        name: 'oid4vp.present',
        value: results.ours as number,
        unit: 'ops/s',
        baselines: { 'node-crypto.presentation-bound': results.raw as number },
      }
    },
  },
]
