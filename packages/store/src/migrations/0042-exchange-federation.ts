import type { Kysely } from 'kysely'

/**
 * Exchange federation (docs/exchange.md): the other instances whose exchanges this one
 * federates with, each pinned to its central registry's anchor (agreed out of band), with
 * the last configuration of theirs that verified; and the access rights this instance's
 * providers grant to those instances' clients, each naming one client.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exchange_federations')
    // The other instance's identifier (X-Road's instance: EE, UA).
    .addColumn('instance', 'text', (c) => c.primaryKey())
    // Where its signed global configuration is downloaded from.
    .addColumn('url', 'text', (c) => c.notNull())
    // Its central registry's public key, a JWK (JSON).
    .addColumn('anchor_jwk', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    // The last configuration that verified, as downloaded (a JWS), its serial and end.
    .addColumn('configuration', 'text')
    .addColumn('serial', 'integer')
    .addColumn('expires_at', 'text')
    .addColumn('fetched_at', 'text')
    // The last attempt, and its error code when it failed.
    .addColumn('checked_at', 'text')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema
    .createTable('exchange_federated_rights')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The foreign client, INSTANCE/CLASS/MEMBER[/SUBSYSTEM], and the own service it may call.
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .execute()
}
