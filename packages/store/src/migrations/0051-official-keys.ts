import type { Kysely } from 'kysely'

/**
 * Officials' security keys: a passkey or hardware key an official adds right after a
 * sign-in with both factors (the wallet and the authenticator code), used afterwards as
 * the second factor instead of the code. Kept apart from citizens' passkeys, which one
 * factor (the wallet) is enough to make. A sign-in waiting for its second factor notes
 * when the code was given, so that the key is offered within that sign-in only; an official
 * who said "not now" is not offered one again until they ask for it in the office.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('official_keys')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute()
  await db.schema.createIndex('official_keys_citizen').on('official_keys').column('citizen_id').execute()
  await db.schema.alterTable('id_second_factors').addColumn('code_given_at', 'text').execute()
  await db.schema.alterTable('officials').addColumn('key_offer_declined_at', 'text').execute()
}
