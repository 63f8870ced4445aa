import { demoBankClientId, demoBankPath, loadDemoBankClientSecret } from '@polis/demo-bank'
import type { IdentityProviderConfig } from '@polis/kernel'
import type { Platform } from './create-platform.ts'

/** The built-in DEMO BANK as an identity provider entry. */
export const demoBankProviderId = 'demo-bank'
const demoBankName = { uk: 'ДЕМО-БАНК (не справжній)', en: 'DEMO BANK (not real)', et: 'DEMO-PANK (mitte päris)' }

/** True when this instance serves the DEMO BANK: no providers are configured, or one of them is it. */
export function servesDemoBank(platform: Platform): boolean {
  const configured = platform.config.POLIS_IDENTITY_PROVIDERS
  return !configured || configured.some((p) => p.issuer.replace(/\/+$/, '') === `${platform.publicUrl}${demoBankPath}`)
}

/**
 * The identity providers citizens may prove who they are with: those configured in
 * POLIS_IDENTITY_PROVIDERS, or else the DEMO BANK, whose client secret is read from
 * where the bank keeps it.
 */
export async function loadIdentityProviders(platform: Platform): Promise<IdentityProviderConfig[]> {
  const configured = platform.config.POLIS_IDENTITY_PROVIDERS
  if (configured) return configured
  const clientSecret = await loadDemoBankClientSecret({
    store: platform.store,
    sealer: platform.keys,
    clientSecret: platform.config.POLIS_DEMO_BANK_CLIENT_SECRET,
  })
  return [
    {
      id: demoBankProviderId,
      name: demoBankName,
      issuer: `${platform.publicUrl}${demoBankPath}`,
      clientId: demoBankClientId,
      clientSecret,
    },
  ]
}
