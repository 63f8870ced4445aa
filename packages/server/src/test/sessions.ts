import { randomBytes } from 'node:crypto'
import { hashSecret } from '@polis/kernel'
import type { Store } from '@polis/store'

const hour = 3_600_000

/**
 * The secret of a portal session for this citizen, as Polis ID's sign-in leaves it (the
 * sign-in itself is tested in portal.test.ts): the value of the `polis_portal` cookie.
 */
export async function portalSession(store: Store, citizenId: string, now: Date): Promise<string> {
  const secret = randomBytes(32).toString('base64url')
  await store.db
    .insertInto('portal_sessions')
    .values({
      id_hash: hashSecret(secret),
      citizen_id: citizenId,
      id_token: 'test',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hour).toISOString(),
    })
    .execute()
  return secret
}

/**
 * The secret of an official's desk session at the office (the sign-in with the wallet and
 * a second factor is tested in office.test.ts): the value of the `polis_office` cookie.
 */
export async function officeSession(
  store: Store,
  official: { citizenId: string; agency: string; roles: string[] },
  now: Date,
): Promise<string> {
  const secret = randomBytes(24).toString('base64url')
  await store.db
    .insertInto('office_sessions')
    .values({
      id_hash: hashSecret(secret),
      official_id: official.citizenId,
      agency: official.agency,
      roles: JSON.stringify(official.roles),
      id_token: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hour).toISOString(),
    })
    .execute()
  return secret
}
