import { PolisError } from '@polis/kernel'
import { type TrustAnchors, type VerifiedChain, type VerifyChain, verifyCertificateChain } from '@polis/trust'
import {
  type StatusListTokenLimits,
  type VerifiedStatusListToken,
  verifyStatusListTokenWithKey,
} from './verify-status-list-token-with-key.ts'

/** Checks a DER chain (leaf first) at an instant, as `createChainCache` from @polis/trust returns. */
/** The chain check a status list token's `x5c` goes through (the verifier's own chain cache). */
export type ChainVerifier = VerifyChain

/** A token to verify, the list URI it must carry and the anchors its chain must reach. */
export interface VerifyStatusListTokenOptions extends StatusListTokenLimits {
  token: string
  /** The `uri` of the credential's status reference; `sub` must equal it. */
  expectedUri: string
  /** Anchors to check the `x5c` chain against, or a chain cache built on them. */
  trust: TrustAnchors | ChainVerifier
  now: Date
}

/**
 * Verifies a Status List Token in JWT format whose signer is named by an `x5c` chain that
 * ends at a trusted anchor (sections 5.1, 8.3 and 11.3). Throws PolisError: ERR_TOO_LARGE,
 * ERR_MALFORMED, ERR_UNSUPPORTED_ALGORITHM, ERR_UNTRUSTED_ISSUER, ERR_SIGNATURE_INVALID, or
 * ERR_STATUS_UNAVAILABLE for a token that has expired.
 */
export function verifyStatusListToken(
  options: VerifyStatusListTokenOptions,
): VerifiedStatusListToken & { issuer: VerifiedChain } {
  const { trust, now } = options
  let issuer: VerifiedChain | undefined
  const verified = verifyStatusListTokenWithKey({
    token: options.token,
    expectedUri: options.expectedUri,
    now,
    maxTokenLength: options.maxTokenLength,
    maxListBytes: options.maxListBytes,
    resolveKey: (header) => {
      if (header.x5c === undefined || header.x5c.length === 0) {
        throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the status list token has no x5c chain' })
      }
      const chain = header.x5c.map(decodeCertificate)
      issuer = typeof trust === 'function' ? trust(chain, now) : verifyCertificateChain({ chain, anchors: trust, now })
      return issuer.publicKey
    },
  })
  if (issuer === undefined) throw new PolisError('ERR_INTERNAL', { detail: 'the issuer key was never resolved' })
  return { ...verified, issuer }
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** x5c entries are standard base64 DER (RFC 7515, section 4.1.6). */
function decodeCertificate(entry: string): Uint8Array {
  if (entry.length === 0 || !base64.test(entry)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'an x5c entry is not base64' })
  }
  return new Uint8Array(Buffer.from(entry, 'base64'))
}
