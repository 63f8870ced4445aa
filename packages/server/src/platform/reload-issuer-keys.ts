import { loadIssuerKeys } from './bootstrap-trust.ts'
import type { Platform } from './create-platform.ts'

/**
 * Takes up keys rotated since this process started (`polis keys rotate`, in any process):
 * the agencies sign with their newest keys from now on, and the trust list names every
 * certificate still trusted and no expired one. The platform's trust is changed in place,
 * as everything that signs or publishes reads it at each use.
 */
export async function reloadIssuerKeys(platform: Platform): Promise<void> {
  const loaded = await loadIssuerKeys({ store: platform.store, keys: platform.keys, now: platform.now() })
  const { trust } = platform
  for (const [agency, key] of loaded.signingKeys) trust.signingKeys.set(agency, key)
  trust.certificates.splice(0, trust.certificates.length, ...loaded.certificates)
}
