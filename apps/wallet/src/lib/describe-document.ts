import type { Language } from '@polis/ui'
import { fromBase64url } from './base64url.ts'

/**
 * The start of a document's SHA-256 in hex, in groups of four (`3f2a 9c01 …`): enough for
 * the citizen to compare with what the other screen shows, short enough to read.
 */
export function fingerprintOf(sha256: string, length = 16): string {
  const hex = Array.from(fromBase64url(sha256), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return (
    hex
      .slice(0, length)
      .match(/.{1,4}/g)
      ?.join(' ') ?? ''
  )
}

/** A file's size as people write it, in the citizen's language: `512 bytes`, `12.3 kB`, `4.1 MB`. */
export function sizeOf(bytes: number, language: Language): string {
  const [value, unit] =
    bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte']
  // Bytes in full ("512 bytes"): English's short form ("512 byte") reads as a mistake.
  const unitDisplay = unit === 'byte' ? 'long' : 'short'
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }).format(value)
}
