import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import type { Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import { z } from 'zod'

const PrivateJwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string(), kid: z.string() }).loose()

/** What Polis ID keeps across restarts and shares between processes. */
export const PolisIdSecrets = z.object({
  /** ES256 keys its ID tokens are signed with: the first signs, all stay published to verify. */
  signingKeys: z.array(PrivateJwk).min(1),
  /** Keys that sign its cookies (the first signs, all verify). */
  cookieKeys: z.array(z.string().min(32)).min(1),
  /** The salt of pairwise subject identifiers: the same citizen is a different `sub` to each sector. */
  pairwiseSalt: z.string().min(32),
})
export type PolisIdSecrets = z.infer<typeof PolisIdSecrets>

const metaKey = 'polis-id.secrets'

function signingKey() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' } as z.infer<
    typeof PrivateJwk
  >
}

/**
 * Polis ID's keys: generated on first use and kept sealed in `meta`. Two processes
 * starting together both try to write; the first row wins and both use it.
 */
export async function loadPolisIdSecrets(options: { store: Store; sealer: Sealer }): Promise<PolisIdSecrets> {
  const { db } = options.store
  const fresh: PolisIdSecrets = {
    signingKeys: [signingKey()],
    cookieKeys: [randomBytes(32).toString('base64url')],
    pairwiseSalt: randomBytes(32).toString('base64url'),
  }
  await db
    .insertInto('meta')
    .values({ key: metaKey, value: options.sealer.seal(JSON.stringify(fresh), metaKey) })
    .onConflict((c) => c.column('key').doNothing())
    .execute()
  const row = await db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirstOrThrow()
  return PolisIdSecrets.parse(JSON.parse(options.sealer.unseal(row.value, metaKey)))
}

/**
 * Rotates the ID token signing key: a new key signs from now on, and the previous ones
 * stay published (at most two kept) so that tokens already issued still verify.
 */
export async function rotatePolisIdSigningKey(options: { store: Store; sealer: Sealer }): Promise<string> {
  const secrets = await loadPolisIdSecrets(options)
  const next = signingKey()
  const rotated = { ...secrets, signingKeys: [next, ...secrets.signingKeys].slice(0, 3) }
  await options.store.db
    .updateTable('meta')
    .set({ value: options.sealer.seal(JSON.stringify(rotated), metaKey) })
    .where('key', '=', metaKey)
    .execute()
  return next.kid
}

/** An opaque mark of the stored secrets, which changes with every rotation; undefined before the first start. */
export async function polisIdSecretsVersion(store: Store): Promise<string | undefined> {
  const row = await store.db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirst()
  return row ? createHash('sha256').update(row.value).digest('base64url') : undefined
}
