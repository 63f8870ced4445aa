import { PolisError, type SigningKey } from '@polis/kernel'
import type { Platform } from './create-platform.ts'

/** The issuing key of an agency; ERR_CONFIG_INVALID when the instance has none. */
export function agencySigningKey(platform: Platform, agency: string): SigningKey {
  const key = platform.trust.signingKeys.get(agency)
  if (!key) throw new PolisError('ERR_CONFIG_INVALID', { detail: `no issuing key for agency ${agency}` })
  return key
}
