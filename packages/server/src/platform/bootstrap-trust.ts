import { createHash, X509Certificate } from 'node:crypto'
import type { VerifyChain } from '@polis/documents'
import type { SigningKey } from '@polis/kernel'
import type { DatabaseKeyStore, Store } from '@polis/store'
import {
  createAnchorCertificate,
  createChainCache,
  createIssuerCertificate,
  type TrustAnchors,
  trustAnchors,
} from '@polis/trust'

/** An issuing agency as the PKI needs it. */
export interface AgencyIdentity {
  code: string
  /** The agency's name for certificates (English, as certificate subjects are read abroad). */
  name: string
}

/** The instance's national PKI, loaded: its anchor, one signing key per agency, a chain checker. */
export interface NationalTrust {
  anchor: Uint8Array
  anchors: TrustAnchors
  verifyChain: VerifyChain
  signingKeys: Map<string, SigningKey>
  /** Every issuing certificate still trusted: each agency's signing one first, then those it rotated from. */
  /**
   * Every issuing certificate still trusted, and those withdrawn before they expired
   * (`withdrawnAt`: their key compromised), which the trust list names as withdrawn.
   */
  certificates: Array<{ agency: string; der: Uint8Array; withdrawnAt?: string }>
}

const anchorKeyId = 'anchor'

type IssuerCertificateRow = Awaited<ReturnType<typeof saveCertificate>>

/**
 * An agency's issuing certificates are `issuer:CODE` (the first) and `issuer:CODE@N` for
 * the N-th after rotations; each one's key has the same id.
 */
export function parseIssuerCertificateId(id: string): { agency: string; generation: number } {
  const match = /^issuer:([^@]+)(?:@([0-9]+))?$/.exec(id)
  return { agency: match?.[1] ?? id, generation: match?.[2] ? Number(match[2]) : 1 }
}

const issuerCertificateId = (agency: string, generation: number) =>
  generation === 1 ? `issuer:${agency}` : `issuer:${agency}@${generation}`

/** Makes an agency's key of one generation and its certificate under the national anchor, and keeps both. */
export async function issueAgencyCertificate(options: {
  store: Store
  keys: DatabaseKeyStore
  agency: AgencyIdentity
  generation: number
  country: { name: string; code: string }
  anchor: Uint8Array
  now: Date
}): Promise<IssuerCertificateRow> {
  const { keys } = options
  const id = issuerCertificateId(options.agency.code, options.generation)
  if (!(await keys.findPublicKey(id))) await keys.generate(id)
  const der = await createIssuerCertificate({
    publicKey: await keys.publicCryptoKey(id),
    commonName: options.agency.name,
    organisation: options.country.name,
    country: options.country.code,
    anchor: { certificate: options.anchor, privateKey: await keys.privateCryptoKey(anchorKeyId) },
    notBefore: options.now,
    validityYears: 5,
  })
  return saveCertificate(options.store, { id, role: 'issuer', keyId: id, der, now: options.now })
}

/**
 * Creates the national anchor and one issuing certificate per agency the first time,
 * and loads them every time after. An agency added later gets its certificate then.
 */
export async function bootstrapTrust(options: {
  store: Store
  keys: DatabaseKeyStore
  agencies: AgencyIdentity[]
  country: { name: string; code: string }
  now: Date
}): Promise<NationalTrust> {
  const { store, keys, now } = options
  const db = store.db
  let anchorRow = await db.selectFrom('certificates').selectAll().where('role', '=', 'anchor').executeTakeFirst()
  if (!anchorRow) {
    await keys.generate(anchorKeyId)
    const der = await createAnchorCertificate({
      keys: {
        privateKey: await keys.privateCryptoKey(anchorKeyId),
        publicKey: await keys.publicCryptoKey(anchorKeyId),
      },
      commonName: `${options.country.name} National Root`,
      country: options.country.code,
      notBefore: now,
      validityYears: 20,
    })
    anchorRow = await saveCertificate(store, { id: 'anchor', role: 'anchor', keyId: anchorKeyId, der, now })
  }
  const anchor = new Uint8Array(Buffer.from(anchorRow.der, 'base64'))

  const rows = await db.selectFrom('certificates').select('id').where('role', '=', 'issuer').execute()
  const held = new Set(rows.map((row) => parseIssuerCertificateId(row.id).agency))
  for (const agency of options.agencies) {
    if (held.has(agency.code)) continue
    await issueAgencyCertificate({ store, keys, agency, generation: 1, country: options.country, anchor, now })
  }
  const { signingKeys, certificates } = await loadIssuerKeys({ store, keys, now })
  const anchors = trustAnchors([anchor])
  return { anchor, anchors, verifyChain: createChainCache(anchors), signingKeys, certificates }
}

/**
 * Each agency's signing key, its newest, and every issuing certificate still trusted, as
 * stored: what a process signs with and publishes, at start and after a rotation.
 */
export async function loadIssuerKeys(options: {
  store: Store
  keys: DatabaseKeyStore
  now: Date
}): Promise<Pick<NationalTrust, 'signingKeys' | 'certificates'>> {
  const { keys, now } = options
  const rows = await options.store.db.selectFrom('certificates').selectAll().where('role', '=', 'issuer').execute()
  const withdrawn = new Map(
    (await options.store.db.selectFrom('withdrawn_certificates').select(['sha256', 'withdrawn_at']).execute()).map(
      (row) => [row.sha256, row.withdrawn_at],
    ),
  )
  const withdrawnAtOf = (der: Uint8Array) => withdrawn.get(createHash('sha256').update(der).digest('hex'))
  const byAgency = new Map<string, typeof rows>()
  for (const row of rows) {
    const { agency } = parseIssuerCertificateId(row.id)
    byAgency.set(agency, [...(byAgency.get(agency) ?? []), row])
  }
  const signingKeys = new Map<string, SigningKey>()
  const certificates: NationalTrust['certificates'] = []
  const derOf = (row: { der: string }) => new Uint8Array(Buffer.from(row.der, 'base64'))
  for (const [code, held] of byAgency) {
    // The newest generation signs; every one not yet expired stays trusted, so that what
    // the agency signed before a rotation still verifies.
    const [current, ...earlier] = held.sort(
      (a, b) => parseIssuerCertificateId(b.id).generation - parseIssuerCertificateId(a.id).generation,
    )
    if (!current) continue
    const der = derOf(current)
    certificates.push({ agency: code, der })
    for (const row of earlier) {
      if (Date.parse(row.not_after) <= now.getTime()) continue
      const earlierDer = derOf(row)
      const withdrawnAt = withdrawnAtOf(earlierDer)
      certificates.push({ agency: code, der: earlierDer, ...(withdrawnAt ? { withdrawnAt } : {}) })
    }
    signingKeys.set(code, { id: current.key_id, alg: 'ES256', sign: await keys.signer(current.key_id), chain: [der] })
  }
  return { signingKeys, certificates }
}

export async function saveCertificate(
  store: Store,
  options: {
    id: string
    role: 'anchor' | 'issuer' | 'signing-ca' | 'tsa' | 'seal'
    keyId: string
    der: Uint8Array
    now: Date
  },
) {
  const certificate = new X509Certificate(Buffer.from(options.der))
  const row = {
    id: options.id,
    role: options.role,
    key_id: options.keyId,
    subject: certificate.subject.replace(/\n/g, ', '),
    der: Buffer.from(options.der).toString('base64'),
    not_before: certificate.validFromDate.toISOString(),
    not_after: certificate.validToDate.toISOString(),
    created_at: options.now.toISOString(),
  }
  await store.db.insertInto('certificates').values(row).execute()
  return row
}
