import { readFileSync } from 'node:fs'
import { PolisError } from '@polis/kernel'

/** Largest file or standard input the CLI reads: far above any credential. */
const maxInputBytes = 4 * 1024 * 1024

/** Reads a whole file, refusing missing and oversized ones with a stable code. */
export function readInputFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new PolisError('ERR_NOT_FOUND', { detail: `cannot read ${path}`, cause })
  }
  if (text.length > maxInputBytes) throw new PolisError('ERR_TOO_LARGE')
  return text.trim()
}

/** Reads standard input to its end. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length
    if (size > maxInputBytes) throw new PolisError('ERR_TOO_LARGE')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8').trim()
}

/** Parses a JSON file that must hold a JSON object. */
export function readJsonObject(path: string): Record<string, unknown> {
  const text = readInputFile(path)
  try {
    const value = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value
  } catch {}
  throw new PolisError('ERR_MALFORMED', { detail: `${path} does not hold a JSON object` })
}
