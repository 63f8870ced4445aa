import type { PublicJwk, SigningKey } from '@polis/kernel'
import type { TrustAnchors } from '@polis/trust'
import { createTestKey, createTestPki } from '@polis/trust/testing'
import { fullDate } from './full-date.ts'

/** A national root, an issuing agency under it and a holder key, for tests only. */
export interface TestIssuer {
  anchors: TrustAnchors
  signingKey: SigningKey
  deviceKey: PublicJwk
}

/** Builds a throwaway PKI (ISO/IEC 18013-5 Annex B profile from @polis/trust) valid from `notBefore` for three years. */
export async function createTestIssuer(notBefore: Date): Promise<TestIssuer> {
  const pki = await createTestPki({ notBefore, issuerName: 'Test Document Signer' })
  return { anchors: pki.anchors, signingKey: pki.signingKey, deviceKey: createTestKey().publicJwk }
}

/** A made-up mDL holder (ISO/IEC 18013-5 section 7.2.1 data elements); no real person. */
export function mdlNamespaces(): Record<string, Record<string, unknown>> {
  return {
    'org.iso.18013.5.1': {
      family_name: 'Testenko',
      given_name: 'Olena',
      birth_date: fullDate('1990-01-02'),
      issue_date: fullDate('2026-05-01'),
      expiry_date: fullDate('2036-04-30'),
      issuing_country: 'ZZ',
      issuing_authority: 'Ministry of Tests',
      document_number: 'ZZ1234567',
      portrait: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9),
      driving_privileges: [
        { vehicle_category_code: 'B', issue_date: fullDate('2008-03-04'), expiry_date: fullDate('2036-04-30') },
        { vehicle_category_code: 'A1', issue_date: fullDate('2010-06-07') },
      ],
      un_distinguishing_sign: 'ZZ',
      age_over_18: true,
    },
  }
}

/** A made-up EU PID (PID rulebook, mdoc encoding); no real person. */
export function pidNamespaces(): Record<string, Record<string, unknown>> {
  return {
    'eu.europa.ec.eudi.pid.1': {
      family_name: 'Testenko',
      given_name: 'Olena',
      birth_date: fullDate('1990-01-02'),
      age_over_18: true,
      age_in_years: 36,
      nationality: ['ZZ'],
      issuing_country: 'ZZ',
      issuing_authority: 'Ministry of Tests',
      issuance_date: fullDate('2026-05-01'),
      expiry_date: fullDate('2031-04-30'),
    },
  }
}
