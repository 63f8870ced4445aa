import type { StoredCredential } from './wallet-store.ts'

/** Documents are fetched again this long before they expire, so the citizen never holds an expired one. */
export const renewalWindowDays = 30

/** Whether any held document expires within the renewal window (or has expired). */
export function needsRenewal(credentials: Pick<StoredCredential, 'expiresAt'>[], now: Date): boolean {
  const limit = now.getTime() + renewalWindowDays * 24 * 3600 * 1000
  return credentials.some((c) => c.expiresAt !== undefined && new Date(c.expiresAt).getTime() < limit)
}
