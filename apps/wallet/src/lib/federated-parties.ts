import { z } from 'zod'
import { fetchJson } from './api.ts'
import { readCache, writeCache } from './wallet-store.ts'

/**
 * The other countries this wallet's instance federates with, as it vouches for them
 * (GET /trust/federated-parties): each one's credential issuer, whose offers the wallet
 * takes, and its relying parties' access CAs, whose requests it reads.
 */
export const FederatedParties = z.object({
  countries: z.array(
    z.object({
      code: z.string().length(2),
      name: z.string(),
      credential_issuer: z.string(),
      access_cas: z.array(z.string()),
    }),
  ),
})
export type FederatedParties = z.infer<typeof FederatedParties>

/** The federated parties, fetched when online and kept for offline use; none when never fetched. */
export async function loadFederatedParties(): Promise<FederatedParties> {
  try {
    const parties = FederatedParties.parse(await fetchJson<unknown>('/trust/federated-parties'))
    await writeCache('federated-parties', parties)
    return parties
  } catch {
    const cached = FederatedParties.safeParse(await readCache<unknown>('federated-parties'))
    return cached.success ? cached.data : { countries: [] }
  }
}

/** The DER of every certificate in PEM text (one or several). */
export function dersOfPem(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((match) =>
    Uint8Array.from(atob((match[1] ?? '').replace(/\s+/g, '')), (c) => c.charCodeAt(0)),
  )
}
