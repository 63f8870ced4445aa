import { type Clock, type IdentityProviderConfig, PolisError } from '@polis/kernel'
import * as client from 'openid-client'

/** Polis as the relying party of its identity providers, bound once to the provider list. */
export interface RelyingParty {
  /** Where every provider sends the citizen back to. */
  redirectUri: string
  providers(): Promise<IdentityProviderConfig[]>
  /** A provider by id; ERR_UNKNOWN_IDENTITY_PROVIDER otherwise. */
  provider(id: string): Promise<IdentityProviderConfig>
  /** The provider's discovered configuration; ERR_ENROLMENT_FAILED when it cannot be read. */
  configuration(id: string): Promise<client.Configuration>
}

const discoveryTtlMs = 3600_000
const loopback = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Binds openid-client to the configured providers. Discovery documents are kept for an
 * hour (a failed discovery is not kept). Plain HTTP is allowed only towards this
 * instance's own origin or the loopback interface: the built-in DEMO BANK of a local demo.
 */
export function createRelyingParty(options: {
  providers: () => Promise<IdentityProviderConfig[]>
  publicUrl: string
  now: Clock
  /** Seconds to wait for a provider before giving up (default 10). */
  timeoutSeconds?: number
}): RelyingParty {
  const redirectUri = `${options.publicUrl}/api/wallet/enrol/callback`
  const ownOrigin = new URL(options.publicUrl).origin
  const discovered = new Map<string, { at: number; configuration: Promise<client.Configuration> }>()

  const provider = async (id: string) => {
    const found = (await options.providers()).find((p) => p.id === id)
    if (!found) throw new PolisError('ERR_UNKNOWN_IDENTITY_PROVIDER')
    return found
  }

  const discover = (config: IdentityProviderConfig) => {
    const issuer = new URL(config.issuer)
    const insecure = issuer.protocol === 'http:' && (issuer.origin === ownOrigin || loopback.has(issuer.hostname))
    return client.discovery(
      issuer,
      config.clientId,
      { client_secret: config.clientSecret },
      client.ClientSecretBasic(config.clientSecret),
      { timeout: options.timeoutSeconds ?? 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    )
  }

  return {
    redirectUri,
    providers: options.providers,
    provider,
    async configuration(id) {
      const config = await provider(id)
      const cached = discovered.get(id)
      if (cached && options.now().getTime() - cached.at < discoveryTtlMs) return cached.configuration
      const configuration = discover(config)
      discovered.set(id, { at: options.now().getTime(), configuration })
      try {
        return await configuration
      } catch (cause) {
        discovered.delete(id)
        throw new PolisError('ERR_ENROLMENT_FAILED', { detail: `discovery of ${id} failed`, cause })
      }
    },
  }
}
