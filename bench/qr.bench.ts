import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { fullDate, issueQrCredential } from '@polis/documents'
import { presentQr, readStatusListToken, readTrustList, verifyQrPresentation } from '@polis/documents/qr'
import { createQrTestIssuer, testStatusListId } from '@polis/documents/qr/testing'
import { createTestKey } from '@polis/trust/testing'
import { type Benchmark, compare } from './measure.ts'

const now = new Date('2026-06-01T12:00:00Z')
// The ID card's in-person copy, with a portrait of the demo registries' size.
const claims = {
  family_name: 'Шевченко',
  given_name: 'Тарас',
  patronymic: 'Григорович',
  birth_date: fullDate('1990-03-09'),
  age_over_18: true,
  portrait: new Uint8Array(370).fill(7),
  document_number: '001234567',
  expiry_date: fullDate('2030-03-09'),
}

/** A trust list and status list as a verifier app caches them, and codes shown by many phones. */
async function fixtures() {
  const issuer = await createQrTestIssuer(now)
  const trust = await readTrustList(await issuer.signTrustList(), issuer.anchor.publicJwk, now)
  const token = await issuer.signStatusList({ idx: 7, status: 1, size: 1 << 20 })
  const snapshot = await readStatusListToken(token, trust)
  // More phones than any cache holds: each check imports a device key, as at a checkpoint.
  const codes: string[] = []
  for (let i = 0; i < 2000; i++) {
    const holder = createTestKey()
    const credential = await issueQrCredential({
      documentType: 'id-card',
      claims,
      deviceKey: holder.publicJwk,
      signingKey: issuer.signingKey,
      validUntil: new Date('2027-06-01T00:00:00Z'),
      status: { listId: testStatusListId, idx: 1000 + i },
    })
    codes.push(
      await presentQr({
        credential,
        disclose: ['family_name', 'given_name', 'age_over_18', 'portrait'],
        deviceSign: holder.sign,
        now,
      }),
    )
  }
  return { trust, snapshot, codes }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'qr.verify',
    description:
      'In-person QR codes checked per second on one core with WebCrypto, as the verifier app does offline (trust list, issuer and device signatures, digests, cached status list)',
    async run() {
      const { trust, snapshot, codes } = await fixtures()
      const ours = (i: number) =>
        verifyQrPresentation(codes[i % codes.length] as string, { trust, statusOf: () => snapshot, now })

      // The bound in the same API: two WebCrypto ES256 verifications, keys already imported.
      const data = new TextEncoder().encode((codes[0] as string).slice(0, 700))
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair
      const ecdsa = { name: 'ECDSA', hash: 'SHA-256' }
      const signature = await crypto.subtle.sign(ecdsa, pair.privateKey, data)
      const webcrypto = async () => {
        await crypto.subtle.verify(ecdsa, pair.publicKey, signature, data)
        await crypto.subtle.verify(ecdsa, pair.publicKey, signature, data)
      }
      // And node:crypto's fastest form of the same two checks.
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const der = sign('sha256', data, privateKey)
      const node = () => {
        verify('sha256', data, publicKey, der)
        verify('sha256', data, publicKey, der)
      }
      await ours(0)
      const results = await compare({ ours, webcrypto, node })
      return {
        name: 'qr.verify',
        value: results.ours as number,
        unit: 'ops/s',
        baselines: {
          'webcrypto.es256-verify-x2': results.webcrypto as number,
          'node-crypto.es256-verify-x2': results.node as number,
        },
      }
    },
  },
]
