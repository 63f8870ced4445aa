import { PolisError } from '@polis/kernel'
import { type CertificateStatus, checkSigner, type SignatureReport } from './cades.ts'
import { allowsNonRepudiation, signerOf } from './certificates.ts'
import { parseCertificate, sha256 } from './cms.ts'
import { createTimestampToken, type TimestampAuthority, verifyTimestampToken } from './timestamp.ts'
import { type ChainCheck, verifyEcdsaRaw } from './verify-chain.ts'

/** ETSI TS 119 182-1, section 5.2.8.3.3: the detached document named by URI and hash. */
const objectIdByUriHash = 'http://uri.etsi.org/19182/ObjectIdByURIHash'
const maxSignatureBytes = 64 * 1024

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const encoder = new TextEncoder()

/** The protected header of a detached JAdES signature over one document. */
interface JadesHeader {
  alg: 'ES256'
  'x5t#S256': string
  x5c: string[]
  sigT: string
  sigD: { mId: string; pars: string[]; hashM: 'S256'; hashV: string[]; ctys?: string[] }
  crit: string[]
}

/**
 * What the citizen's key signs for a detached JAdES signature (ETSI TS 119 182-1,
 * baseline B-B): the protected header, naming the document by its name and SHA-256
 * (`sigD`, ObjectIdByURIHash), the certificate (`x5c`, `x5t#S256`) and the claimed
 * time (`sigT`), followed by an empty payload.
 */
export function prepareJades(options: {
  documentName: string
  mediaType: string
  digest: Uint8Array
  certificates: Uint8Array[]
  signingTime: Date
}): { protectedHeader: string; signedBytes: Uint8Array } {
  const header: JadesHeader = {
    alg: 'ES256',
    'x5t#S256': b64url(sha256(options.certificates[0] as Uint8Array)),
    x5c: options.certificates.map((c) => Buffer.from(c).toString('base64')),
    sigT: `${options.signingTime.toISOString().slice(0, 19)}Z`,
    sigD: {
      mId: objectIdByUriHash,
      pars: [encodeURIComponent(options.documentName)],
      hashM: 'S256',
      hashV: [b64url(options.digest)],
      ctys: [options.mediaType],
    },
    crit: ['sigT', 'sigD'],
  }
  const protectedHeader = b64url(encoder.encode(JSON.stringify(header)))
  return { protectedHeader, signedBytes: encoder.encode(`${protectedHeader}.`) }
}

/**
 * The JAdES signature in JWS JSON serialization, flattened, with no payload member
 * (RFC 7515, appendix F), time-stamped to level B-T: the token, over the ASCII of the
 * base64url signature value, goes in the unprotected `etsiU` header as `sigTst`.
 */
export async function finishJades(options: {
  protectedHeader: string
  signature: Uint8Array
  certificate: Uint8Array
  timestampAuthority: TimestampAuthority
  now: Date
}): Promise<string> {
  const signedBytes = encoder.encode(`${options.protectedHeader}.`)
  if (!verifyEcdsaRaw(options.certificate, signedBytes, options.signature)) {
    throw new PolisError('ERR_SIGNER_SIGNATURE_INVALID', { detail: 'the wallet’s signature does not verify' })
  }
  const signature = b64url(options.signature)
  const token = await createTimestampToken({
    authority: options.timestampAuthority,
    data: encoder.encode(signature),
    genTime: options.now,
  })
  const jws = {
    protected: options.protectedHeader,
    header: { etsiU: [{ sigTst: { tstTokens: [{ val: Buffer.from(token).toString('base64') }] } }] },
    signature,
  }
  return `${JSON.stringify(jws, null, 2)}\n`
}

/** Whether bytes look like a JAdES JSON signature (rather than DER CMS). */
export function isJades(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.subarray(0, 64)).toString('utf8').trimStart()
  return start.startsWith('{')
}

const malformed = (detail: string) => new PolisError('ERR_MALFORMED', { detail })

function readJson(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > maxSignatureBytes) throw new PolisError('ERR_TOO_LARGE', { detail: 'the signature is too large' })
  try {
    const value = JSON.parse(Buffer.from(bytes).toString('utf8'))
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object')
    return value
  } catch {
    throw malformed('the JAdES signature is not JSON')
  }
}

function fromB64url(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) throw malformed(`${what} is not base64url`)
  return new Uint8Array(Buffer.from(value, 'base64url'))
}

/**
 * Checks a detached JAdES signature of `document`: header and critical parameters, the
 * document's hash in `sigD`, the signature by `x5c`'s first certificate (also named by
 * `x5t#S256`), the time-stamp in `etsiU`, then the certificate as for every format.
 */
export async function verifyJades(options: {
  signature: Uint8Array
  document: Uint8Array
  checkChain: ChainCheck
  status: CertificateStatus
  now: Date
}): Promise<SignatureReport> {
  const jws = readJson(options.signature)
  const report: SignatureReport = { valid: false, format: 'JAdES', level: 'B-B' }
  try {
    const token = timestampTokenOf(jws)
    if (token) report.level = 'B-T'
    if ('payload' in jws && jws.payload !== '') throw malformed('a detached JAdES signature has no payload')
    const protectedHeader = typeof jws.protected === 'string' ? jws.protected : ''
    let header: Partial<JadesHeader>
    try {
      header = JSON.parse(Buffer.from(fromB64url(protectedHeader, 'the protected header')).toString('utf8'))
    } catch (cause) {
      throw cause instanceof PolisError ? cause : malformed('the protected header is not JSON')
    }
    if (header.alg !== 'ES256') throw new PolisError('ERR_UNSUPPORTED_ALGORITHM', { detail: 'only ES256' })
    const understood = ['sigT', 'sigD']
    if (!Array.isArray(header.crit) || !header.crit.every((name) => understood.includes(name))) {
      throw malformed('the signature has critical parameters this verifier does not know')
    }
    const sigD = header.sigD
    if (!sigD || sigD.mId !== objectIdByUriHash || sigD.hashM !== 'S256' || sigD.hashV?.length !== 1) {
      throw malformed('the signature does not name one document by its SHA-256')
    }
    report.documentName = decodeName(sigD.pars?.[0])
    if (sigD.hashV[0] !== b64url(sha256(options.document))) {
      throw new PolisError('ERR_DOCUMENT_CHANGED', { detail: 'the document’s hash is not the one signed' })
    }
    if (!Array.isArray(header.x5c) || header.x5c.length === 0) throw malformed('no certificate in x5c')
    const certificates = header.x5c.map((c) => new Uint8Array(Buffer.from(String(c), 'base64')))
    const certificate = certificates[0] as Uint8Array
    const parsed = parseCertificate(certificate)
    report.signer = {
      ...signerOf(certificate),
      certificateSerial: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex'),
      issuer: parsed.issuer.typesAndValues.map((t) => t.value.valueBlock.value).join(', '),
    }
    if (header['x5t#S256'] !== b64url(sha256(certificate))) {
      throw new PolisError('ERR_SIGNER_SIGNATURE_INVALID', { detail: 'x5t#S256 does not name the certificate' })
    }
    const signatureValue = typeof jws.signature === 'string' ? jws.signature : ''
    const signature = fromB64url(signatureValue, 'the signature')
    if (!verifyEcdsaRaw(certificate, encoder.encode(`${protectedHeader}.`), signature)) {
      throw new PolisError('ERR_SIGNER_SIGNATURE_INVALID', { detail: 'the signature does not verify' })
    }
    if (typeof header.sigT === 'string') report.claimedSigningTime = new Date(header.sigT).toISOString()
    options.checkChain(certificate, certificates)
    let at = options.now
    if (token) {
      const timestamp = verifyTimestampToken({
        token,
        data: encoder.encode(signatureValue),
        checkChain: options.checkChain,
      })
      at = timestamp.genTime
      report.timestampedAt = at.toISOString()
      report.timestampAuthority = signerOf(timestamp.authority).name
    }
    if (!allowsNonRepudiation(certificate)) {
      throw new PolisError('ERR_SIGNER_UNTRUSTED', { detail: 'not a certificate for signatures' })
    }
    await checkSigner({ certificate, pool: certificates, at, report, ...options })
    report.valid = true
  } catch (error) {
    if (!(error instanceof PolisError)) throw error
    report.error = error
  }
  return report
}

function decodeName(value: unknown): string {
  try {
    return decodeURIComponent(String(value ?? ''))
  } catch {
    throw malformed('the document name is not a URI component')
  }
}

function timestampTokenOf(jws: Record<string, unknown>): Uint8Array | undefined {
  const header = jws.header as { etsiU?: unknown } | undefined
  if (!header || !Array.isArray(header.etsiU)) return undefined
  for (const entry of header.etsiU) {
    const tokens = (entry as { sigTst?: { tstTokens?: Array<{ val?: unknown }> } })?.sigTst?.tstTokens
    const value = tokens?.[0]?.val
    if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'))
  }
  return undefined
}
