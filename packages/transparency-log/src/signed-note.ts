import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { PolisError, type PublicJwk, rawSignatureToDer, type Sign } from '@polis/kernel'

/**
 * Signed notes (c2sp.org/signed-note): a text, a blank line, and lines
 * `— <key name> base64(key ID || signature)`. Checkpoints are notes; witnesses add
 * their cosignatures as more lines. Three signature types are read: Ed25519 (0x01)
 * and ECDSA over SHA-256 with the key in SPKI (0x02, as Sigstore's Rekor and the
 * transparency-dev witness sign); the platform signs with the second, its keys being P-256.
 */

/** Checks one key's signatures over a note's text. */
export interface NoteVerifier {
  name: string
  /** The 32-bit key ID the signature lines carry. */
  keyId: number
  verify(text: Uint8Array, signature: Uint8Array): boolean
}

/** Signs a note's text with one key. */
export interface NoteSigner {
  name: string
  keyId: number
  sign(text: Uint8Array): Promise<Uint8Array>
}

const ed25519Type = 0x01
const ecdsaType = 0x02
/** An Ed25519 cosignature (c2sp.org/tlog-cosignature): a timestamp and a signature over `cosignature/v1`. */
const cosignatureType = 0x04
/** The SPKI prefix of an Ed25519 public key: the 32 bytes of the key follow it. */
const ed25519SpkiPrefix = Buffer.from('302a300506032b6570032100', 'hex')
/** More than a note with the log's signature and a quorum of witnesses ever carries. */
const maxSignatures = 100
const dash = '— '

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name)) {
    throw new PolisError('ERR_MALFORMED', { detail: 'a note key name is non-empty, without spaces or +' })
  }
}

/** The key ID c2sp.org/signed-note recommends: SHA-256(name || 0x0A || type || public key)[:4]. */
function recommendedKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return sha256(Buffer.from(`${name}\n`), Buffer.from([type]), publicKey).readUInt32BE(0)
}

/** The key ID of an ECDSA (0x02) key: the first four bytes of the SHA-256 of its SPKI. */
function ecdsaKeyId(spki: Uint8Array): number {
  return sha256(spki).readUInt32BE(0)
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0')

/** Parses a verifier key `<name>+<hex key ID>+base64(type || public key)` (c2sp.org/signed-note). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const malformed = (why: string) => new PolisError('ERR_MALFORMED', { detail: `the verifier key ${why}` })
  // The base64 of the key may itself hold a +: only the first two separate parts.
  const [name = '', idHex = '', ...rest] = vkey.trim().split('+')
  const encoded = rest.join('+')
  if (rest.length === 0) throw malformed('has not three parts joined by +')
  checkKeyName(name)
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw malformed('has no 8-digit hex key ID')
  const bytes = Buffer.from(encoded, 'base64')
  if (bytes.length < 2 || bytes.toString('base64') !== encoded) throw malformed('is not base64')
  const type = bytes[0]
  const material = bytes.subarray(1)
  let key: KeyObject
  let keyId: number
  let check: (text: Uint8Array, signature: Uint8Array) => boolean
  try {
    if (type === ed25519Type || type === cosignatureType) {
      if (material.length !== 32) throw malformed('holds an Ed25519 key of the wrong length')
      key = createPublicKey({ key: Buffer.concat([ed25519SpkiPrefix, material]), format: 'der', type: 'spki' })
      keyId = recommendedKeyId(name, type, material)
      check =
        type === ed25519Type
          ? (text, signature) => signature.length === 64 && verify(null, text, key, signature)
          : (text, signature) => {
              const time = Buffer.from(signature).readBigUInt64BE(0)
              return (
                signature.length === 72 &&
                time < 2n ** 63n &&
                verify(null, cosignedMessage(text, time), key, signature.subarray(8))
              )
            }
    } else if (type === ecdsaType) {
      key = createPublicKey({ key: material, format: 'der', type: 'spki' })
      if (key.asymmetricKeyType !== 'ec') throw malformed('of type 0x02 holds no ECDSA key')
      keyId = ecdsaKeyId(material)
      // DER, node:crypto's own form: the key given bare (an options object costs it two throws a call).
      check = (text, signature) => verify('sha256', text, key, signature)
    } else {
      throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: `note signature type ${type}` })
    }
  } catch (cause) {
    if (cause instanceof PolisError) throw cause
    throw malformed('holds no readable public key')
  }
  if (hex8(keyId) !== idHex) throw malformed('has a key ID that does not match its key')
  return {
    name,
    keyId,
    verify: (text, signature) => {
      try {
        return check(text, signature)
      } catch {
        return false
      }
    },
  }
}

/** A P-256 key as a note signer of type 0x02, with its verifier key: the signing stays behind `sign` (raw r||s). */
export function createEcdsaNoteSigner(options: { name: string; publicJwk: PublicJwk; sign: Sign }): {
  signer: NoteSigner
  verifierKey: string
} {
  checkKeyName(options.name)
  const { kty, crv, x, y } = options.publicJwk
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'the log signs with a P-256 key' })
  }
  const spki = createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' }).export({ type: 'spki', format: 'der' })
  const keyId = ecdsaKeyId(spki)
  return {
    signer: {
      name: options.name,
      keyId,
      sign: async (text) => rawSignatureToDer(await options.sign(text)),
    },
    verifierKey: `${options.name}+${hex8(keyId)}+${Buffer.concat([Buffer.from([ecdsaType]), spki]).toString('base64')}`,
  }
}

/**
 * What an Ed25519 cosignature signs (c2sp.org/tlog-cosignature): the line
 * `cosignature/v1`, the line `time <seconds>`, then the checkpoint's text.
 */
function cosignedMessage(text: Uint8Array, time: bigint): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${time}\n`), text])
}

/**
 * A witness's Ed25519 key as a cosigner (c2sp.org/tlog-cosignature, type 0x04): each
 * signature carries the time it was made, from `now`. Answers its verifier key too.
 */
export function createEd25519Cosigner(options: { name: string; privateKey: KeyObject; now: () => Date }): {
  signer: NoteSigner
  verifierKey: string
} {
  checkKeyName(options.name)
  if (options.privateKey.asymmetricKeyType !== 'ed25519') {
    throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'a witness cosigns with an Ed25519 key' })
  }
  const spki = createPublicKey(options.privateKey).export({ type: 'spki', format: 'der' })
  const material = spki.subarray(ed25519SpkiPrefix.length)
  const keyId = recommendedKeyId(options.name, cosignatureType, material)
  return {
    signer: {
      name: options.name,
      keyId,
      sign: async (text) => {
        const time = BigInt(Math.floor(options.now().getTime() / 1000))
        const stamp = Buffer.alloc(8)
        stamp.writeBigUInt64BE(time)
        return Buffer.concat([stamp, sign(null, cosignedMessage(text, time), options.privateKey)])
      },
    },
    verifierKey: `${options.name}+${hex8(keyId)}+${Buffer.concat([Buffer.from([cosignatureType]), material]).toString('base64')}`,
  }
}

/** The time a cosignature line says it was made, or undefined for another kind of line. */
export function cosignatureTime(line: string): Date | undefined {
  const bytes = Buffer.from(/^— \S+ ([A-Za-z0-9+/]+=*)$/u.exec(line)?.[1] ?? '', 'base64')
  return bytes.length === 76 ? new Date(Number(bytes.readBigUInt64BE(4)) * 1000) : undefined
}

function checkText(text: string, what: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these.
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new PolisError('ERR_CHECKPOINT_INVALID', { detail: `the ${what} holds a control character` })
  }
}

/** Signs a text (ending in a newline) into a note with one signature line a signer. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  if (!text.endsWith('\n')) throw new PolisError('ERR_MALFORMED', { detail: 'a note text ends in a newline' })
  checkText(text, 'note text')
  const bytes = Buffer.from(text, 'utf8')
  const lines: string[] = []
  for (const signer of signers) {
    const id = Buffer.alloc(4)
    id.writeUInt32BE(signer.keyId)
    const signature = Buffer.concat([id, await signer.sign(bytes)])
    lines.push(`${dash}${signer.name} ${signature.toString('base64')}\n`)
  }
  return `${text}\n${lines.join('')}`
}

/** A note whose signatures from known keys all hold, at least one of them. */
export interface OpenedNote {
  text: string
  /** The names of the known keys whose signatures were checked. */
  signedBy: string[]
  /** Those signatures' lines, verbatim (without the newline). */
  signedLines: string[]
  /** Signature lines from keys not known here (witnesses, say), kept verbatim. */
  otherSignatures: string[]
}

/**
 * Opens a signed note as c2sp.org/signed-note says: signatures from unknown keys are
 * ignored, a failed one from a known key rejects the note, and at least one known key
 * must have signed. ERR_CHECKPOINT_INVALID otherwise.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const invalid = (detail: string) => new PolisError('ERR_CHECKPOINT_INVALID', { detail })
  checkText(note, 'note')
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) throw invalid('the note has no blank line before its signatures')
  const text = note.slice(0, split + 1)
  const lines = note.slice(split + 2, -1).split('\n')
  if (lines.length > maxSignatures) throw invalid('the note has too many signatures')
  const textBytes = Buffer.from(text, 'utf8')
  const signedBy: string[] = []
  const signedLines: string[] = []
  const otherSignatures: string[] = []
  for (const line of lines) {
    const match = /^— (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line)
    if (!match) throw invalid('a signature line is malformed')
    const name = match[1] ?? ''
    const encoded = match[2] ?? ''
    const bytes = Buffer.from(encoded, 'base64')
    if (bytes.length < 5 || bytes.toString('base64') !== encoded) throw invalid('a signature is not base64')
    const keyId = bytes.readUInt32BE(0)
    const verifier = verifiers.find((v) => v.name === name && v.keyId === keyId)
    if (!verifier) {
      otherSignatures.push(line)
      continue
    }
    if (!verifier.verify(textBytes, bytes.subarray(4))) throw invalid(`the signature of ${name} does not verify`)
    signedBy.push(name)
    signedLines.push(line)
  }
  if (signedBy.length === 0) throw invalid('no known key signed the note')
  return { text, signedBy, signedLines, otherSignatures }
}
