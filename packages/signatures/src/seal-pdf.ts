import type { Sign } from '@polis/kernel'
import { finishCms, prepareCms } from './cades.ts'
import { embedPdfSignature, preparePdf } from './pades.ts'
import type { TimestampAuthority } from './timestamp.ts'

/**
 * Seals a PDF with the key behind a seal certificate: PAdES at level B-T, as a citizen's
 * signature is made (the signature field, the CMS over the signed attributes, then the
 * platform's time-stamp), but signed here and at once.
 */
export async function sealPdf(options: {
  pdf: Uint8Array
  seal: { certificate: Uint8Array; sign: Sign }
  /** The seal certificate's CA, carried in the signature for verifiers to build the chain. */
  caCertificate: Uint8Array
  timestampAuthority: TimestampAuthority
  name: string
  reason: string
  location: string
  now: Date
}): Promise<Uint8Array> {
  const prepared = await preparePdf({
    pdf: options.pdf,
    signerName: options.name,
    reason: options.reason,
    location: options.location,
    signingTime: options.now,
  })
  const signedBytes = prepareCms({ digest: prepared.digest, certificate: options.seal.certificate })
  const cms = await finishCms({
    signedBytes,
    signature: await options.seal.sign(signedBytes),
    certificates: [options.seal.certificate, options.caCertificate],
    timestampAuthority: options.timestampAuthority,
    now: options.now,
  })
  return embedPdfSignature(prepared.pdf, cms)
}
