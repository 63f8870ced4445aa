import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import type { Sealer } from '@polis/kernel'
import type { Store } from '@polis/store'
import { z } from 'zod'

/** What the DEMO BANK must keep across restarts and share between processes. */
export const DemoBankSecrets = z.object({
  /** The ES256 private JWK its ID tokens are signed with. */
  signingKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string() }).loose(),
  /** Keys that sign its cookies (the first signs, all verify). */
  cookieKeys: z.array(z.string().min(32)).min(1),
  /** The secret of the one client, Polis. */
  clientSecret: z.string().min(32),
})
export type DemoBankSecrets = z.infer<typeof DemoBankSecrets>

const metaKey = 'demo-bank.secrets'

function generate() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    signingKey: { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
    clientSecret: randomBytes(32).toString('base64url'),
  }
}

/**
 * The DEMO BANK's keys and secrets: generated on first use and kept sealed in the `meta`
 * table. Two processes starting together both try to write; the first row wins and both
 * use it. A client secret given in the configuration replaces the stored one.
 */
export async function loadDemoBankSecrets(options: {
  store: Store
  sealer: Sealer
  clientSecret?: string | undefined
}): Promise<DemoBankSecrets> {
  const { db } = options.store
  await db
    .insertInto('meta')
    .values({ key: metaKey, value: options.sealer.seal(JSON.stringify(generate()), metaKey) })
    .onConflict((c) => c.column('key').doNothing())
    .execute()
  const row = await db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirstOrThrow()
  const secrets = DemoBankSecrets.parse(JSON.parse(options.sealer.unseal(row.value, metaKey)))
  return options.clientSecret ? { ...secrets, clientSecret: options.clientSecret } : secrets
}

/** The client secret Polis authenticates to the bank with (the relying party's side of the same row). */
export async function loadDemoBankClientSecret(options: {
  store: Store
  sealer: Sealer
  clientSecret?: string | undefined
}): Promise<string> {
  return (await loadDemoBankSecrets(options)).clientSecret
}
