import type { Kysely } from 'kysely'

/**
 * Enrolment of wallet devices: the DEMO BANK's OpenID Connect state, the relying-party
 * transactions and one-time enrolment tokens (hashes, never secrets), the devices with
 * their public keys, the single-use ids of device-signed requests, and the device each
 * credential, offer and access token was issued to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_bank_models')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('demo_bank_models_pk', ['model', 'id'])
    .execute()
  await db.schema.createIndex('demo_bank_models_grant').on('demo_bank_models').column('grant_id').execute()
  await db.schema.createIndex('demo_bank_models_uid').on('demo_bank_models').column('uid').execute()
  await db.schema.createIndex('demo_bank_models_expiry').on('demo_bank_models').column('expires_at').execute()

  await db.schema
    .createTable('enrolment_transactions')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createTable('enrolment_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createTable('wallet_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('wallet_devices_citizen').on('wallet_devices').column('citizen_id').execute()
  await db.schema
    .createTable('device_request_ids')
    .addColumn('device_id', 'text', (c) => c.notNull().references('wallet_devices.id'))
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_request_ids_pk', ['device_id', 'jti'])
    .execute()

  await db.schema.alterTable('issued_credentials').addColumn('device_id', 'text').execute()
  await db.schema.createIndex('issued_credentials_device').on('issued_credentials').column('device_id').execute()
  await db.schema.alterTable('credential_offers').addColumn('device_id', 'text').execute()
  await db.schema.alterTable('access_tokens').addColumn('device_id', 'text').execute()
}
