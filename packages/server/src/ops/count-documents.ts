import { isPolisError } from '@polis/kernel'
import type { Issuer } from '../issuance/create-issuer.ts'
import type { Verifier } from '../verification/create-verifier.ts'
import type { Metrics } from './create-metrics.ts'

/** The same issuer, counting each credential it issues by type and format. */
export function countIssuance(issuer: Issuer, metrics: Metrics): Issuer {
  return {
    ...issuer,
    async issue(request) {
      const issued = await issuer.issue(request)
      metrics.countIssued({ documentType: issued.documentType, format: issued.format })
      return issued
    },
  }
}

/** The same verifier, counting each check by outcome: `valid` or its stable error code. */
export function countVerification(verifier: Verifier, metrics: Metrics): Verifier {
  return {
    ...verifier,
    async verify(request) {
      try {
        const result = await verifier.verify(request)
        metrics.countVerified('valid')
        return result
      } catch (error) {
        metrics.countVerified(isPolisError(error) ? error.code : 'ERR_INTERNAL')
        throw error
      }
    },
  }
}
