import { type DBSchema, openDB } from 'idb'
import type { Passkey } from './passkey.ts'

/** This device's enrolment: its id, its non-extractable key pair and the PIN check. */
export interface DeviceRecord {
  deviceId: string
  keys: CryptoKeyPair
  publicJwk: JsonWebKey
  givenName: string
  familyName: string
  pin: { salt: Uint8Array<ArrayBuffer>; hash: Uint8Array; failures: number }
  /** A passkey that unlocks the wallet instead of the PIN, if the citizen made one. */
  passkey?: Passkey
}

/** A credential as the wallet keeps it, with what the screens show decoded once. */
export interface StoredCredential {
  id: string
  configurationId: string
  documentType: string
  /** `polis_qr` is the in-person copy the wallet shows as a QR code. */
  format: 'dc+sd-jwt' | 'mso_mdoc' | 'polis_qr'
  credential: string
  receivedAt: string
  expiresAt: string | undefined
  claims: Record<string, unknown>
  /**
   * The key this copy is bound to, where it is not the device key: each in-person copy
   * has a key of its own, so that two inspectors cannot tell it was the same phone.
   */
  holderKey?: CryptoKeyPair
  /** The credential issuer of another country's instance; absent for this wallet's own. */
  issuer?: string
}

/** One showing of a document: kept on the phone only, for the citizen to look back on. */
export interface Presentation {
  id: string
  at: string
  documentType: string
  /** The claim names shown. */
  claims: string[]
  /**
   * How: `qr` in person, to whoever scanned the code; `code` a one-time code, to whoever
   * typed it in.
   */
  channel: 'qr' | 'code'
}

/**
 * The citizen's signing key, kept apart from the device key: it signs documents only,
 * and its certificate names the citizen. The certificate fields are set once the
 * platform has certified the key.
 */
export interface SigningRecord {
  keys: CryptoKeyPair
  publicJwk: JsonWebKey
  /** The certificate, base64 DER. */
  certificate?: string
  serialNumber?: string
  notAfter?: string
}

/**
 * A service's form half filled in, kept so that a closed and reopened app carries on
 * where the citizen was: the answers as typed (a file question's answer is the id of
 * the upload), the step, and the Idempotency-Key of a submission already tried, so
 * that trying again after a restart still makes one application.
 */
export interface ServiceDraft {
  /** The service's code: one draft per service. */
  code: string
  answers: Record<string, string | boolean | undefined>
  /** The page being answered (its id), `check` for "check your answers", or the service's first page. */
  step: { page: string } | 'check' | 'intro'
  key?: string
  savedAt: string
}

/**
 * One answer to a business's request (OpenID4VP), kept on the phone only so that the
 * citizen can look back, offline, on what went to whom and why.
 */
export interface ShareRecord {
  id: string
  at: string
  /** The business as its access certificate names it. */
  business: { legalName: string; registerNumber: string | undefined; clientId: string }
  /** The purpose in the business's registered words, when this instance keeps its registration. */
  purpose: string | undefined
  /** Per document shared, its type and the claim names shown. */
  documents: Array<{ documentType: string; configurationId: string; claims: string[] }>
  /** `sent` when the business's server took the answer; `declined` when the citizen said no. */
  outcome: 'sent' | 'declined'
  /** The business's registered data-protection contact, where this instance keeps its registration. */
  privacyContact?: string | undefined
  /** What the business knows the share by: the request's `request_uri`. */
  reference?: string | undefined
  /** When the citizen asked the business to delete what was shared. */
  deletionAskedAt?: string | undefined
}

interface WalletSchema extends DBSchema {
  device: { key: 'current'; value: DeviceRecord }
  signing: { key: 'current'; value: SigningRecord }
  credentials: { key: string; value: StoredCredential }
  cache: { key: string; value: unknown }
  history: { key: string; value: Presentation }
  drafts: { key: string; value: ServiceDraft }
  shares: { key: string; value: ShareRecord }
}

const database = () =>
  openDB<WalletSchema>('polis-wallet', 5, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('device')
        db.createObjectStore('credentials', { keyPath: 'id' })
        db.createObjectStore('cache')
      }
      if (oldVersion < 2) db.createObjectStore('history', { keyPath: 'id' })
      // Its own store, so that saving the device record (the PIN count) never overwrites it.
      if (oldVersion < 3) db.createObjectStore('signing')
      if (oldVersion < 4) db.createObjectStore('drafts', { keyPath: 'code' })
      if (oldVersion < 5) db.createObjectStore('shares', { keyPath: 'id' })
    },
  })

/** The enrolled device, if this browser has one. */
export async function findDevice(): Promise<DeviceRecord | undefined> {
  return (await database()).get('device', 'current')
}

export async function saveDevice(device: DeviceRecord): Promise<void> {
  await (await database()).put('device', device, 'current')
}

/** The signing key and its certificate, if this wallet has made one. */
export async function findSigningKey(): Promise<SigningRecord | undefined> {
  return (await database()).get('signing', 'current')
}

export async function saveSigningKey(record: SigningRecord): Promise<void> {
  await (await database()).put('signing', record, 'current')
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
  // A document replaces its own issuer's of the same configuration: another country's stays.
  const key = (c: StoredCredential) => `${c.issuer ?? ''} ${c.configurationId}`
  const replaced = new Set(fresh.map(key))
  for (const old of await tx.store.getAll()) if (replaced.has(key(old))) await tx.store.delete(old.id)
  for (const credential of fresh) await tx.store.put(credential)
  await tx.done
}

export async function readCache<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('cache', key)) as T | undefined
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await (await database()).put('cache', value, key)
}

/** Records that a document was shown. */
export async function recordPresentation(presentation: Presentation): Promise<void> {
  await (await database()).put('history', presentation)
}

/** Every presentation, newest first. */
export async function listPresentations(): Promise<Presentation[]> {
  const all = await (await database()).getAll('history')
  return all.sort((a, b) => b.at.localeCompare(a.at))
}

/** Records an answer to a business. */
export async function recordShare(share: ShareRecord): Promise<void> {
  await (await database()).put('shares', share)
}

/** Notes on a share that the citizen asked the business to delete it. */
export async function markDeletionAsked(id: string, at: string): Promise<void> {
  const db = await database()
  const share = await db.get('shares', id)
  if (share) await db.put('shares', { ...share, deletionAskedAt: at })
}

/** Every answer to a business, newest first. */
export async function listShares(): Promise<ShareRecord[]> {
  const all = await (await database()).getAll('shares')
  return all.sort((a, b) => b.at.localeCompare(a.at))
}

/** The draft of a service's form, if the citizen left one. */
export async function findDraft(code: string): Promise<ServiceDraft | undefined> {
  return (await database()).get('drafts', code)
}

/** Every draft, the latest first. */
export async function listDrafts(): Promise<ServiceDraft[]> {
  const all = await (await database()).getAll('drafts')
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt))
}

export async function saveDraft(draft: ServiceDraft): Promise<void> {
  await (await database()).put('drafts', draft)
}

/** Forgets a draft: it was submitted, or the citizen started again. */
export async function deleteDraft(code: string): Promise<void> {
  await (await database()).delete('drafts', code)
}

/** Forgets everything: a lost PIN or a revoked device means enrolling again. */
export async function wipeWallet(): Promise<void> {
  const db = await database()
  await Promise.all([
    db.clear('device'),
    db.clear('signing'),
    db.clear('credentials'),
    db.clear('cache'),
    db.clear('history'),
    db.clear('drafts'),
    db.clear('shares'),
  ])
}
