import type { ErrorCode } from '@polis/kernel/errors'
import { type DBSchema, openDB } from 'idb'

/** The trust data as downloaded: raw signed texts, verified again on every start. */
export interface StoredTrust {
  /** The national anchor, pinned on first run; a different one is refused afterwards. */
  anchor?: JsonWebKey
  list?: { jws: string; fetchedAt: string }
  statusLists: StoredStatusList[]
  /**
   * The other countries the own one federates with (docs/federation.md): the statement
   * naming them, signed by the own anchor, and each one's list and status lists as fetched.
   */
  federation?: { jws: string; countries: StoredCountry[] }
}

/** Another country's trust data as downloaded. */
export interface StoredCountry {
  code: string
  list: { jws: string; fetchedAt: string }
  statusLists: StoredStatusList[]
}

export interface StoredStatusList {
  uri: string
  jwt: string
  fetchedAt: string
}

/** One check as the log keeps it: never a name, a number or any other claim. */
export interface CheckRecord {
  id?: number
  at: string
  via: 'qr' | 'code'
  documentType: string | undefined
  valid: boolean
  code: ErrorCode | undefined
  /** The presentation's random nonce, kept for valid QR checks only so a replay is caught. */
  nonce?: string
}

export interface Settings {
  warnAfterHours: number
}

export const defaultSettings: Settings = { warnAfterHours: 24 }

interface VerifierSchema extends DBSchema {
  trust: { key: 'current'; value: StoredTrust }
  settings: { key: 'current'; value: Settings }
  log: { key: number; value: CheckRecord; indexes: { nonce: string } }
}

const database = () =>
  openDB<VerifierSchema>('polis-verifier', 1, {
    upgrade(db) {
      db.createObjectStore('trust')
      db.createObjectStore('settings')
      db.createObjectStore('log', { keyPath: 'id', autoIncrement: true }).createIndex('nonce', 'nonce')
    },
  })

export async function readTrust(): Promise<StoredTrust> {
  return (await (await database()).get('trust', 'current')) ?? { statusLists: [] }
}

export async function saveTrust(trust: StoredTrust): Promise<void> {
  await (await database()).put('trust', trust, 'current')
}

export async function readSettings(): Promise<Settings> {
  return { ...defaultSettings, ...(await (await database()).get('settings', 'current')) }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await (await database()).put('settings', settings, 'current')
}

/**
 * Adds a check to the log. A valid QR check whose nonce is already there is a replay:
 * it is logged as refused instead, in the same transaction, so two scans of one code
 * cannot both pass.
 */
export async function recordCheck(record: CheckRecord): Promise<'recorded' | 'replayed'> {
  const tx = (await database()).transaction('log', 'readwrite')
  if (record.nonce !== undefined && (await tx.store.index('nonce').getKey(record.nonce)) !== undefined) {
    const { nonce: _, ...rest } = record
    await tx.store.add({ ...rest, valid: false, code: 'ERR_PRESENTATION_REPLAYED' })
    await tx.done
    return 'replayed'
  }
  await tx.store.add(record)
  await tx.done
  return 'recorded'
}

/** The log, newest first. */
export async function listChecks(): Promise<CheckRecord[]> {
  return (await (await database()).getAll('log')).reverse()
}

export async function clearChecks(): Promise<void> {
  await (await database()).clear('log')
}
