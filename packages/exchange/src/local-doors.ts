import { X509Certificate } from 'node:crypto'
import type { ErrorCode } from '@polis/kernel'
import type { ProviderLine } from './batches.ts'

/**
 * The provider doors of the security servers listening in this thread, by their TLS
 * certificate's hash: a batch for one of them is handed over directly, without TLS and
 * HTTP between two servers that share memory, and meets the same checks.
 */
export const localDoors = new Map<
  string,
  {
    take(
      body: unknown,
      peerHash: string,
      answered: (line: ProviderLine) => void,
    ): Promise<{ status: number; code: ErrorCode } | undefined>
    validity: { from: number; to: number }
  }
>()

/** When a certificate's validity starts and ends (ms). */
export function validityOf(pem: string): { from: number; to: number } {
  const certificate = new X509Certificate(pem)
  return { from: Date.parse(certificate.validFrom), to: Date.parse(certificate.validTo) }
}
