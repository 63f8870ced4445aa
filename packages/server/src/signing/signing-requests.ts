import { createPrivateKey, randomBytes, randomInt, sign as signWith } from 'node:crypto'
import { signCompactJws } from '@polis/documents'
import type { AuthenticatedDevice } from '@polis/identity'
import { derSignatureToRaw, epochSeconds, hashSecret, PolisError } from '@polis/kernel'
import { loadPolisIdSecrets } from '@polis/polis-id'
import {
  embedPdfSignature,
  finishCms,
  finishJades,
  isPdf,
  prepareCms,
  prepareJades,
  preparePdf,
  sha256,
  signerOf,
} from '@polis/signatures'
import type { SigningRequestTable } from '@polis/store'
import type { Platform } from '../platform/create-platform.ts'
import { activeSigningCertificate } from './signing-certificates.ts'

/** The formats Polis signs in. */
export const signatureFormats = ['PAdES', 'CAdES', 'JAdES'] as const
export type SignatureFormat = (typeof signatureFormats)[number]

/** Ten megabytes: contracts and applications, not archives. */
export const maxSigningDocumentBytes = 10 * 1024 * 1024
/** How long a request waits for the citizen's wallet. */
const requestSeconds = 15 * 60

/** Who asks for a signature: the citizen on the portal's page, or a business through the API. */
export type SigningRequester = { kind: 'portal'; browserSecret: string } | { kind: 'business'; clientId: string }

/** What the wallet is shown and signs. */
export interface WalletSigningRequest {
  id: string
  state: SigningState
  controlCode: string
  expiresAt: string
  requester: { name: string; kind: 'portal' | 'business' }
  purpose: string | null
  document: { name: string; mediaType: string; size: number; sha256: string }
  format: SignatureFormat
  toBeSigned: string
  digest: string
}

export type SigningState = 'waiting' | 'signed' | 'declined' | 'expired'

/** What was prepared for the phone: kept until its signature comes back. */
interface Prepared {
  signedBytes: string
  digest: string
  signingTime: string
  protectedHeader?: string
}

function stateOf(row: Pick<SigningRequestTable, 'signed_at' | 'declined_at' | 'expires_at'>, now: Date): SigningState {
  if (row.signed_at) return 'signed'
  if (row.declined_at) return 'declined'
  return new Date(row.expires_at) <= now ? 'expired' : 'waiting'
}

/** A file name as a name only: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200)
  return clean || 'document'
}

/**
 * A new signing request for a document: kept for fifteen minutes, with the control code
 * both screens show. PDFs are signed as PAdES unless another format is asked for;
 * other files as CAdES or JAdES (CAdES by default).
 */
export async function createSigningRequest(options: {
  platform: Platform
  requester: SigningRequester
  document: { name: string; mediaType: string; bytes: Uint8Array }
  format?: SignatureFormat
  purpose?: string
  callbackUrl?: string
}): Promise<{ id: string; controlCode: string; expiresAt: string; walletUrl: string }> {
  const { platform, document, requester } = options
  const now = platform.now()
  if (document.bytes.length === 0) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the document is empty' })
  if (document.bytes.length > maxSigningDocumentBytes) {
    throw new PolisError('ERR_TOO_LARGE', { detail: 'documents up to 10 MB can be signed' })
  }
  const pdf = isPdf(document.bytes)
  const format = options.format ?? (pdf ? 'PAdES' : 'CAdES')
  if (format === 'PAdES' && !pdf) {
    throw new PolisError('ERR_UNSUPPORTED_FORMAT', { detail: 'PAdES signs PDFs only; use CAdES or JAdES' })
  }
  if (format === 'PAdES' && Buffer.from(document.bytes).includes('/ByteRange')) {
    throw new PolisError('ERR_UNSUPPORTED_FORMAT', {
      detail: 'the PDF is signed already; sign it with a detached signature (CAdES or JAdES)',
    })
  }
  const id = randomBytes(18).toString('base64url')
  const controlCode = String(randomInt(10_000)).padStart(4, '0')
  const expiresAt = new Date(now.getTime() + requestSeconds * 1000).toISOString()
  await platform.store.db
    .insertInto('signing_requests')
    .values({
      id,
      requester_kind: requester.kind,
      client_id: requester.kind === 'business' ? requester.clientId : null,
      browser_secret_hash: requester.kind === 'portal' ? hashSecret(requester.browserSecret) : null,
      purpose: options.purpose?.slice(0, 300) ?? null,
      document_name: cleanName(document.name),
      media_type: document.mediaType.slice(0, 100) || 'application/octet-stream',
      document_size: document.bytes.length,
      document_sha256: Buffer.from(sha256(document.bytes)).toString('base64url'),
      document: Buffer.from(document.bytes).toString('base64'),
      format,
      control_code: controlCode,
      callback_url: options.callbackUrl ?? null,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      device_id: null,
      certificate_serial: null,
      prepared: null,
      prepared_document: null,
      citizen_id: null,
      signed_at: null,
      declined_at: null,
      result: null,
    })
    .execute()
  return { id, controlCode, expiresAt, walletUrl: `${platform.publicUrl}/wallet/#sign=${id}` }
}

async function findRequest(platform: Platform, id: string) {
  const row = await platform.store.db.selectFrom('signing_requests').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such signing request' })
  return row
}

async function requesterName(platform: Platform, row: SigningRequestTable): Promise<string> {
  if (row.requester_kind === 'business' && row.client_id) {
    const client = await platform.store.db
      .selectFrom('id_clients')
      .select('name')
      .where('id', '=', row.client_id)
      .executeTakeFirst()
    return client?.name ?? row.client_id
  }
  return `${platform.config.POLIS_COUNTRY_NAME} portal`
}

/**
 * The request as the wallet of `device` sees it, prepared for that phone's signing
 * certificate: the PDF's signature place reserved and hashed, the signed attributes or
 * the JAdES header built. Reading it again from the same phone gives the same bytes.
 */
export async function readForWallet(options: {
  platform: Platform
  id: string
  device: AuthenticatedDevice
}): Promise<WalletSigningRequest> {
  const { platform, device } = options
  const now = platform.now()
  const row = await findRequest(platform, options.id)
  const state = stateOf(row, now)
  if (state !== 'waiting' || !row.document) {
    throw new PolisError('ERR_SIGNING_NOT_PENDING', { detail: `the request is ${state}` })
  }
  const certificate = await activeSigningCertificate(platform, device.deviceId)
  if (!certificate) throw new PolisError('ERR_NO_SIGNING_CERTIFICATE')
  let prepared: Prepared
  if (row.prepared && row.device_id === device.deviceId && row.certificate_serial === certificate.serialNumber) {
    prepared = JSON.parse(row.prepared) as Prepared
  } else {
    const document = new Uint8Array(Buffer.from(row.document, 'base64'))
    const signingTime = now
    let preparedDocument: string | null = null
    if (row.format === 'PAdES') {
      const pdf = await preparePdf({
        pdf: document,
        signerName: certificate.subject,
        reason: `${platform.config.POLIS_COUNTRY_NAME}: ${await requesterName(platform, row)}`,
        location: platform.config.POLIS_COUNTRY_NAME,
        signingTime,
      })
      preparedDocument = Buffer.from(pdf.pdf).toString('base64')
      const signedBytes = prepareCms({ digest: pdf.digest, certificate: certificate.der })
      prepared = {
        signedBytes: Buffer.from(signedBytes).toString('base64url'),
        digest: Buffer.from(pdf.digest).toString('base64url'),
        signingTime: signingTime.toISOString(),
      }
    } else if (row.format === 'JAdES') {
      const digest = sha256(document)
      const jades = prepareJades({
        documentName: row.document_name,
        mediaType: row.media_type,
        digest,
        certificates: [certificate.der, platform.signing.caCertificate],
        signingTime,
      })
      prepared = {
        signedBytes: Buffer.from(jades.signedBytes).toString('base64url'),
        digest: Buffer.from(digest).toString('base64url'),
        signingTime: signingTime.toISOString(),
        protectedHeader: jades.protectedHeader,
      }
    } else {
      const digest = sha256(document)
      const signedBytes = prepareCms({ digest, certificate: certificate.der, signingTime })
      prepared = {
        signedBytes: Buffer.from(signedBytes).toString('base64url'),
        digest: Buffer.from(digest).toString('base64url'),
        signingTime: signingTime.toISOString(),
      }
    }
    await platform.store.db
      .updateTable('signing_requests')
      .set({
        device_id: device.deviceId,
        certificate_serial: certificate.serialNumber,
        prepared: JSON.stringify(prepared),
        prepared_document: preparedDocument,
      })
      .where('id', '=', row.id)
      .where('signed_at', 'is', null)
      .where('declined_at', 'is', null)
      .execute()
  }
  return {
    id: row.id,
    state,
    controlCode: row.control_code,
    expiresAt: row.expires_at,
    requester: { name: await requesterName(platform, row), kind: row.requester_kind as 'portal' | 'business' },
    purpose: row.purpose,
    document: {
      name: row.document_name,
      mediaType: row.media_type,
      size: row.document_size,
      sha256: row.document_sha256,
    },
    format: row.format as SignatureFormat,
    toBeSigned: prepared.signedBytes,
    digest: prepared.digest,
  }
}

/**
 * The wallet's signature: checked against the certificate it was prepared for, then
 * assembled, time-stamped and kept; the original document is dropped. Once only: a
 * second answer, or one from another phone, is ERR_SIGNING_NOT_PENDING.
 */
export async function completeSigning(options: {
  platform: Platform
  id: string
  device: AuthenticatedDevice
  signature: string
  log: (line: Record<string, unknown>) => void
}): Promise<{ state: 'signed'; signedAt: string }> {
  const { platform, device } = options
  const now = platform.now()
  const row = await findRequest(platform, options.id)
  if (stateOf(row, now) !== 'waiting' || !row.prepared || row.device_id !== device.deviceId) {
    throw new PolisError('ERR_SIGNING_NOT_PENDING', { detail: 'not waiting for this phone’s signature' })
  }
  const certificate = await activeSigningCertificate(platform, device.deviceId)
  if (!certificate || certificate.serialNumber !== row.certificate_serial) {
    throw new PolisError('ERR_NO_SIGNING_CERTIFICATE', { detail: 'the certificate it was prepared for is gone' })
  }
  const signature = new Uint8Array(Buffer.from(options.signature, 'base64url'))
  const prepared = JSON.parse(row.prepared) as Prepared
  const signedBytes = new Uint8Array(Buffer.from(prepared.signedBytes, 'base64url'))
  const common = { timestampAuthority: platform.signing.timestampAuthority, now }
  let result: Uint8Array
  if (row.format === 'JAdES') {
    const json = await finishJades({
      protectedHeader: prepared.protectedHeader as string,
      signature,
      certificate: certificate.der,
      ...common,
    })
    result = new TextEncoder().encode(json)
  } else {
    const cms = await finishCms({
      signedBytes,
      signature,
      certificates: [certificate.der, platform.signing.caCertificate],
      ...common,
    })
    result =
      row.format === 'PAdES'
        ? embedPdfSignature(new Uint8Array(Buffer.from(row.prepared_document as string, 'base64')), cms)
        : cms
  }
  const updated = await platform.store.db
    .updateTable('signing_requests')
    .set({
      signed_at: now.toISOString(),
      citizen_id: device.citizenId,
      result: Buffer.from(result).toString('base64'),
      document: null,
      prepared_document: null,
    })
    .where('id', '=', row.id)
    .where('signed_at', 'is', null)
    .where('declined_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_SIGNING_NOT_PENDING')
  options.log({ level: 'info', event: 'document_signed', format: row.format, requester: row.requester_kind })
  void notify(platform, row, 'signed', options.log)
  return { state: 'signed', signedAt: now.toISOString() }
}

/** The citizen said no: the request ends and the document is dropped. */
export async function declineSigning(options: {
  platform: Platform
  id: string
  device: AuthenticatedDevice
  log: (line: Record<string, unknown>) => void
}): Promise<{ state: 'declined' }> {
  const { platform } = options
  const now = platform.now()
  const row = await findRequest(platform, options.id)
  const updated = await platform.store.db
    .updateTable('signing_requests')
    .set({ declined_at: now.toISOString(), document: null, prepared_document: null })
    .where('id', '=', row.id)
    .where('signed_at', 'is', null)
    .where('declined_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new PolisError('ERR_SIGNING_NOT_PENDING')
  void notify(platform, row, 'declined', options.log)
  return { state: 'declined' }
}

/** Tells a business its request was signed or declined: a JWS signed by Polis ID's key. */
async function notify(
  platform: Platform,
  row: SigningRequestTable,
  state: 'signed' | 'declined',
  log: (line: Record<string, unknown>) => void,
): Promise<void> {
  if (!row.callback_url || !row.client_id) return
  try {
    const secrets = await loadPolisIdSecrets({ store: platform.store, sealer: platform.keys })
    const { kid, ...jwk } = secrets.signingKeys[0] as (typeof secrets.signingKeys)[number]
    const key = createPrivateKey({ key: jwk, format: 'jwk' })
    const body = await signCompactJws({
      header: { alg: 'ES256', typ: 'polis-signing-callback+jwt', kid },
      payload: {
        iss: `${platform.publicUrl}/id`,
        aud: row.client_id,
        request_id: row.id,
        state,
        iat: epochSeconds(platform.now()),
      },
      sign: async (data) => derSignatureToRaw(signWith('sha256', data, key)),
    })
    const response = await fetch(row.callback_url, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    })
    if (!response.ok) log({ level: 'warn', event: 'signing_callback_refused', status: response.status })
  } catch (error) {
    log({ level: 'warn', event: 'signing_callback_failed', name: error instanceof Error ? error.name : 'unknown' })
  }
}

/** A request's state and result for whoever asked: the browser holding its secret, or the business. */
export async function findSigningRequestFor(options: { platform: Platform; id: string; requester: SigningRequester }) {
  const { platform, requester } = options
  const row = await platform.store.db
    .selectFrom('signing_requests')
    .selectAll()
    .where('id', '=', options.id)
    .executeTakeFirst()
  const mine =
    row &&
    (requester.kind === 'portal'
      ? row.requester_kind === 'portal' && row.browser_secret_hash === hashSecret(requester.browserSecret)
      : row.requester_kind === 'business' && row.client_id === requester.clientId)
  // Another browser's or business's request is no different from none at all.
  if (!row || !mine) throw new PolisError('ERR_NOT_FOUND', { detail: 'no such signing request' })
  const state = stateOf(row, platform.now())
  let signer: string | undefined
  if (state === 'signed' && row.certificate_serial) {
    const certificate = await platform.store.db
      .selectFrom('signing_certificates')
      .select('der')
      .where('serial_number', '=', row.certificate_serial)
      .executeTakeFirst()
    if (certificate) signer = signerOf(new Uint8Array(Buffer.from(certificate.der, 'base64'))).name
  }
  return {
    id: row.id,
    state,
    controlCode: row.control_code,
    expiresAt: row.expires_at,
    format: row.format as SignatureFormat,
    document: { name: row.document_name, mediaType: row.media_type, size: row.document_size },
    walletUrl: `${platform.publicUrl}/wallet/#sign=${row.id}`,
    ...(row.signed_at ? { signedAt: row.signed_at } : {}),
    ...(signer ? { signer } : {}),
    result: row.result ? resultFile(row) : undefined,
  }
}

/** The signed file as it is downloaded: the PDF itself, or the detached signature beside the document. */
function resultFile(row: SigningRequestTable) {
  const bytes = new Uint8Array(Buffer.from(row.result as string, 'base64'))
  if (row.format === 'PAdES') {
    return { bytes, mediaType: 'application/pdf', name: row.document_name.replace(/(\.pdf)?$/i, '-signed.pdf') }
  }
  if (row.format === 'JAdES') return { bytes, mediaType: 'application/jose+json', name: `${row.document_name}.json` }
  return { bytes, mediaType: 'application/pkcs7-signature', name: `${row.document_name}.p7s` }
}

/** The citizen's signatures, newest first. */
export async function signingHistory(platform: Platform, citizenId: string) {
  const rows = await platform.store.db
    .selectFrom('signing_requests')
    .select([
      'id',
      'document_name',
      'media_type',
      'format',
      'requester_kind',
      'client_id',
      'signed_at',
      'document_sha256',
    ])
    .where('citizen_id', '=', citizenId)
    .where('signed_at', 'is not', null)
    .orderBy('signed_at', 'desc')
    .limit(200)
    .execute()
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      documentName: row.document_name,
      mediaType: row.media_type,
      format: row.format as SignatureFormat,
      requester: {
        name: await requesterName(platform, row as unknown as SigningRequestTable),
        kind: row.requester_kind as 'portal' | 'business',
      },
      signedAt: row.signed_at as string,
      sha256: row.document_sha256,
    })),
  )
}
