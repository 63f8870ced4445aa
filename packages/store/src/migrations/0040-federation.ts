import type { Kysely } from 'kysely'

/**
 * Trust federation (docs/federation.md): the other countries whose trust lists this
 * instance relies on, each pinned to the anchor fingerprint its operator was given, with
 * the last list that verified and the status lists of that country's issuers; and the
 * issuers this country has withdrawn from its own list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('federated_countries')
    // ISO 3166-1 alpha-2.
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('list_url', 'text', (c) => c.notNull())
    // Hex SHA-256 of the anchor certificate's DER.
    .addColumn('anchor_sha256', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    // The last list that verified, as fetched (a JWS), and when.
    .addColumn('list_jws', 'text')
    .addColumn('fetched_at', 'text')
    // JSON [{ uri, jwt }]: that country's status lists, each as fetched when the list was.
    .addColumn('status_lists', 'text', (c) => c.notNull().defaultTo('[]'))
    // The last attempt, and its error code and detail when it failed.
    .addColumn('checked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_detail', 'text')
    .execute()
  await db.schema
    .createTable('withdrawn_issuers')
    // The agency's code on this country's trust list.
    .addColumn('agency', 'text', (c) => c.primaryKey())
    .addColumn('withdrawn_at', 'text', (c) => c.notNull())
    .execute()
}
