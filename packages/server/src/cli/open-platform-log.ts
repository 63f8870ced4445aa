import { randomBytes } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import {
  createEcdsaNoteSigner,
  type NoteVerifier,
  openTransparencyLog,
  parseVerifierKey,
  type TransparencyLog,
  tagSubject,
} from '@polis/transparency-log'
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
  /** The witnesses whose cosignatures the log keeps (POLIS_LOG_WITNESSES). */
  witnesses: NoteVerifier[]
}

/** The witnesses' cosigner keys from the configuration; ERR_CONFIG_INVALID for one that is not. */
function configuredWitnesses(keys: string | undefined): NoteVerifier[] {
  return (keys ?? '')
    .split(/[\s,]+/)
    .filter((key) => key !== '')
    .map((key) => {
      try {
        return parseVerifierKey(key)
      } catch (cause) {
        throw new PolisError('ERR_CONFIG_INVALID', { detail: 'POLIS_LOG_WITNESSES holds a key that is not one', cause })
      }
    })
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
    witnesses: configuredWitnesses(platform.config.POLIS_LOG_WITNESSES),
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
