import { randomInt, randomUUID } from 'node:crypto'
import { createStatusList, StatusType, setStatus, signStatusListToken } from '@polis/documents'
import { PolisError, type SigningKey } from '@polis/kernel'
import type { Store } from '@polis/store'

/**
 * Entries per list. Large lists hide which credential a verifier asks about (the
 * "herd" of draft-ietf-oauth-status-list section 12.2); sparse ones compress to bytes.
 */
export const statusListSize = 1 << 20
const statusBits = 2
const ttlSeconds = 60
const maxTries = 8

/** Where a credential's status lives: its list and its unpredictable index. */
export interface StatusSlot {
  credentialId: string
  listId: string
  idx: number
}

/** The URL a status list is published at. */
export function statusListUri(publicUrl: string, listId: string): string {
  return `${publicUrl}/status/${listId}`
}

/** What a credential's status slot is asked for: whose credential, of what, until when. */
export interface StatusSlotRequest {
  store: Store
  issuerId: string
  citizenId: string
  documentType: string
  format: string
  deviceId?: string | undefined
  now: Date
  expiresAt: Date
}

/** A slot picked and not yet recorded: the row that records it, written with others at once. */
export interface PickedStatusSlot extends StatusSlot {
  row: ReturnType<typeof credentialRow>
}

const credentialRow = (options: StatusSlotRequest, slot: StatusSlot) => ({
  id: slot.credentialId,
  citizen_id: options.citizenId,
  document_type: options.documentType,
  format: options.format,
  issuer_id: options.issuerId,
  list_id: slot.listId,
  list_index: slot.idx,
  status: StatusType.VALID as number,
  issued_at: options.now.toISOString(),
  expires_at: options.expiresAt.toISOString(),
  device_id: options.deviceId ?? null,
})

const currentList = (options: StatusSlotRequest) =>
  options.store.db
    .selectFrom('status_lists')
    .select(['id', 'size'])
    .where('issuer_id', '=', options.issuerId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst()

/** Whether a list's index is taken by a credential. */
export async function isSlotTaken(store: Store, slot: { listId: string; idx: number }): Promise<boolean> {
  const taken = await store.db
    .selectFrom('issued_credentials')
    .select('id')
    .where('list_id', '=', slot.listId)
    .where('list_index', '=', slot.idx)
    .executeTakeFirst()
  return taken !== undefined
}

/**
 * Reserves a random free index in the issuer's current status list and records the
 * credential there, so that it can be revoked later. A random index keeps credentials
 * of one citizen from sitting side by side (section 12.5); a full list starts a new one.
 */
export async function allocateStatusSlot(options: StatusSlotRequest): Promise<StatusSlot> {
  let list = await currentList(options)
  for (let attempt = 0; attempt < maxTries * 2; attempt++) {
    if (!list || attempt === maxTries) list = await createList(options.store, options.issuerId, options.now)
    const slot = { credentialId: randomUUID(), listId: list.id, idx: randomInt(list.size) }
    try {
      await options.store.db.insertInto('issued_credentials').values(credentialRow(options, slot)).execute()
      return slot
    } catch (error) {
      if (!(await isSlotTaken(options.store, slot))) throw error
    }
  }
  throw new PolisError('ERR_INTERNAL', { detail: 'no free status list slot' })
}

/**
 * Picks a random index that is free now, without recording it: the caller writes the
 * row with others in one transaction, which a slot taken meanwhile undoes whole.
 */
export async function pickStatusSlot(options: StatusSlotRequest): Promise<PickedStatusSlot> {
  let list = await currentList(options)
  for (let attempt = 0; attempt < maxTries * 2; attempt++) {
    if (!list || attempt === maxTries) list = await createList(options.store, options.issuerId, options.now)
    const slot = { credentialId: randomUUID(), listId: list.id, idx: randomInt(list.size) }
    if (!(await isSlotTaken(options.store, slot))) return { ...slot, row: credentialRow(options, slot) }
  }
  throw new PolisError('ERR_INTERNAL', { detail: 'no free status list slot' })
}

async function createList(store: Store, issuerId: string, now: Date) {
  const list = {
    id: randomUUID(),
    issuer_id: issuerId,
    size: statusListSize,
    bits: statusBits,
    version: 0,
    created_at: now.toISOString(),
  }
  await store.db.insertInto('status_lists').values(list).execute()
  return list
}

/** Status values an operator may set. */
export type CredentialStatus = 'valid' | 'revoked' | 'suspended'
const statusValues: Record<CredentialStatus, number> = {
  valid: StatusType.VALID,
  revoked: StatusType.INVALID,
  suspended: StatusType.SUSPENDED,
}

/**
 * Changes a credential's status: appends the event it is derived from and bumps the
 * list's version so the next token request rebuilds it. Revocation is final.
 */
export async function changeCredentialStatus(options: {
  store: Store
  listId: string
  idx: number
  status: CredentialStatus
  reason: string
  now: Date
}): Promise<{ credentialId: string; previous: CredentialStatus; status: CredentialStatus }> {
  return options.store.db.transaction().execute(async (tx) => {
    const credential = await tx
      .selectFrom('issued_credentials')
      .select(['id', 'status'])
      .where('list_id', '=', options.listId)
      .where('list_index', '=', options.idx)
      .executeTakeFirst()
    if (!credential) throw new PolisError('ERR_UNKNOWN_CREDENTIAL')
    const previous = (Object.keys(statusValues) as CredentialStatus[]).find(
      (s) => statusValues[s] === credential.status,
    )
    if (previous === 'revoked' && options.status !== 'revoked') {
      throw new PolisError('ERR_REVOKED', { detail: 'a revoked credential cannot be reinstated' })
    }
    const value = statusValues[options.status]
    await tx
      .insertInto('status_events')
      .values({ credential_id: credential.id, status: value, reason: options.reason, at: options.now.toISOString() })
      .execute()
    await tx.updateTable('issued_credentials').set({ status: value }).where('id', '=', credential.id).execute()
    await tx
      .updateTable('status_lists')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', options.listId)
      .execute()
    return { credentialId: credential.id, previous: previous ?? 'valid', status: options.status }
  })
}

/**
 * The signed Status List Token of a list, rebuilt only when a status changed since the
 * last one or its ttl ran out, so that thousands of verifiers cost one signature.
 */
export async function getStatusListToken(options: {
  store: Store
  listId: string
  publicUrl: string
  signingKeyOf: (issuerId: string) => SigningKey
  now: Date
}): Promise<string> {
  const { db } = options.store
  const list = await db.selectFrom('status_lists').selectAll().where('id', '=', options.listId).executeTakeFirst()
  if (!list) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such status list' })
  const cached = await db.selectFrom('status_list_tokens').selectAll().where('list_id', '=', list.id).executeTakeFirst()
  const fresh = (built: string) => options.now.getTime() - new Date(built).getTime() < (ttlSeconds * 1000) / 2
  if (cached && cached.version === list.version && fresh(cached.built_at)) return cached.token

  const statusList = createStatusList({ size: list.size, bits: list.bits as 2 })
  const entries = await db
    .selectFrom('issued_credentials')
    .select(['list_index', 'status'])
    .where('list_id', '=', list.id)
    .where('status', '!=', StatusType.VALID)
    .execute()
  for (const entry of entries) setStatus(statusList, entry.list_index, entry.status)
  const token = await signStatusListToken({
    uri: statusListUri(options.publicUrl, list.id),
    list: statusList,
    signingKey: options.signingKeyOf(list.issuer_id),
    now: options.now,
    ttlSeconds,
    // An offline verifier may rely on a list it fetched for three days (docs/verifier.md).
    validitySeconds: 72 * 3600,
  })
  const row = { list_id: list.id, version: list.version, token, built_at: options.now.toISOString() }
  await db
    .insertInto('status_list_tokens')
    .values(row)
    .onConflict((c) =>
      c.column('list_id').doUpdateSet({ version: row.version, token: row.token, built_at: row.built_at }),
    )
    .execute()
  return token
}

/** The current status of one entry, read straight from the database (for this instance's own lists). */
export async function findLocalStatus(store: Store, listId: string, idx: number): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('issued_credentials')
    .select('status')
    .where('list_id', '=', listId)
    .where('list_index', '=', idx)
    .executeTakeFirst()
  return row?.status
}
