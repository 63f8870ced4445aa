/** One credential of an answer that verified: only the claims asked for, and how we know. */
export interface VerifiedCredential {
  /** The DCQL credential query it answers. */
  queryId: string
  format: 'dc+sd-jwt' | 'mso_mdoc'
  /** SD-JWT VC: claims by name; mdoc: elements by namespace and identifier. */
  claims: Record<string, unknown>
  evidence: {
    /** The `vct` or the mdoc docType. */
    type: string
    /** Subject of the issuer's certificate. */
    issuer: string
    /** The `iss` of an SD-JWT VC. */
    issuerId?: string | undefined
    /** Subject of the trust anchor the issuer chains to. */
    anchor?: string | undefined
    /** The status-list entry checked, and what it said. */
    status: { uri: string; idx: number; value: 'valid' } | undefined
    /** Whether the holder's key signed the presentation for this request. */
    holderBound: boolean
    issuedAt: Date | undefined
    expiresAt: Date | undefined
  }
}
