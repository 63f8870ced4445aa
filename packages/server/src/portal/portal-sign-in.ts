import { randomBytes } from 'node:crypto'
import { hashSecret } from '@polis/kernel'
import type { Platform } from '../platform/create-platform.ts'
import { createPolisIdClient } from '../sign-in/polis-id-client.ts'

const sessionHours = 8

/**
 * The portal's sign-in through Polis ID (level substantial, the citizen's public
 * identifier) and its sessions: a random cookie whose hash names a row, eight hours long.
 */
export function createPortalSignIn(platform: Platform) {
  const { store } = platform
  const client = createPolisIdClient(platform, {
    metaKey: 'portal.client',
    name: `${platform.config.POLIS_COUNTRY_NAME} portal`,
    purpose: { uk: 'Державні послуги онлайн', en: 'Government services online', et: 'Riigi e-teenused' },
    callbackPath: '/callback',
    afterLogoutPath: '/',
    scopes: ['openid', 'profile'],
    acr: 'substantial',
  })
  return {
    start: (returnTo: string) => client.start(returnTo),

    /** Polis ID's answer, and a session made for the citizen. */
    async finish(callbackUrl: URL, sealedPending: string | undefined) {
      const done = await client.finish(callbackUrl, sealedPending)
      const session = randomBytes(32).toString('base64url')
      const now = platform.now()
      await store.db
        .insertInto('portal_sessions')
        .values({
          id_hash: hashSecret(session),
          citizen_id: done.subject,
          id_token: done.idToken,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + sessionHours * 3_600_000).toISOString(),
        })
        .execute()
      return { session, returnTo: done.returnTo }
    },

    /** The citizen of a session cookie, or undefined. */
    async citizenOf(session: string | undefined): Promise<string | undefined> {
      if (!session || session.length > 100) return undefined
      const row = await store.db
        .selectFrom('portal_sessions')
        .select(['citizen_id', 'expires_at'])
        .where('id_hash', '=', hashSecret(session))
        .executeTakeFirst()
      return row && new Date(row.expires_at) > platform.now() ? row.citizen_id : undefined
    },

    /** Ends the portal's session; answers where to end Polis ID's too. */
    async end(session: string | undefined): Promise<string> {
      if (!session) return '/'
      const row = await store.db
        .selectFrom('portal_sessions')
        .select('id_token')
        .where('id_hash', '=', hashSecret(session))
        .executeTakeFirst()
      await store.db.deleteFrom('portal_sessions').where('id_hash', '=', hashSecret(session)).execute()
      return client.endSessionUrl(row?.id_token ?? null)
    },
  }
}
export type PortalSignIn = ReturnType<typeof createPortalSignIn>
