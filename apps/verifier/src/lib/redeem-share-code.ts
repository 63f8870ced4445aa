import type { Language } from '@polis/ui'
import { errorCodeOf, isErrorCode } from './error-code.ts'
import type { TrustState } from './load-trust.ts'
import { ErrorBody, RedeemedShareCode } from './schemas.ts'
import type { Verdict } from './verdict.ts'
import type { CheckRecord } from './verifier-store.ts'

export interface RedeemShareCodeOptions {
  code: string
  fetch: typeof fetch
  language: Language
  trust: TrustState | undefined
  now: Date
  record: (record: CheckRecord) => Promise<'recorded' | 'replayed'>
}

/**
 * Redeems a one-time code at the platform (online: the platform verified the document
 * when the holder made the code, and uses the code up), and logs the outcome. A refusal
 * keeps the server's message, which comes in the inspector's language; any other failure
 * is a refusal too.
 */
export async function redeemShareCode(options: RedeemShareCodeOptions): Promise<Verdict> {
  const { now } = options
  const at = now.toISOString()
  const refuse = async (verdict: Extract<Verdict, { valid: false }>) => {
    await options.record({ at, via: 'code', documentType: undefined, valid: false, code: verdict.code }).catch(() => {})
    return verdict
  }
  let response: Response
  try {
    response = await options.fetch('/api/share-codes/redeem', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': options.language },
      body: JSON.stringify({ code: options.code }),
      cache: 'no-store',
    })
  } catch {
    return refuse({ valid: false, code: 'ERR_STATUS_UNAVAILABLE', offline: true, checkedAt: now })
  }
  try {
    const body: unknown = await response.json()
    if (!response.ok) {
      const failure = ErrorBody.safeParse(body)
      const code = failure.success && isErrorCode(failure.data.error.code) ? failure.data.error.code : 'ERR_INTERNAL'
      return refuse({
        valid: false,
        code,
        ...(failure.success ? { message: failure.data.error.message } : {}),
        checkedAt: now,
      })
    }
    const parsed = RedeemedShareCode.safeParse(body)
    if (!parsed.success) return refuse({ valid: false, code: 'ERR_MALFORMED', checkedAt: now })
    const redeemed = parsed.data
    const validUntil = new Date(redeemed.validUntil)
    if (validUntil <= now) return refuse({ valid: false, code: 'ERR_EXPIRED', checkedAt: now })
    const issuer =
      typeof redeemed.issuer === 'string'
        ? (options.trust?.trust?.issuers.find((i) => i.id === redeemed.issuer) ?? {
            id: redeemed.issuer,
            name: { uk: redeemed.issuer, en: redeemed.issuer, et: redeemed.issuer },
          })
        : redeemed.issuer
    await options.record({ at, via: 'code', documentType: redeemed.documentType, valid: true, code: undefined })
    return {
      valid: true,
      documentType: redeemed.documentType,
      issuer: { id: issuer.id, name: issuer.name },
      claims: redeemed.claims,
      validUntil,
      checkedAt: now,
    }
  } catch (error) {
    return refuse({ valid: false, code: errorCodeOf(error), checkedAt: now })
  }
}
