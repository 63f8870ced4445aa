import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { type Config, PolisError } from '@polis/kernel'

function decodeKey(text: string, source: string): Uint8Array {
  const trimmed = text.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (bytes.length !== 32) {
    throw new PolisError('ERR_CONFIG_INVALID', { detail: `${source} must hold 32 bytes, as 64 hex digits or base64` })
  }
  return new Uint8Array(bytes)
}

/**
 * The key that seals private keys at rest: from POLIS_KEY_ENCRYPTION_KEY, else from
 * POLIS_KEY_FILE, else from a file in the data directory that a demo instance makes
 * on first start (with a warning: a real instance keeps this key away from its data).
 */
export function loadKeyEncryptionKey(config: Config, warn: (message: string) => void): Uint8Array {
  const found = findKeyEncryptionKey(config)
  if (found.key) return found.key
  const { file } = found
  if (config.POLIS_KEY_FILE)
    throw new PolisError('ERR_CONFIG_INVALID', { detail: `POLIS_KEY_FILE ${file} does not exist` })
  mkdirSync(dirname(file), { recursive: true })
  const key = randomBytes(32)
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 })
  warn(
    `Generated a demo key-encryption key in ${file}. It sits beside the data it protects: ` +
      'in production set POLIS_KEY_ENCRYPTION_KEY or POLIS_KEY_FILE from a secret store.',
  )
  return new Uint8Array(key)
}

/**
 * The key-encryption key the instance is configured with, if any, without making one; `file`
 * is where the key is read from when the environment does not give it (for `polis restore`,
 * which writes the backup's key there).
 */
export function findKeyEncryptionKey(
  config: Config,
): { key: Uint8Array; file: string | undefined } | { key: undefined; file: string } {
  if (config.POLIS_KEY_ENCRYPTION_KEY) {
    return { key: decodeKey(config.POLIS_KEY_ENCRYPTION_KEY, 'POLIS_KEY_ENCRYPTION_KEY'), file: undefined }
  }
  const file = config.POLIS_KEY_FILE ?? join(config.POLIS_DATA_DIR, 'key-encryption.key')
  return existsSync(file) ? { key: decodeKey(readFileSync(file, 'utf8'), file), file } : { key: undefined, file }
}
