import type { Store } from '@polis/store'
import { findClientSummary } from './clients.ts'
import { claimsOfScopes } from './scopes.ts'

/** A consent a citizen gave a relying party, as the wallet lists it. */
export interface Consent {
  clientId: string
  clientName: string
  claims: string[]
  givenAt: string
}

interface GrantPayload {
  clientId?: string
  iat?: number
  openid?: { scope?: string }
}

/** The live grants (consents) of a citizen, one entry per relying party. */
export async function listConsents(store: Store, citizenId: string, now: Date): Promise<Consent[]> {
  const rows = await store.db
    .selectFrom('id_models')
    .select(['payload'])
    .where('account_id', '=', citizenId)
    .where('model', '=', 'Grant')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
    .execute()
  const byClient = new Map<string, Consent>()
  for (const row of rows) {
    const grant = JSON.parse(row.payload) as GrantPayload
    if (!grant.clientId || byClient.has(grant.clientId)) continue
    const client = await findClientSummary(store, grant.clientId)
    if (!client) continue
    byClient.set(grant.clientId, {
      clientId: grant.clientId,
      clientName: client.name,
      claims: claimsOfScopes((grant.openid?.scope ?? '').split(' ')),
      givenAt: new Date((grant.iat ?? 0) * 1000).toISOString(),
    })
  }
  return [...byClient.values()].sort((a, b) => a.clientName.localeCompare(b.clientName))
}

/**
 * Withdraws a citizen's consent to a relying party: its grants go, and with them every
 * code and token issued under them, so the party can read nothing more; the next sign-in
 * asks again. Answers how many grants were withdrawn.
 */
export async function withdrawConsent(store: Store, citizenId: string, clientId: string): Promise<number> {
  const rows = await store.db
    .selectFrom('id_models')
    .select(['id', 'payload'])
    .where('account_id', '=', citizenId)
    .where('model', '=', 'Grant')
    .execute()
  const grants = rows.filter((row) => (JSON.parse(row.payload) as GrantPayload).clientId === clientId)
  for (const grant of grants) {
    await store.db.deleteFrom('id_models').where('grant_id', '=', grant.id).execute()
    await store.db.deleteFrom('id_models').where('model', '=', 'Grant').where('id', '=', grant.id).execute()
  }
  return grants.length
}
