import { generateKeyPairSync, sign } from 'node:crypto'
import { signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { createCredentialOffer, preAuthorizedGrant } from '@polis/oid4vc'
import { createTestKey } from '@polis/trust/testing'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'
import { type Benchmark, compare } from './measure.ts'

export const benchmarks: Benchmark[] = [
  {
    name: 'oid4vci.issue',
    description:
      'Complete OpenID4VCI issuances per second on one core, in-process over the HTTP app on embedded SQLite: ' +
      'offer, token, nonce, credential request with a jwt key proof, ID card SD-JWT VC issued from the registries',
    async run() {
      const t = await createTestPlatform({ citizens: 200 })
      const citizenId = t.holding('id-card')
      const wallet = createTestKey()
      const post = (path: string, init: { headers: Record<string, string>; body?: string }) =>
        t.app.request(path, { method: 'POST', ...init })
      const issuance = async () => {
        const { offer } = await createCredentialOffer({
          store: t.platform.store,
          credentialIssuer: t.platform.publicUrl,
          citizenId,
          configurationIds: ['id-card.sd_jwt_vc'],
          now: t.now(),
        })
        const code = offer.grants[preAuthorizedGrant]?.['pre-authorized_code'] as string
        const token = (await (
          await post('/oid4vci/token', {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: preAuthorizedGrant, 'pre-authorized_code': code }).toString(),
          })
        ).json()) as { access_token: string }
        const { c_nonce } = (await (await post('/oid4vci/nonce', { headers: {} })).json()) as { c_nonce: string }
        const proof = await signCompactJws({
          header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: wallet.publicJwk },
          payload: { aud: t.platform.publicUrl, iat: epochSeconds(t.now()), nonce: c_nonce },
          sign: wallet.sign,
        })
        const response = await post('/oid4vci/credential', {
          headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ credential_configuration_id: 'id-card.sd_jwt_vc', proofs: { jwt: [proof] } }),
        })
        if (response.status !== 200) throw new Error(`issuance failed: ${response.status} ${await response.text()}`)
        await response.arrayBuffer()
      }
      // The raw bound: the two signatures a complete issuance cannot do without (the
      // wallet's key proof and the issuer's credential), as node:crypto does them fastest.
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const payload = Buffer.alloc(2500, 1)
      const raw = () => {
        sign('sha256', payload, privateKey)
        sign('sha256', payload, privateKey)
      }
      await issuance()
      const results = await compare({ ours: issuance, raw })
      await t.close()
      return {
        name: 'oid4vci.issue',
        value: results.ours as number,
        unit: 'ops/s',
        baselines: { 'node-crypto.es256-sign-x2': results.raw as number },
      }
    },
  },
]
