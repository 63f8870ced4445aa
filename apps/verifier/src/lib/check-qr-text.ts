import { PolisError } from '@polis/kernel/errors'
import { errorCodeOf } from './error-code.ts'
import type { TrustState } from './load-trust.ts'
import { isTrustRefusal, verifyQrPresentation } from './qr-core.ts'
import type { Verdict } from './verdict.ts'
import type { CheckRecord } from './verifier-store.ts'

export interface CheckQrTextOptions {
  text: string
  trust: TrustState | undefined
  now: Date
  /** Logs the check; answers 'replayed' when a valid check's nonce was logged before. */
  record: (record: CheckRecord) => Promise<'recorded' | 'replayed'>
}

/**
 * Checks the text of an in-person QR offline against the stored trust data, and logs
 * the outcome. Any failure, expected or not, is a refusal with a stable code: nothing but
 * a completed verification and a first sighting of its nonce is ever shown as valid.
 */
export async function checkQrText(options: CheckQrTextOptions): Promise<Verdict> {
  const { trust, now } = options
  const at = now.toISOString()
  try {
    // Without a trust list that verifies, nothing can be checked: the inspector must refresh.
    if (!trust?.trust) throw new PolisError('ERR_STATUS_STALE', { detail: 'no usable trust list' })
    const started = performance.now()
    const check = await verifyQrPresentation(options.text.trim(), {
      trust: trust.trust,
      statusOf: (listId) => trust.statuses.get(listId),
      now,
    })
    const tookMs = performance.now() - started
    const logged = await options.record({
      at,
      via: 'qr',
      documentType: check.documentType,
      valid: true,
      code: undefined,
      nonce: check.nonce,
    })
    if (logged === 'replayed') return { valid: false, code: 'ERR_PRESENTATION_REPLAYED', checkedAt: now }
    return {
      valid: true,
      documentType: check.documentType,
      issuer: { id: check.issuer.id, name: check.issuer.name },
      ...(check.issuer.country.code === trust.trust.country.code ? {} : { country: check.issuer.country }),
      claims: check.claims,
      validUntil: check.validUntil,
      checkedAt: now,
      tookMs,
    }
  } catch (error) {
    const code = errorCodeOf(error)
    await options.record({ at, via: 'qr', documentType: undefined, valid: false, code }).catch(() => {})
    if (isTrustRefusal(error)) {
      const about = {
        country: error.country,
        ...(error.issuer ? { issuer: { id: error.issuer.id, name: error.issuer.name } } : {}),
      }
      return { valid: false, code, checkedAt: now, about }
    }
    return { valid: false, code, checkedAt: now }
  }
}
