import { PolisError } from '@polis/kernel'
import { type CertificateStatus, type SignatureReport, verifyCms } from './cades.ts'
import { sha256 } from './cms.ts'
import { isJades, verifyJades } from './jades.ts'
import { isPdf, readPdfSignature } from './pades.ts'
import type { ChainCheck } from './verify-chain.ts'

/** The largest document or signature the verifier reads. */
export const maxDocumentBytes = 20 * 1024 * 1024

/**
 * Checks any signature Polis makes: a signed PDF on its own (PAdES), or a document with
 * its detached signature, CAdES (DER) or JAdES (JSON). The report says who signed, when
 * (by the time-stamp) and whether the signature holds; a signature that does not hold
 * carries its error. Input that holds no signature at all is refused with ERR_NO_SIGNATURE.
 */
export async function verifySignature(options: {
  document: Uint8Array
  signature?: Uint8Array
  checkChain: ChainCheck
  status: CertificateStatus
  now: Date
}): Promise<SignatureReport> {
  const { document, signature } = options
  if (document.length > maxDocumentBytes || (signature?.length ?? 0) > maxDocumentBytes) {
    throw new PolisError('ERR_TOO_LARGE', { detail: 'the document or signature is too large' })
  }
  if (!signature || signature.length === 0) {
    if (!isPdf(document)) throw new PolisError('ERR_NO_SIGNATURE', { detail: 'not a PDF and no signature given' })
    let read: ReturnType<typeof readPdfSignature>
    try {
      read = readPdfSignature(document)
    } catch (error) {
      // A PDF whose signature no longer covers it was changed: a report, not a refusal.
      if (error instanceof PolisError && error.code === 'ERR_DOCUMENT_CHANGED') {
        return { valid: false, format: 'PAdES', level: 'B-B', error }
      }
      throw error
    }
    return verifyCms({ ...options, cms: read.cms, digest: read.digest, format: 'PAdES' })
  }
  if (isJades(signature)) return verifyJades({ ...options, signature })
  return verifyCms({ ...options, cms: signature, digest: sha256(document), format: 'CAdES' })
}
