/** The signature formats the platform makes (docs/signatures.md). */
export const signatureFormats = ['PAdES', 'CAdES', 'JAdES'] as const
export type SignatureFormat = (typeof signatureFormats)[number]

/** A signing request as the wallet reads it: `GET /api/wallet/signing-requests/:id`. */
export interface SigningRequest {
  id: string
  state: 'waiting' | 'signed' | 'declined' | 'expired'
  controlCode: string
  expiresAt: string
  requester: { name: string; kind: 'portal' | 'business' }
  purpose: string | null
  document: { name: string; mediaType: string; size: number; sha256: string }
  format: SignatureFormat
  /** base64url: the bytes the signing key signs. */
  toBeSigned: string
  /** base64url: the SHA-256 that `toBeSigned` must carry. */
  digest: string
}

const states = ['waiting', 'signed', 'declined', 'expired'] as const
const kinds = ['portal', 'business'] as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const oneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  (options as readonly unknown[]).includes(value)

/**
 * Checks the platform's answer has every field the signing screen shows or checks, so
 * that nothing on it is guessed; answers undefined when one is missing or of the wrong kind.
 */
export function readSigningRequest(value: unknown): SigningRequest | undefined {
  if (!isRecord(value) || !isRecord(value.requester) || !isRecord(value.document)) return undefined
  const { id, state, controlCode, expiresAt, requester, purpose, document, format, toBeSigned, digest } = value
  if (!isString(id) || !oneOf(states, state) || !isString(controlCode) || !isString(expiresAt)) return undefined
  if (!isString(requester.name) || !oneOf(kinds, requester.kind)) return undefined
  if (purpose !== null && purpose !== undefined && !isString(purpose)) return undefined
  const { name, mediaType, size, sha256 } = document
  if (!isString(name) || !isString(mediaType) || typeof size !== 'number' || !isString(sha256)) return undefined
  if (!oneOf(signatureFormats, format) || !isString(toBeSigned) || !isString(digest)) return undefined
  return {
    id,
    state,
    controlCode,
    expiresAt,
    requester: { name: requester.name, kind: requester.kind },
    purpose: purpose ?? null,
    document: { name, mediaType, size, sha256 },
    format,
    toBeSigned,
    digest,
  }
}
