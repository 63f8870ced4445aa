import { PolisError } from '@polis/kernel/errors'
import type { StatusBits, StatusList } from '../status-list/status-list.ts'
import { bytesOfBase64, hexOf, sha256, uuidPattern } from './qr-format.ts'
import { assertEs256, readCompactJws } from './read-signed-json.ts'
import type { QrTrust, QrTrustedIssuer } from './read-trust-list.ts'

/** A verified Token Status List, as a verifier caches it. */
export interface StatusSnapshot {
  uri: string
  /** The UUID that ends the URI, by which an in-person QR names its list. */
  listId: string
  /** The trusted issuer whose certificate signed it. */
  issuer: QrTrustedIssuer
  issuedAt: Date
  /** After this the list is not relied on (its `exp`); undefined when it has none. */
  expiresAt: Date | undefined
  list: StatusList
}

const maxTokenLength = 4 * 1024 * 1024
const maxListBytes = 16 * 1024 * 1024

/**
 * Verifies a Status List Token in JWT form (draft-ietf-oauth-status-list section 5.1)
 * with WebCrypto: signed by a certificate of the trust list (named in `x5c`), `sub` its
 * URI, `status_list.lst` a ZLIB stream inflated under a size cap. An expired token is
 * still returned; the verifier refuses to rely on it past `expiresAt`.
 */
export async function readStatusListToken(jwt: string, trust: QrTrust): Promise<StatusSnapshot> {
  const token = readCompactJws(jwt, { typ: 'statuslist+jwt', maxLength: maxTokenLength })
  const x5c = token.header.x5c
  const leaf = Array.isArray(x5c) && typeof x5c[0] === 'string' ? bytesOfBase64(x5c[0], 'base64') : undefined
  if (!leaf) throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the status list names no certificate' })
  const certificate = trust.certificates.get(hexOf(await sha256(leaf)))
  if (!certificate) throw new PolisError('ERR_UNTRUSTED_ISSUER', { detail: 'the status list signer is not trusted' })
  await assertEs256(certificate.key, token.signature, token.signingInput)
  const { sub, iat, exp, status_list: statusList } = token.payload as Record<string, unknown>
  if (typeof sub !== 'string' || typeof iat !== 'number' || (exp !== undefined && typeof exp !== 'number')) {
    throw new PolisError('ERR_MALFORMED', { detail: 'the status list token lacks sub or iat' })
  }
  const { bits, lst } = (statusList ?? {}) as { bits?: unknown; lst?: unknown }
  if ((bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) || typeof lst !== 'string') {
    throw new PolisError('ERR_MALFORMED', { detail: 'status_list must be { bits, lst }' })
  }
  const compressed = bytesOfBase64(lst, 'base64url')
  if (!compressed) throw new PolisError('ERR_MALFORMED', { detail: 'lst is not base64url' })
  const bytes = await inflate(compressed)
  const listId = sub.slice(sub.lastIndexOf('/') + 1)
  if (!uuidPattern.test(listId))
    throw new PolisError('ERR_MALFORMED', { detail: 'the status list URI does not end in a UUID' })
  return {
    uri: sub,
    listId,
    issuer: certificate.issuer,
    issuedAt: new Date(iat * 1000),
    expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : undefined,
    list: { bits: bits as StatusBits, size: (bytes.length * 8) / bits, bytes },
  }
}

/** Inflates a ZLIB stream (RFC 1950) with the platform's DecompressionStream, stopping at the size cap. */
async function inflate(compressed: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let length = 0
  try {
    const stream = new Blob([compressed as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate'))
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      length += chunk.length
      if (length > maxListBytes) throw new PolisError('ERR_TOO_LARGE', { detail: 'the status list inflates too far' })
      chunks.push(chunk)
    }
  } catch (cause) {
    if (cause instanceof PolisError) throw cause
    throw new PolisError('ERR_MALFORMED', { detail: 'lst is not a ZLIB stream', cause })
  }
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
