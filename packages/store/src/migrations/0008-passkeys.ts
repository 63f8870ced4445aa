import type { Kysely } from 'kysely'

/**
 * Passkeys of Polis ID: a citizen who signed in with the wallet may leave one on the
 * computer they use, and sign in with it there next time (WebAuthn), with the challenge
 * of each ceremony kept until it is answered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('id_passkeys')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute()
  await db.schema.createIndex('id_passkeys_citizen').on('id_passkeys').column('citizen_id').execute()
  await db.schema
    .createTable('id_passkey_challenges')
    .addColumn('interaction_uid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('id_passkey_challenges_pk', ['interaction_uid', 'kind'])
    .execute()
}
