import { X509Certificate } from 'node:crypto'

export interface CheckX509ChainOptions {
  /** DER certificates, leaf first, as carried in `x5c` or `x5chain`. */
  chain: Uint8Array[]
  /** DER certificates of the trusted roots. */
  trusted: Uint8Array[]
  at: Date
}

/**
 * The verifier side's own certificate check for interop tests, written on node:crypto
 * alone and not on @polis/trust: every link signed by the next certificate, the last by
 * a trusted root, every certificate valid at `at`. Returns the leaf; throws otherwise.
 */
export function checkX509Chain(options: CheckX509ChainOptions): X509Certificate {
  const chain = options.chain.map((der) => new X509Certificate(Buffer.from(der)))
  const trusted = options.trusted.map((der) => new X509Certificate(Buffer.from(der)))
  const [leaf] = chain
  if (!leaf) throw new Error('empty certificate chain')
  const validAt = (certificate: X509Certificate) =>
    certificate.validFromDate.getTime() <= options.at.getTime() &&
    options.at.getTime() <= certificate.validToDate.getTime()
  const issues = (issuer: X509Certificate, subject: X509Certificate) =>
    subject.checkIssued(issuer) && subject.verify(issuer.publicKey)
  for (const [index, certificate] of chain.entries()) {
    if (!validAt(certificate)) throw new Error(`certificate ${index} is not valid at ${options.at.toISOString()}`)
    const root = trusted.find((candidate) => candidate.raw.equals(certificate.raw) || issues(candidate, certificate))
    if (root) {
      if (!validAt(root)) throw new Error('the trusted root is not valid at this time')
      return leaf
    }
    const next = chain[index + 1]
    if (!next || !issues(next, certificate)) break
  }
  throw new Error('the certificate chain does not end at a trusted root')
}
