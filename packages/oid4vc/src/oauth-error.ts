import { type ErrorCode, isPolisError, type Language, messageOf } from '@polis/kernel'

const oauthErrors: Partial<Record<ErrorCode, string>> = {
  ERR_INVALID_GRANT: 'invalid_grant',
  ERR_INVALID_TX_CODE: 'invalid_grant',
  ERR_OFFER_FOR_ANOTHER_CITIZEN: 'invalid_grant',
  ERR_INVALID_TOKEN: 'invalid_token',
  ERR_INVALID_PROOF: 'invalid_proof',
  ERR_INVALID_NONCE: 'invalid_nonce',
  ERR_UNKNOWN_CREDENTIAL_CONFIGURATION: 'unknown_credential_configuration',
}

/**
 * An error as OAuth and OpenID4VCI clients read it (RFC 6749 section 5.2, OpenID4VCI
 * 1.0 section 8.3.1.2), with Polis's stable code beside it.
 */
export function oauthErrorBody(
  error: unknown,
  options: { endpoint: 'token' | 'credential'; language: Language },
): { status: number; body: { error: string; error_description: string; polis_code: ErrorCode } } {
  const code: ErrorCode = isPolisError(error) ? error.code : 'ERR_INTERNAL'
  let name = oauthErrors[code]
  if (!name) {
    if (code === 'ERR_BAD_REQUEST' && isPolisError(error) && error.detail === 'unsupported_grant_type') {
      name = 'unsupported_grant_type'
    } else if (code === 'ERR_INTERNAL' || code === 'ERR_DATABASE_UNAVAILABLE') {
      name = 'server_error'
    } else {
      name = options.endpoint === 'token' ? 'invalid_request' : 'invalid_credential_request'
    }
  }
  const status = name === 'invalid_token' ? 401 : name === 'server_error' ? 500 : 400
  return { status, body: { error: name, error_description: messageOf(code, options.language), polis_code: code } }
}
