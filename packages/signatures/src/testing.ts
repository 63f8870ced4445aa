/**
 * A throwaway signing PKI for tests (`@polis/signatures/testing`): the signing CA (a
 * root), the time-stamping authority under it, and citizens' keys with their
 * certificates. Never imported by production code.
 */
import { webcrypto } from 'node:crypto'
import type { Sign } from '@polis/kernel'
import {
  createSignerCertificate,
  createSigningCaCertificate,
  createTimestampAuthorityCertificate,
  type Signer,
} from './certificates.ts'
import type { TimestampAuthority } from './timestamp.ts'
import { chainCheck } from './verify-chain.ts'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }
const country = { code: 'UA', name: 'Testland' }

const generate = () => webcrypto.subtle.generateKey(ec, false, ['sign', 'verify']) as Promise<CryptoKeyPair>

/** A WebCrypto signer returning r‖s, as the wallet's key signs. */
const signerOf =
  (key: CryptoKey): Sign =>
  async (data) =>
    new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data))

export async function createTestSigningPki(options: { notBefore?: Date } = {}) {
  const notBefore = options.notBefore ?? new Date('2026-01-01T00:00:00Z')
  const caKeys = await generate()
  const caCertificate = await createSigningCaCertificate({ keys: caKeys, country, notBefore })
  const signingCa = { certificate: caCertificate, privateKey: caKeys.privateKey }
  const tsaKeys = await generate()
  const tsaCertificate = await createTimestampAuthorityCertificate({
    publicKey: tsaKeys.publicKey,
    signingCa,
    country,
    notBefore,
  })
  const timestampAuthority: TimestampAuthority = { certificate: tsaCertificate, sign: signerOf(tsaKeys.privateKey) }
  return {
    anchor: caCertificate,
    signingCa,
    timestampAuthority,
    checkChain: chainCheck([caCertificate]),
    /** A citizen with a fresh key and a signing certificate valid for `days` from `from`. */
    async citizen(signer: Partial<Signer> = {}, certificate: { from?: Date; days?: number } = {}) {
      const keys = await generate()
      const der = await createSignerCertificate({
        publicKey: keys.publicKey,
        signingCa,
        signer: {
          givenName: 'Olena',
          familyName: 'Kovalenko',
          identifier: 'TINUA-1234567890',
          country: 'UA',
          ...signer,
        },
        notBefore: certificate.from ?? notBefore,
        days: certificate.days ?? 730,
        crlUrl: 'https://polis.test/signatures/crl',
      })
      return { certificate: der, sign: signerOf(keys.privateKey), chain: [der, caCertificate] }
    },
  }
}
