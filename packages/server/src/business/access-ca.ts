import { createAccessCa } from '@polis/oid4vp'
import type { Platform } from '../platform/create-platform.ts'

const keyId = 'access-ca'
const metaKey = 'sharing.access-ca'

/** The platform's access CA: the root of businesses' access certificates, never of documents. */
export interface AccessCa {
  keyId: string
  certificate: Uint8Array
}

const loaded = new WeakMap<Platform, Promise<AccessCa>>()

/**
 * Loads the access CA, creating it the first time (its key sealed in `keys`, its
 * certificate in `meta`). A root of its own, apart from the national anchor, so an
 * access certificate never passes for a document signer.
 */
export function loadAccessCa(platform: Platform): Promise<AccessCa> {
  let value = loaded.get(platform)
  if (!value) {
    value = createOrRead(platform)
    value.catch(() => loaded.delete(platform))
    loaded.set(platform, value)
  }
  return value
}

async function createOrRead(platform: Platform): Promise<AccessCa> {
  const { db } = platform.store
  const read = async () => {
    const row = await db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirst()
    return row ? { keyId, certificate: new Uint8Array(Buffer.from(row.value, 'base64')) } : undefined
  }
  const existing = await read()
  if (existing) return existing
  if (!(await platform.keys.findPublicKey(keyId))) await platform.keys.generate(keyId)
  const certificate = await createAccessCa({
    keys: {
      privateKey: await platform.keys.privateCryptoKey(keyId),
      publicKey: await platform.keys.publicCryptoKey(keyId),
    },
    country: platform.config.POLIS_COUNTRY_CODE,
    commonName: `${platform.config.POLIS_COUNTRY_NAME} Access CA`,
    notBefore: platform.now(),
    validityYears: 10,
  })
  // Another process may have made it at the same time: the first one written wins.
  await db
    .insertInto('meta')
    .values({ key: metaKey, value: Buffer.from(certificate).toString('base64') })
    .onConflict((c) => c.column('key').doNothing())
    .execute()
  return (await read()) as AccessCa
}
