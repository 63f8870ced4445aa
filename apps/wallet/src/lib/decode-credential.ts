import { decodeJsonPart } from './base64url.ts'

/**
 * The claims an SD-JWT VC holds, for display: the issuer-signed ones and every
 * disclosure. The wallet trusts its own copy here; verifiers check signatures.
 */
export function decodeSdJwtClaims(credential: string): {
  claims: Record<string, unknown>
  expiresAt: string | undefined
} {
  const [jwt = '', ...disclosures] = credential.split('~')
  const payload = decodeJsonPart<Record<string, unknown>>(jwt.split('.')[1] ?? '')
  const claims: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(payload)) {
    if (!['_sd', '_sd_alg', 'cnf', 'status', 'iss', 'iat', 'exp', 'vct'].includes(name)) claims[name] = value
  }
  for (const disclosure of disclosures) {
    if (!disclosure) continue
    const [, name, value] = decodeJsonPart<[string, string, unknown]>(disclosure)
    claims[name] = value
  }
  const exp = typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : undefined
  return { claims, expiresAt: exp }
}
