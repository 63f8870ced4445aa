import { randomBytes } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'

const nonceTtlSeconds = 300

/** The nonce endpoint (OpenID4VCI 1.0 section 7): a fresh `c_nonce` for key proofs. */
export async function createProofNonce(options: { store: Store; now: Date }): Promise<{ c_nonce: string }> {
  const nonce = randomBytes(24).toString('base64url')
  await options.store.db
    .insertInto('proof_nonces')
    .values({
      nonce,
      expires_at: new Date(options.now.getTime() + nonceTtlSeconds * 1000).toISOString(),
      used_at: null,
    })
    .execute()
  return { c_nonce: nonce }
}

/**
 * Uses up a `c_nonce`: it must have been issued here, be unexpired and unused. The
 * update is conditional, so a proof replayed in parallel loses (section 13.2).
 */
export async function consumeProofNonce(options: {
  store: Pick<Store, 'db'>
  nonce: unknown
  now: Date
}): Promise<void> {
  if (typeof options.nonce !== 'string' || options.nonce.length > 100) throw new PolisError('ERR_INVALID_NONCE')
  const result = await options.store.db
    .updateTable('proof_nonces')
    .set({ used_at: options.now.toISOString() })
    .where('nonce', '=', options.nonce)
    .where('used_at', 'is', null)
    .where('expires_at', '>', options.now.toISOString())
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw new PolisError('ERR_INVALID_NONCE')
}

/** Whether a `c_nonce` could be used up now (issued here, unexpired, unused); ERR_INVALID_NONCE if not. */
export async function checkProofNonce(options: { store: Pick<Store, 'db'>; nonce: unknown; now: Date }): Promise<void> {
  if (typeof options.nonce !== 'string' || options.nonce.length > 100) throw new PolisError('ERR_INVALID_NONCE')
  const row = await options.store.db
    .selectFrom('proof_nonces')
    .select('nonce')
    .where('nonce', '=', options.nonce)
    .where('used_at', 'is', null)
    .where('expires_at', '>', options.now.toISOString())
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_INVALID_NONCE')
}
