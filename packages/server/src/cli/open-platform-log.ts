import { randomBytes } from 'node:crypto'
import { createEcdsaNoteSigner, openTransparencyLog, type TransparencyLog, tagSubject } from '@polis/transparency-log'
import type { Platform } from '../platform/create-platform.ts'

/** The platform key that signs the log's checkpoints. */
const logKeyId = 'transparency-log'
/** Where the key that hashes citizens' identifiers into the log is kept, sealed. */
const subjectKeyName = 'tlog.subject-key'

export interface PlatformLog {
  log: TransparencyLog
  /** The log's verifier key (c2sp.org/signed-note), all an offline verifier needs. */
  verifierKey: string
  /** The keyed hash a citizen's identifier is logged as. */
  tagCitizen(citizenId: string): Promise<string>
}

/**
 * The instance's transparency log: its origin is the public host with `/log`, its
 * checkpoints are signed with a P-256 key kept (sealed) with the platform's other keys,
 * made on first use.
 */
export async function openPlatformLog(platform: Platform): Promise<PlatformLog> {
  const { keys, store } = platform
  const publicJwk = (await keys.findPublicKey(logKeyId)) ?? (await keys.generate(logKeyId))
  const origin = `${new URL(platform.publicUrl).host}/log`
  const { signer, verifierKey } = createEcdsaNoteSigner({ name: origin, publicJwk, sign: await keys.signer(logKeyId) })
  const log = await openTransparencyLog({ store, origin, signer, now: platform.now })
  let subjectKey: Buffer | undefined
  return {
    log,
    verifierKey,
    async tagCitizen(citizenId) {
      if (!subjectKey) {
        await store.db
          .insertInto('meta')
          .values({ key: subjectKeyName, value: keys.seal(randomBytes(32).toString('hex'), subjectKeyName) })
          .onConflict((c) => c.column('key').doNothing())
          .execute()
        const row = await store.db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', subjectKeyName)
          .executeTakeFirstOrThrow()
        subjectKey = Buffer.from(keys.unseal(row.value, subjectKeyName), 'hex')
      }
      return tagSubject({ key: subjectKey, citizenId })
    },
  }
}
