import type { Kysely } from 'kysely'

/**
 * Polis ID, the citizens' OpenID Connect provider: its oidc-provider state (as the DEMO
 * BANK keeps its own), the relying parties registered with it, and the wallet logins
 * waiting for a citizen to confirm on their phone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('id_models')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    // The citizen a grant or session is of, so that their consents can be listed and withdrawn.
    .addColumn('account_id', 'text')
    .addPrimaryKeyConstraint('id_models_pk', ['model', 'id'])
    .execute()
  await db.schema.createIndex('id_models_account').on('id_models').columns(['account_id', 'model']).execute()
  await db.schema.createIndex('id_models_grant').on('id_models').column('grant_id').execute()
  await db.schema.createIndex('id_models_uid').on('id_models').column('uid').execute()
  await db.schema.createIndex('id_models_expiry').on('id_models').column('expires_at').execute()

  await db.schema
    .createTable('id_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('jwks', 'text')
    .addColumn('secret_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('id_wallet_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interaction_uid', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('control_code', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('passkey_allowed_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('used_at', 'text')
    .execute()
}
