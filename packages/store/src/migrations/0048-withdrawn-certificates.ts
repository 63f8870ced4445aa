import type { Kysely } from 'kysely'

/**
 * Issuing certificates withdrawn before they expire, their key taken to be compromised
 * (`polis keys rotate --issuer AGENCY --compromised`, docs/security.md): the trust list
 * marks them withdrawn, and verifiers refuse what they signed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('withdrawn_certificates')
    // The certificate's hex SHA-256, as the trust list names it.
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text', (c) => c.notNull())
    .execute()
}
