import { X509Certificate } from 'node:crypto'
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
  certificates: Array<{ agency: string; der: Uint8Array }>
}

const anchorKeyId = 'anchor'
const agencyKeyId = (code: string) => `issuer:${code}`

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

  const existing = await db.selectFrom('certificates').selectAll().where('role', '=', 'issuer').execute()
  const byAgency = new Map(existing.map((row) => [row.id.replace(/^issuer:/, ''), row]))
  for (const agency of options.agencies) {
    if (byAgency.has(agency.code)) continue
    const keyId = agencyKeyId(agency.code)
    if (!(await keys.findPublicKey(keyId))) await keys.generate(keyId)
    const der = await createIssuerCertificate({
      publicKey: await keys.publicCryptoKey(keyId),
      commonName: agency.name,
      organisation: options.country.name,
      country: options.country.code,
      anchor: { certificate: anchor, privateKey: await keys.privateCryptoKey(anchorKeyId) },
      notBefore: now,
      validityYears: 5,
    })
    byAgency.set(
      agency.code,
      await saveCertificate(store, { id: `issuer:${agency.code}`, role: 'issuer', keyId, der, now }),
    )
  }

  const signingKeys = new Map<string, SigningKey>()
  const certificates: NationalTrust['certificates'] = []
  for (const [code, row] of byAgency) {
    const der = new Uint8Array(Buffer.from(row.der, 'base64'))
    certificates.push({ agency: code, der })
    signingKeys.set(code, { id: row.key_id, alg: 'ES256', sign: await keys.signer(row.key_id), chain: [der] })
  }
  const anchors = trustAnchors([anchor])
  return { anchor, anchors, verifyChain: createChainCache(anchors), signingKeys, certificates }
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
