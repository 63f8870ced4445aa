import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  webcrypto,
} from 'node:crypto'
import { derSignatureToRaw, type KeyStore, PolisError, type PublicJwk, type Sign } from '@polis/kernel'
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** The local KeyStore also hands out WebCrypto keys, which certificate generation needs. */
export interface DatabaseKeyStore extends KeyStore {
  privateCryptoKey(id: string): Promise<CryptoKey>
  publicCryptoKey(id: string): Promise<CryptoKey>
  /** The private key as node:crypto holds it (its fastest signing path), for a component that signs itself. */
  privateKeyObject(id: string): Promise<KeyObject>
  /**
   * Seals a secret that is not a P-256 signing key (another component's key set, a
   * client secret) under the key-encryption key, bound to `label`.
   */
  seal(plaintext: string, label: string): string
  /** Opens what `seal` sealed under the same label; ERR_KEY_DECRYPTION otherwise. */
  unseal(sealed: string, label: string): string
}

export interface DatabaseKeyStoreOptions {
  db: Kysely<Database>
  /** 32-byte key-encryption key. */
  kek: Uint8Array
  now: () => Date
}

const checkId = 'kek.check'
const checkPlaintext = 'polis key-encryption key check'

function encrypt(kek: KeyObject, plaintext: Uint8Array, aad: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek, iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
}

function decrypt(kek: KeyObject, sealed: string, aad: string): Buffer {
  try {
    const bytes = Buffer.from(sealed, 'base64')
    if (bytes.length < 12 + 16) throw new Error('sealed value too short')
    const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(0, 12), { authTagLength: 16 })
    decipher.setAAD(Buffer.from(aad))
    decipher.setAuthTag(bytes.subarray(bytes.length - 16))
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()])
  } catch (cause) {
    throw new PolisError('ERR_KEY_DECRYPTION', { cause })
  }
}

/**
 * Keeps P-256 private keys in the database, sealed with AES-256-GCM under the
 * key-encryption key (the key id is bound as associated data, so a sealed key cannot
 * be moved to another id). The first use records a check value, so a wrong
 * key-encryption key fails at start with ERR_KEY_DECRYPTION, not at the first signature.
 */
export async function createDatabaseKeyStore(options: DatabaseKeyStoreOptions): Promise<DatabaseKeyStore> {
  const { db, now } = options
  if (options.kek.length !== 32)
    throw new PolisError('ERR_CONFIG_INVALID', { detail: 'the key-encryption key must be 32 bytes' })
  // A key object once, not raw bytes imported at every seal and unseal.
  const kek = createSecretKey(options.kek)
  const check = await db.selectFrom('meta').select('value').where('key', '=', checkId).executeTakeFirst()
  if (check) {
    if (decrypt(kek, check.value, checkId).toString() !== checkPlaintext) throw new PolisError('ERR_KEY_DECRYPTION')
  } else {
    await db
      .insertInto('meta')
      .values({ key: checkId, value: encrypt(kek, Buffer.from(checkPlaintext), checkId) })
      .onConflict((c) => c.column('key').doNothing())
      .execute()
  }

  const privateKeys = new Map<string, KeyObject>()

  async function privateKey(id: string): Promise<KeyObject> {
    const cached = privateKeys.get(id)
    if (cached) return cached
    const row = await db.selectFrom('keys').select('encrypted_private_key').where('id', '=', id).executeTakeFirst()
    if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: `no key ${id}` })
    const key = createPrivateKey({ key: decrypt(kek, row.encrypted_private_key, id), format: 'der', type: 'pkcs8' })
    privateKeys.set(id, key)
    return key
  }

  async function findPublicKey(id: string): Promise<PublicJwk | undefined> {
    const row = await db.selectFrom('keys').select('public_jwk').where('id', '=', id).executeTakeFirst()
    return row ? (JSON.parse(row.public_jwk) as PublicJwk) : undefined
  }

  return {
    async generate(id) {
      const { privateKey: key, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      const jwk = publicKey.export({ format: 'jwk' }) as PublicJwk
      const pkcs8 = key.export({ format: 'der', type: 'pkcs8' })
      await db
        .insertInto('keys')
        .values({
          id,
          public_jwk: JSON.stringify(jwk),
          encrypted_private_key: encrypt(kek, pkcs8, id),
          created_at: now().toISOString(),
        })
        .execute()
      privateKeys.set(id, key)
      return jwk
    },
    async signer(id): Promise<Sign> {
      const key = await privateKey(id)
      // A bare key and DER output is node:crypto's fastest path; JWS and COSE want raw r||s.
      return async (data) => derSignatureToRaw(sign('sha256', data, key))
    },
    findPublicKey,
    privateKeyObject: privateKey,
    async privateCryptoKey(id) {
      const pkcs8 = (await privateKey(id)).export({ format: 'der', type: 'pkcs8' })
      const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'sign',
      ])
      // node:crypto's CryptoKey is the WebCrypto CryptoKey; only the type declarations differ.
      return key as unknown as CryptoKey
    },
    async publicCryptoKey(id) {
      const jwk = await findPublicKey(id)
      if (!jwk) throw new PolisError('ERR_NOT_FOUND', { detail: `no key ${id}` })
      const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
      return key as unknown as CryptoKey
    },
    // A label of its own keeps a sealed secret from being swapped with a sealed key.
    seal: (plaintext, label) => encrypt(kek, Buffer.from(plaintext, 'utf8'), `secret:${label}`),
    unseal: (sealed, label) => decrypt(kek, sealed, `secret:${label}`).toString('utf8'),
  }
}
