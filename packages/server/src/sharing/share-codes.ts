import { randomInt, randomUUID } from 'node:crypto'
import { presentationLifetimeSeconds, type QrCheck } from '@polis/documents/qr'
import { hashSecret, PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'

/** Digits of a share code: 10^8 numbers, of which only those of the last three minutes open anything. */
const codeDigits = 8
const maxTries = 5

/** A share code as the wallet shows it. */
export interface ShareCode {
  id: string
  code: string
  expiresAt: Date
}

/**
 * Leaves a checked in-person presentation behind a fresh one-time number, for an
 * inspector who cannot scan the QR: the code lasts as long as the presentation does
 * (three minutes from its making) and opens it once.
 */
export async function createShareCode(options: {
  store: Store
  deviceId: string
  presentation: string
  check: QrCheck
  now: Date
}): Promise<ShareCode> {
  const expiresAt = new Date(options.check.presentedAt.getTime() + presentationLifetimeSeconds * 1000)
  if (expiresAt <= options.now) throw new PolisError('ERR_PRESENTATION_EXPIRED')
  // Presentations nobody redeemed are erased once their time is up, not kept.
  await options.store.db
    .updateTable('share_codes')
    .set({ presentation: null })
    .where('expires_at', '<=', options.now.toISOString())
    .where('presentation', 'is not', null)
    .execute()
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const code = String(randomInt(10 ** codeDigits)).padStart(codeDigits, '0')
    const id = randomUUID()
    // An expired code's row gives its number back, so that numbers do not run out.
    await options.store.db
      .deleteFrom('share_codes')
      .where('code_hash', '=', hashSecret(code))
      .where('expires_at', '<=', options.now.toISOString())
      .execute()
    try {
      await options.store.db
        .insertInto('share_codes')
        .values({
          id,
          code_hash: hashSecret(code),
          device_id: options.deviceId,
          document_type: options.check.documentType,
          presentation: options.presentation,
          created_at: options.now.toISOString(),
          expires_at: expiresAt.toISOString(),
          redeemed_at: null,
        })
        .execute()
      return { id, code, expiresAt }
    } catch {
      // The number is in use by a live code: draw another.
    }
  }
  throw new PolisError('ERR_INTERNAL', { detail: 'no free share code' })
}

/**
 * Opens a share code once: marks it redeemed and erases the presentation in one step,
 * so that two verifiers racing for one code cannot both have it. An unknown, used or
 * expired code is the same ERR_SHARE_CODE_INVALID, which tells a guesser nothing.
 */
export async function redeemShareCode(options: { store: Store; code: string; now: Date }): Promise<string> {
  if (!/^\d{8}$/.test(options.code)) throw new PolisError('ERR_SHARE_CODE_INVALID')
  const now = options.now.toISOString()
  return options.store.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('share_codes')
      .select(['id', 'presentation'])
      .where('code_hash', '=', hashSecret(options.code))
      .where('redeemed_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (!row?.presentation) throw new PolisError('ERR_SHARE_CODE_INVALID')
    const updated = await tx
      .updateTable('share_codes')
      .set({ redeemed_at: now, presentation: null })
      .where('id', '=', row.id)
      .where('redeemed_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_SHARE_CODE_INVALID')
    return row.presentation
  })
}

/** Whether a device's code was redeemed yet, for the wallet to say so. */
export async function findShareCode(options: { store: Store; id: string; deviceId: string }) {
  const row = await options.store.db
    .selectFrom('share_codes')
    .select(['expires_at', 'redeemed_at'])
    .where('id', '=', options.id)
    .where('device_id', '=', options.deviceId)
    .executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND')
  return { expiresAt: row.expires_at, redeemedAt: row.redeemed_at }
}
