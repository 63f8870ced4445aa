import { createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import {
  createStatusList,
  issueSdJwtVc,
  presentSdJwtVc,
  setStatus,
  signStatusListToken,
  verifySdJwtVc,
} from '@polis/documents'
import type { PublicJwk } from '@polis/kernel'
import { digest, ES256 } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { createTestHolder, createTestPki } from '../packages/documents/src/sd-jwt/test-pki.ts'
import { type Benchmark, compare } from './measure.ts'

const now = new Date('2026-06-01T12:00:00Z')
const statusUri = 'https://polis.example/status/bench'
// A portrait of the size the demo country's generator makes (about 1.2 KB of PNG).
const portrait = `data:image/png;base64,${Buffer.alloc(1200, 7).toString('base64')}`
const claims = {
  family_name: 'Шевченко',
  given_name: 'Тарас',
  patronymic: 'Григорович',
  family_name_latin: 'Shevchenko',
  given_name_latin: 'Taras',
  birth_date: '1990-03-09',
  birth_place: 'Моринці',
  sex: 1,
  nationalities: ['ZZ'],
  age_over_18: true,
  document_number: '001234567',
  personal_administrative_number: '19900309-01234',
  portrait,
  issuing_authority: 'State Migration Service',
  issuing_country: 'ZZ',
}
const disclosable = Object.keys(claims).filter((k) => k !== 'issuing_country' && k !== 'issuing_authority')

/** Fixtures shared by the SD-JWT VC benchmarks: a PKI, and presentations by many different holders. */
async function fixtures() {
  const pki = await createTestPki()
  const list = createStatusList({ size: 1024, bits: 2 })
  setStatus(list, 7, 1)
  const statusToken = await signStatusListToken({
    uri: statusUri,
    list,
    signingKey: pki.signingKey,
    now,
    ttlSeconds: 300,
  })
  const issueOptions = (holderKey: PublicJwk) => ({
    issuer: 'https://polis.example/issuers/population',
    vct: 'https://polis.example/vct/id-card',
    claims,
    disclosable,
    holderKey,
    status: { uri: statusUri, idx: 42 },
    signingKey: pki.signingKey,
    now,
    expiresAt: new Date('2027-06-01T00:00:00Z'),
    decoys: 2,
  })
  // More holders than any key cache holds: every verification imports a holder key, as at a real checkpoint.
  const holders = 5000
  const presentations: string[] = []
  for (let i = 0; i < holders; i++) {
    const holder = createTestHolder()
    const credential = await issueSdJwtVc(issueOptions(holder.jwk))
    presentations.push(
      await presentSdJwtVc({
        credential,
        disclose: ['given_name', 'family_name', 'portrait', 'age_over_18'],
        holderSign: holder.sign,
        nonce: 'bench-nonce',
        audience: 'https://verifier.example',
        now,
      }),
    )
  }
  return { pki, statusToken, issueOptions, presentations }
}

let shared: Awaited<ReturnType<typeof fixtures>> | undefined
const getFixtures = async () => {
  shared ??= await fixtures()
  return shared
}

export const benchmarks: Benchmark[] = [
  {
    name: 'sd-jwt-vc.verify',
    description:
      'SD-JWT VC presentations verified per second on one core (issuer chain, signature, disclosures, KB-JWT, cached status list)',
    async run() {
      const { pki, statusToken, presentations } = await getFixtures()
      const statusList = createStatusList({ size: 1024, bits: 2 })
      const expected = {
        required: true,
        nonce: 'bench-nonce',
        audience: 'https://verifier.example',
        maxAgeSeconds: 300,
      }
      const ours = (i: number) =>
        verifySdJwtVc({
          presentation: presentations[i % presentations.length] as string,
          verifyChain: pki.verifyChain,
          expected,
          statusOf: () => statusList.bytes[0] as number,
          now,
        })

      // The raw bound: the two ES256 verifications any verifier must make, keys already
      // imported, called the fastest way node:crypto offers (a bare KeyObject, a DER signature).
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const signingInput = Buffer.from((presentations[0] as string).split('~')[0] as string)
      const signature = sign('sha256', signingInput, privateKey)
      const raw = () => {
        verify('sha256', signingInput, publicKey, signature)
        verify('sha256', signingInput, publicKey, signature)
      }
      // The same two checks called as most JWS code calls them: raw r||s through dsaEncoding.
      const rawSignature = sign('sha256', signingInput, { key: privateKey, dsaEncoding: 'ieee-p1363' })
      const conventional = () => {
        verify('sha256', signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, rawSignature)
        verify('sha256', signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, rawSignature)
      }

      // The reference library as its documentation sets it up, given the issuer key directly
      // (it has no x5c chain check) and the status list token already fetched. Having no
      // cache of verified lists, it checks that token's signature and inflates it every time.
      const issuerJwk = pki.verifyChain(pki.signingKey.chain, now).publicKey.export({ format: 'jwk' })
      const reference = new SDJwtVcInstance({
        hasher: digest,
        verifier: await ES256.getVerifier(issuerJwk),
        kbVerifier: async (data: string, sig: string, payload: Record<string, unknown>) => {
          const cnf = payload.cnf as { jwk: JsonWebKey }
          return (await ES256.getVerifier(cnf.jwk))(data, sig)
        },
        statusListFetcher: async () => statusToken,
      })
      const referenceVerify = async (i: number) => {
        await reference.verify(presentations[i % presentations.length] as string, {
          keyBindingNonce: 'bench-nonce',
          currentDate: Math.floor(now.getTime() / 1000),
        })
      }
      await referenceVerify(0)
      await ours(0)
      const results = await compare({ ours, raw, conventional, reference: referenceVerify })
      return {
        name: 'sd-jwt-vc.verify',
        value: results.ours as number,
        unit: 'ops/s',
        baselines: {
          'node-crypto.es256-verify-x2': results.raw as number,
          'node-crypto.es256-verify-x2.jws-options': results.conventional as number,
          'reference.sd-jwt-vc.verify': results.reference as number,
        },
      }
    },
  },
  {
    name: 'sd-jwt-vc.issue',
    description: 'ID-card SD-JWT VCs issued per second on one core (13 disclosures, 2 decoys, portrait, ES256)',
    async run() {
      const { pki, issueOptions } = await getFixtures()
      const holder = createTestHolder()
      const ours = () => issueSdJwtVc(issueOptions(holder.jwk))
      const key = createPrivateKey({
        key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
      })
      const payload = Buffer.alloc(2500, 1)
      // One ES256 signature, the fastest way node:crypto offers (a bare KeyObject, DER out).
      const raw = () => sign('sha256', payload, key)
      void pki
      const results = await compare({ ours, raw })
      return {
        name: 'sd-jwt-vc.issue',
        value: results.ours as number,
        unit: 'ops/s',
        baselines: { 'node-crypto.es256-sign': results.raw as number },
      }
    },
  },
]
