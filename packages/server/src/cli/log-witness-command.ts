/**
 * `polis log witness-key` and `polis log witness`: an independent witness of a Polis
 * transparency log, run by someone other than the log's operator, on another machine.
 * It opens no database: its key and what it saw are two files.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { isPolisError, messageOf, PolisError } from '@polis/kernel'
import { createEd25519Cosigner, parseVerifierKey } from '@polis/transparency-log'
import { z } from 'zod'
import { WitnessState, witnessOnce } from '../log/witness.ts'

/** A witness's key file: its name and its Ed25519 private key (PKCS #8 PEM). */
const WitnessKeyFile = z.object({ name: z.string().min(1), privateKey: z.string().min(1) }).strict()

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new PolisError('ERR_NOT_FOUND', { detail: `cannot read the ${what} ${path}`, cause })
  }
  try {
    return schema.parse(JSON.parse(text))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: `the ${what} ${path} is not one`, cause })
  }
}

/** Writes a file whole or not at all: a witness that stops mid-write keeps its last state. */
function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text, { mode: 0o600 })
  renameSync(`${path}.tmp`, path)
}

/** Makes a witness's key and prints its cosigner key, for the log's POLIS_LOG_WITNESSES. */
export function witnessKey(args: string[]): number {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, out: { type: 'string' } } })
  if (!values.name || !values.out) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis log witness-key --name NAME --out FILE' })
  }
  if (existsSync(values.out)) throw new PolisError('ERR_BAD_REQUEST', { detail: `${values.out} exists already` })
  const { privateKey } = generateKeyPairSync('ed25519')
  const { verifierKey } = createEd25519Cosigner({ name: values.name, privateKey, now: () => new Date() })
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  writeAtomically(values.out, `${JSON.stringify({ name: values.name, privateKey: pem }, null, 2)}\n`)
  console.log(verifierKey)
  return 0
}

/** Watches a log: every `--every` seconds (or `--once`) checks its new checkpoint and cosigns it. */
export async function witness(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      log: { type: 'string' },
      key: { type: 'string' },
      state: { type: 'string' },
      'log-key': { type: 'string' },
      every: { type: 'string', default: '10' },
      once: { type: 'boolean', default: false },
    },
  })
  if (!values.log || !values.key) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: 'polis log witness --log URL --key FILE [--state FILE] [--log-key VKEY] [--every S] [--once]',
    })
  }
  const every = Number(values.every)
  if (!Number.isInteger(every) || every < 1) throw new PolisError('ERR_BAD_REQUEST', { detail: '--every is seconds' })
  const logUrl = values.log
  const keyFile = readJson(values.key, WitnessKeyFile, 'witness key file')
  const cosigner = createEd25519Cosigner({
    name: keyFile.name,
    privateKey: createPrivateKey(keyFile.privateKey),
    now: () => new Date(),
  }).signer
  const statePath = values.state ?? `${values.key}.state.json`
  let state = existsSync(statePath) ? readJson(statePath, WitnessState, 'witness state') : undefined
  // The log's key as given, else as kept, else as the log says on first contact.
  let logKey = values['log-key'] ?? state?.logKey
  if (!logKey) {
    const response = await fetch(`${logUrl.replace(/\/+$/, '')}/log/key`)
    if (!response.ok) throw new PolisError('ERR_LOG_UNREACHABLE', { detail: `${logUrl}/log/key: ${response.status}` })
    logKey = (await response.text()).trim()
    console.log(`Trusting the log’s key on first contact: ${logKey}`)
  }
  if (state && state.logKey !== logKey) {
    throw new PolisError('ERR_CONFIG_INVALID', { detail: `${statePath} watches a log with another key` })
  }
  const logVerifier = parseVerifierKey(logKey)
  const round = async (): Promise<boolean> => {
    try {
      const result = await witnessOnce({
        logUrl,
        logKey: logKey as string,
        logVerifier,
        cosigner,
        state,
        save: (next) => {
          writeAtomically(statePath, `${JSON.stringify(next, null, 2)}\n`)
          state = next
        },
      })
      if (result.outcome === 'cosigned') {
        console.log(
          `✓ ${new Date().toISOString()} cosigned ${logVerifier.name} at ${result.size} (from ${result.from})`,
        )
      }
      return true
    } catch (error) {
      if (!isPolisError(error)) throw error
      console.log(`✗ ${new Date().toISOString()} ${error.code}: ${messageOf(error.code)} (${error.detail ?? ''})`)
      return false
    }
  }
  if (values.once) return (await round()) ? 0 : 1
  console.log(`Witnessing ${logUrl} as ${keyFile.name} every ${every} s; Ctrl+C to stop.`)
  await round()
  let running = false
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (running) return
      running = true
      void round().finally(() => {
        running = false
      })
    }, every * 1000)
    const stop = () => {
      clearInterval(timer)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
