import { type DBSchema, openDB } from 'idb'

/** This device's enrolment: its id, its non-extractable key pair and the PIN check. */
export interface DeviceRecord {
  deviceId: string
  keys: CryptoKeyPair
  publicJwk: JsonWebKey
  givenName: string
  familyName: string
  pin: { salt: Uint8Array<ArrayBuffer>; hash: Uint8Array; failures: number }
}

/** A credential as the wallet keeps it, with what the screens show decoded once. */
export interface StoredCredential {
  id: string
  configurationId: string
  documentType: string
  format: 'dc+sd-jwt' | 'mso_mdoc'
  credential: string
  receivedAt: string
  expiresAt: string | undefined
  claims: Record<string, unknown>
}

interface WalletSchema extends DBSchema {
  device: { key: 'current'; value: DeviceRecord }
  credentials: { key: string; value: StoredCredential }
  cache: { key: string; value: unknown }
}

const database = () =>
  openDB<WalletSchema>('polis-wallet', 1, {
    upgrade(db) {
      db.createObjectStore('device')
      db.createObjectStore('credentials', { keyPath: 'id' })
      db.createObjectStore('cache')
    },
  })

/** The enrolled device, if this browser has one. */
export async function findDevice(): Promise<DeviceRecord | undefined> {
  return (await database()).get('device', 'current')
}

export async function saveDevice(device: DeviceRecord): Promise<void> {
  await (await database()).put('device', device, 'current')
}

/** Every credential held, newest first. */
export async function listCredentials(): Promise<StoredCredential[]> {
  const all = await (await database()).getAll('credentials')
  return all.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
}

/** Replaces the credentials of the given configurations with fresh ones. */
export async function replaceCredentials(fresh: StoredCredential[]): Promise<void> {
  const db = await database()
  const tx = db.transaction('credentials', 'readwrite')
  const replaced = new Set(fresh.map((c) => c.configurationId))
  for (const old of await tx.store.getAll()) if (replaced.has(old.configurationId)) await tx.store.delete(old.id)
  for (const credential of fresh) await tx.store.put(credential)
  await tx.done
}

export async function readCache<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('cache', key)) as T | undefined
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await (await database()).put('cache', value, key)
}

/** Forgets everything: a lost PIN or a revoked device means enrolling again. */
export async function wipeWallet(): Promise<void> {
  const db = await database()
  await Promise.all([db.clear('device'), db.clear('credentials'), db.clear('cache')])
}
