import { type ErrorCode, PolisError } from '@polis/kernel/errors'
import type { QrCountry, QrTrustedIssuer } from './read-trust-list.ts'

/** The refusals of another country's documents, which name that country and, where known, the issuer. */
export type TrustRefusalCode = Extract<
  ErrorCode,
  | 'ERR_ISSUER_WITHDRAWN'
  | 'ERR_ISSUER_CERTIFICATE_WITHDRAWN'
  | 'ERR_ISSUER_NOT_ENTITLED'
  | 'ERR_TRUST_LIST_STALE'
  | 'ERR_TRUST_LIST_SIGNATURE'
  | 'ERR_TRUST_ANCHOR_MISMATCH'
>

/**
 * A PolisError that says whose trust failed: the country, and the issuer where one is at
 * fault, so that a verifier can name both in the inspector's language. Neither is personal data.
 */
export class TrustRefusal extends PolisError {
  readonly country: QrCountry
  readonly issuer: Pick<QrTrustedIssuer, 'id' | 'name'> | undefined

  constructor(
    code: TrustRefusalCode,
    options: { country: QrCountry; issuer?: Pick<QrTrustedIssuer, 'id' | 'name'> | undefined; detail?: string },
  ) {
    const who = `${options.country.name} (${options.country.code})`
    const issuer = options.issuer ? `, issuer ${options.issuer.name.en} (${options.issuer.id})` : ''
    super(code, { detail: `${who}${issuer}${options.detail ? `: ${options.detail}` : ''}` })
    this.country = options.country
    this.issuer = options.issuer
  }
}

/** True for a refusal that names a country. */
export function isTrustRefusal(value: unknown): value is TrustRefusal {
  return value instanceof TrustRefusal
}
