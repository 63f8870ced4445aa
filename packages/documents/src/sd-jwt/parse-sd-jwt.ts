import { hash } from 'node:crypto'
import { fromBase64url, PolisError } from '@polis/kernel'
import { type ParsedJws, parseCompactJws } from '../jose/compact-jws.ts'

/** One disclosure (RFC 9901 section 4.2): the encoded string, its digest and what it reveals. */
export interface Disclosure {
  encoded: string
  digest: string
  salt: string
  /** Undefined for an array element disclosure. */
  name: string | undefined
  value: unknown
}

/** An SD-JWT taken apart: issuer-signed JWT, disclosures and, when present, the key-binding JWT. */
export interface ParsedSdJwt {
  jwt: ParsedJws
  disclosures: Disclosure[]
  keyBinding: ParsedJws | undefined
  /** The presentation up to and including the last `~`: what `sd_hash` covers (section 4.3.1). */
  sdHashInput: string
}

/** Largest SD-JWT accepted: a national document with a portrait is a few kilobytes. */
export const maxSdJwtLength = 256 * 1024

/** The base64url SHA-256 digest of a disclosure or presentation, as `_sd_alg: sha-256` prescribes. */
export function sha256Base64url(input: string): string {
  // The one-shot hash avoids a Hash object per digest: a presentation needs a dozen.
  return hash('sha256', input, 'base64url')
}

function parseDisclosure(encoded: string): Disclosure {
  const bytes = fromBase64url(encoded)
  if (!bytes) throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure is not base64url' })
  let array: unknown
  try {
    array = JSON.parse(bytes.toString('utf8'))
  } catch (cause) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure is not JSON', cause })
  }
  if (!Array.isArray(array) || typeof array[0] !== 'string') {
    throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure is not an array with a salt' })
  }
  const digest = sha256Base64url(encoded)
  if (array.length === 3) {
    const name = array[1]
    if (typeof name !== 'string' || name === '_sd' || name === '...') {
      throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure has a forbidden claim name' })
    }
    return { encoded, digest, salt: array[0], name, value: array[2] }
  }
  if (array.length === 2) return { encoded, digest, salt: array[0], name: undefined, value: array[1] }
  throw new PolisError('ERR_MALFORMED', { detail: 'a disclosure must have two or three elements' })
}

/** Splits an SD-JWT or SD-JWT+KB in compact form (RFC 9901 section 4) and parses every part. */
export function parseSdJwt(input: string): ParsedSdJwt {
  if (typeof input !== 'string' || input.length === 0) throw new PolisError('ERR_MALFORMED', { detail: 'empty SD-JWT' })
  if (input.length > maxSdJwtLength) throw new PolisError('ERR_TOO_LARGE')
  const parts = input.split('~')
  if (parts.length < 2) throw new PolisError('ERR_MALFORMED', { detail: 'an SD-JWT ends with ~ or a key-binding JWT' })
  const last = parts[parts.length - 1] as string
  const encodedDisclosures = parts.slice(1, -1)
  if (encodedDisclosures.some((d) => d.length === 0)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'empty disclosure' })
  }
  const jwt = parseCompactJws(parts[0] as string, 'issuer-signed JWT')
  return {
    jwt,
    disclosures: encodedDisclosures.map(parseDisclosure),
    keyBinding: last === '' ? undefined : parseCompactJws(last, 'key-binding JWT'),
    sdHashInput: input.slice(0, input.length - last.length),
  }
}
