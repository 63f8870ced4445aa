import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { isPolisError, messageOf, PolisError } from '@polis/kernel'
import {
  auditTransparencyLog,
  ConsistencyProofBundle,
  EntryProofBundle,
  parseLogEntry,
  parseVerifierKey,
  verifyCheckpointConsistency,
  verifyEntryProof,
} from '@polis/transparency-log'
import { z } from 'zod'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command, CommandContext } from './command.ts'
import { witness, witnessKey } from './log-witness-command.ts'
import { openPlatformLog } from './open-platform-log.ts'
import { readStdin } from './read-input.ts'

const usage = [
  'polis log key                                   print the log’s verifier key',
  'polis log append [FILE]                         append entries (a JSON array, or one object a line) from FILE or stdin',
  'polis log checkpoint                            sign a checkpoint of the log as it is, and print the latest',
  'polis log proof --index I                       print an entry and its tlog-proof against the latest checkpoint',
  'polis log proof --old-size M [--new-size N]     print two checkpoints and the consistency proof between them',
  'polis log verify --key VKEY|--key-file F [--entry F --proof F | --old F --new F --consistency F] [< bundle.json]',
  '                 [--witness-key VKEY ... [--quorum N]]',
  '                                                check a proof offline: exit 0 when it holds, 1 when not;',
  '                                                with witness keys, N of them (all by default) must have cosigned',
  'polis log witness-key --name NAME --out FILE    make a witness’s Ed25519 key, print its key for POLIS_LOG_WITNESSES',
  'polis log witness --log URL --key FILE [--state FILE] [--log-key VKEY] [--every S] [--once]',
  '                                                witness a log: cosign each new checkpoint consistent with the last seen',
  'polis log audit                                 recompute the stored log and check it against its signed checkpoints',
  '  An entry: {"kind","at","actor","counterpart","service","purpose","hashes"}; "citizen" is logged as a keyed hash.',
].join('\n')

const NamesCitizen = z.looseObject({ citizen: z.string().min(1) })

/** Reads a file as it is (a signed note ends in a newline that must stay). */
function readRaw(path: string): string {
  try {
    const text = readFileSync(path, 'utf8')
    if (text.length > 4 * 1024 * 1024) throw new PolisError('ERR_TOO_LARGE')
    return text
  } catch (cause) {
    if (isPolisError(cause)) throw cause
    throw new PolisError('ERR_NOT_FOUND', { detail: `cannot read ${path}`, cause })
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: `${what} is not JSON`, cause })
  }
}

/** Entries from a JSON array, one object, or JSON lines. */
function readEntries(text: string): unknown[] {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    const value = parseJson(trimmed, 'the input')
    return Array.isArray(value) ? value : [value]
  }
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => parseJson(line, `line ${i + 1}`))
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** Checks a proof offline and says what holds; never opens the database. */
async function verify(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      'key-file': { type: 'string' },
      entry: { type: 'string' },
      proof: { type: 'string' },
      old: { type: 'string' },
      new: { type: 'string' },
      consistency: { type: 'string' },
      'witness-key': { type: 'string', multiple: true },
      quorum: { type: 'string' },
    },
  })
  const vkey = values.key ?? (values['key-file'] ? readRaw(values['key-file']).trim() : undefined)
  if (!vkey) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the log’s key is needed: --key or --key-file' })
  try {
    const verifier = parseVerifierKey(vkey)
    const witnessKeys = values['witness-key'] ?? []
    const quorum = values.quorum === undefined ? witnessKeys.length : Number(values.quorum)
    const quorumValid = Number.isInteger(quorum) && quorum >= 1 && quorum <= witnessKeys.length
    if (!quorumValid && (witnessKeys.length > 0 || values.quorum !== undefined)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: '--quorum is between 1 and the number of --witness-key' })
    }
    const witnesses =
      witnessKeys.length > 0
        ? { witnesses: { verifiers: witnessKeys.map((key) => parseVerifierKey(key)), quorum } }
        : {}
    let input: unknown
    if (values.entry || values.proof) {
      if (!values.entry || !values.proof) throw new PolisError('ERR_BAD_REQUEST', { detail: '--entry with --proof' })
      input = { entry: parseJson(readRaw(values.entry), values.entry), proof: readRaw(values.proof) }
    } else if (values.old || values.new || values.consistency) {
      if (!values.old || !values.new || !values.consistency) {
        throw new PolisError('ERR_BAD_REQUEST', { detail: '--old, --new and --consistency together' })
      }
      const consistency = readRaw(values.consistency)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
      input = { old: readRaw(values.old), new: readRaw(values.new), consistency }
    } else {
      input = parseJson(await readStdin(), 'standard input')
    }
    const asEntry = EntryProofBundle.safeParse(input)
    if (asEntry.success) {
      const verified = verifyEntryProof({ ...asEntry.data, verifier, ...witnesses })
      const { checkpoint, entry } = verified
      console.log(
        `✓ checkpoint of ${checkpoint.origin} signed by its key: ${checkpoint.size} entries, root ${base64(checkpoint.root)}`,
      )
      if (verified.witnessedBy.length > 0) console.log(`✓ cosigned by ${verified.witnessedBy.join(', ')}`)
      const parties = [entry.actor, entry.counterpart].filter(Boolean).join(' → ')
      const why = [entry.service, entry.purpose].filter(Boolean).join(', ')
      console.log(
        `✓ entry ${verified.index} is in the log: ${entry.kind} at ${entry.at}, ${parties}${why ? ` (${why})` : ''}`,
      )
      return 0
    }
    const asConsistency = ConsistencyProofBundle.safeParse(input)
    if (asConsistency.success) {
      const verified = verifyCheckpointConsistency({ ...asConsistency.data, verifier, ...witnesses })
      console.log(`✓ both checkpoints of ${verified.new.origin} are signed by its key`)
      if (verified.new.witnessedBy.length > 0) console.log(`✓ cosigned by ${verified.new.witnessedBy.join(', ')}`)
      console.log(
        `✓ the log of ${verified.new.size} entries extends the log of ${verified.old.size}: nothing before was changed or removed`,
      )
      return 0
    }
    throw new PolisError('ERR_MALFORMED', {
      detail: 'expected {"entry","proof"} or {"old","new","consistency"}',
    })
  } catch (error) {
    if (!isPolisError(error)) throw error
    console.log(`✗ ${error.code}: ${messageOf(error.code)}${error.detail ? ` (${error.detail})` : ''}`)
    return 1
  }
}

async function withLog(context: CommandContext, verb: string, args: string[]): Promise<number> {
  const platform = await createPlatform({ config: context.config })
  try {
    const { log, verifierKey, tagCitizen } = await openPlatformLog(platform)
    if (verb === 'key') {
      console.log(verifierKey)
      return 0
    }
    if (verb === 'append') {
      const text = args[0] ? readRaw(args[0]) : await readStdin()
      const entries = []
      for (const raw of readEntries(text)) {
        // A citizen named in clear is logged only as the keyed hash of their identifier.
        const named = NamesCitizen.safeParse(raw)
        if (named.success) {
          const { citizen, ...rest } = named.data
          entries.push(parseLogEntry({ ...rest, subject: await tagCitizen(citizen) }))
        } else entries.push(parseLogEntry(raw))
      }
      console.log(JSON.stringify(await log.append(entries)))
      return 0
    }
    if (verb === 'checkpoint') {
      await log.checkpointIfDue({ force: true })
      process.stdout.write((await log.latestCheckpoint())?.note ?? '')
      return 0
    }
    if (verb === 'proof') {
      const { values } = parseArgs({
        args,
        options: { index: { type: 'string' }, 'old-size': { type: 'string' }, 'new-size': { type: 'string' } },
      })
      const number = (text: string, name: string) => {
        if (!/^(0|[1-9][0-9]*)$/.test(text)) throw new PolisError('ERR_BAD_REQUEST', { detail: `${name} is a number` })
        return Number(text)
      }
      if (values.index !== undefined) {
        console.log(JSON.stringify(await log.proveEntry(number(values.index, '--index')), null, 2))
        return 0
      }
      if (values['old-size'] !== undefined) {
        const older = await log.findCheckpoint(number(values['old-size'], '--old-size'))
        const newer =
          values['new-size'] !== undefined
            ? await log.findCheckpoint(number(values['new-size'], '--new-size'))
            : await log.latestCheckpoint()
        if (!older || !newer)
          throw new PolisError('ERR_NOT_FOUND', { detail: 'the log signed no checkpoint of that size' })
        const path = await log.proveConsistency({ oldSize: older.size, newSize: newer.size })
        console.log(JSON.stringify({ old: older.note, new: newer.note, consistency: path.map(base64) }, null, 2))
        return 0
      }
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis log proof --index I | --old-size M' })
    }
    // audit
    const audit = await auditTransparencyLog({ store: platform.store, verifier: parseVerifierKey(verifierKey) })
    for (const problem of audit.problems) console.log(`✗ ${problem}`)
    if (audit.problems.length === 0) {
      console.log(`✓ ${audit.size} entries make the roots of all ${audit.checkpoints} signed checkpoints`)
      return 0
    }
    return 1
  } finally {
    await platform.close()
  }
}

export const logCommand: Command = {
  summary: 'The transparency log: append, checkpoint, prove, verify offline, audit, witness',
  usage,
  async run(context) {
    const [verb = '', ...rest] = context.args
    if (verb === 'verify') return verify(rest)
    if (verb === 'witness-key') return witnessKey(rest)
    if (verb === 'witness') return witness(rest)
    if (!['key', 'append', 'checkpoint', 'proof', 'audit'].includes(verb)) {
      throw new PolisError('ERR_BAD_REQUEST', {
        detail: 'polis log key|append|checkpoint|proof|verify|audit|witness-key|witness',
      })
    }
    return withLog(context, verb, rest)
  },
}
