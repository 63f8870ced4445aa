import type { Kysely } from 'kysely'

/**
 * Officials: citizens who work for an agency, with their roles and the second factor
 * Polis ID asks of them (a TOTP authenticator) before any sign-in to the office, with a
 * lock-out after repeated wrong codes; and the sign-ins waiting for that second factor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('officials')
    .addColumn('citizen_id', 'text', (c) => c.primaryKey())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('totp_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('last_totp_step', 'integer')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()
  await db.schema
    .createTable('id_second_factors')
    .addColumn('interaction_uid', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
}
