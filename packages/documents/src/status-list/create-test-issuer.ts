import type { SigningKey } from '@polis/kernel'
import type { TrustAnchors } from '@polis/trust'
import { createTestPki } from '@polis/trust/testing'

/** For tests only: a fresh root and a status issuer under it, valid from 2026-01-01 for three years. */
export async function createTestIssuer(): Promise<{
  anchors: TrustAnchors
  anchor: Uint8Array
  signingKey: SigningKey
}> {
  return createTestPki({ issuerName: 'Test Status Issuer' })
}
