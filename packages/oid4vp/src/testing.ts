/**
 * A throwaway sharing setup for tests and benchmarks (`@polis/oid4vp/testing`): a national
 * PKI with an ID card issued to a holder, and an access CA with one business under it.
 */
import { webcrypto } from 'node:crypto'
import { issueSdJwtVc } from '@polis/documents'
import type { SigningKey } from '@polis/kernel'
import { createTestKey, createTestPki } from '@polis/trust/testing'
import { createAccessCa, issueAccessCertificate } from './issue-access-certificate.ts'
import type { HeldCredential } from './match-dcql-query.ts'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }
export const idCardVct = 'https://polis.example/vct/id-card'

/** An access CA and a business's request-signing key with its access certificate. */
export async function createTestAccess(options: { notBefore: Date; legalName?: string }) {
  const caKeys = (await webcrypto.subtle.generateKey(ec, false, ['sign', 'verify'])) as CryptoKeyPair
  const accessCa = await createAccessCa({
    keys: caKeys,
    country: 'ZZ',
    notBefore: options.notBefore,
    validityYears: 10,
  })
  const issue = async (legalName: string) => {
    const key = createTestKey()
    const certificate = await issueAccessCertificate({
      publicKey: (await webcrypto.subtle.importKey('jwk', key.publicJwk, ec, true, ['verify'])) as CryptoKey,
      business: { legalName, registerNumber: '12345678', country: 'ZZ' },
      ca: { certificate: accessCa, privateKey: caKeys.privateKey },
      notBefore: options.notBefore,
      validityDays: 365,
    })
    const signingKey: SigningKey = { id: `business:${legalName}`, alg: 'ES256', sign: key.sign, chain: [certificate] }
    return { certificate, signingKey, key }
  }
  return { accessCa, business: await issue(options.legalName ?? 'Demo Bank'), issue }
}

/** A national PKI and an ID card SD-JWT VC held by a holder whose key signs presentations. */
export async function createTestHolding(options: { now: Date; status?: { uri: string; idx: number } }) {
  const pki = await createTestPki()
  const holder = createTestKey()
  const credential = await issueSdJwtVc({
    issuer: 'https://polis.example/issuers/population',
    vct: idCardVct,
    claims: {
      family_name: 'Шевченко',
      given_name: 'Тарас',
      birth_date: '1990-03-09',
      tax_number: '1234567890',
      address: { locality: 'Київ', street_address: 'вул. Хрещатик, 1' },
      age_over_18: true,
      issuing_country: 'ZZ',
    },
    disclosable: ['family_name', 'given_name', 'birth_date', 'tax_number', 'address', 'age_over_18'],
    holderKey: holder.publicJwk,
    ...(options.status ? { status: options.status } : {}),
    signingKey: pki.signingKey,
    now: options.now,
    expiresAt: new Date(options.now.getTime() + 365 * 86_400_000),
    decoys: 2,
  })
  const held: HeldCredential = { id: 'id-card-1', format: 'dc+sd-jwt', credential, sign: holder.sign }
  return { pki, holder, credential, held }
}

/** The demo bank's question: the ID card's name, birth date, tax number and address. */
export const bankQuery = {
  credentials: [
    {
      id: 'id_card',
      format: 'dc+sd-jwt',
      meta: { vct_values: [idCardVct] },
      claims: [
        { path: ['family_name'] },
        { path: ['given_name'] },
        { path: ['birth_date'] },
        { path: ['tax_number'] },
        { path: ['address'] },
      ],
    },
  ],
} as const
