import type { Sign } from '@polis/kernel'
import {
  type Authority,
  type ChainCheck,
  chainCheck,
  createSealCertificate,
  createSigningCaCertificate,
  createTimestampAuthorityCertificate,
  type TimestampAuthority,
} from '@polis/signatures'
import type { DatabaseKeyStore, Store } from '@polis/store'
import { saveCertificate } from '../platform/bootstrap-trust.ts'

/** The instance's signing CA and time-stamping authority, loaded. */
export interface SigningAuthority {
  caCertificate: Uint8Array
  /** The CA with its private key, to certify a citizen's key or sign the revocation list. */
  signingCa(): Promise<Authority>
  timestampAuthority: TimestampAuthority
  /** Chains to this instance's signing CA (and, later, federated ones). */
  checkChain: ChainCheck
  /** The platform's electronic seal, certified by the signing CA: it seals what e-services certify. */
  seal: { certificate: Uint8Array; sign: Sign }
}

const caKeyId = 'signing-ca'
const tsaKeyId = 'tsa'
const sealKeyId = 'platform-seal'
/** Ten years, as the time-stamping authority's. */
const sealDays = 3650

/** Creates the signing CA and its time-stamping authority the first time, and loads them every time after. */
export async function bootstrapSigning(options: {
  store: Store
  keys: DatabaseKeyStore
  country: { name: string; code: string }
  now: Date
  /** Where the signing CA's revocation list is published, named in the certificates it makes. */
  crlUrl: string
}): Promise<SigningAuthority> {
  const { store, keys, now, country } = options
  const find = (role: 'signing-ca' | 'tsa' | 'seal') =>
    store.db.selectFrom('certificates').selectAll().where('role', '=', role).executeTakeFirst()
  let caRow = await find('signing-ca')
  if (!caRow) {
    if (!(await keys.findPublicKey(caKeyId))) await keys.generate(caKeyId)
    const der = await createSigningCaCertificate({
      keys: { privateKey: await keys.privateCryptoKey(caKeyId), publicKey: await keys.publicCryptoKey(caKeyId) },
      country,
      notBefore: now,
    })
    caRow = await saveCertificate(store, { id: caKeyId, role: 'signing-ca', keyId: caKeyId, der, now })
  }
  const caCertificate = new Uint8Array(Buffer.from(caRow.der, 'base64'))
  const signingCa = async (): Promise<Authority> => ({
    certificate: caCertificate,
    privateKey: await keys.privateCryptoKey(caKeyId),
  })
  let tsaRow = await find('tsa')
  if (!tsaRow) {
    if (!(await keys.findPublicKey(tsaKeyId))) await keys.generate(tsaKeyId)
    const der = await createTimestampAuthorityCertificate({
      publicKey: await keys.publicCryptoKey(tsaKeyId),
      signingCa: await signingCa(),
      country,
      notBefore: now,
    })
    tsaRow = await saveCertificate(store, { id: tsaKeyId, role: 'tsa', keyId: tsaKeyId, der, now })
  }
  // The seal's key is kept as the other platform keys are: sealed in the key store under the KEK.
  let sealRow = await find('seal')
  if (!sealRow) {
    if (!(await keys.findPublicKey(sealKeyId))) await keys.generate(sealKeyId)
    const der = await createSealCertificate({
      publicKey: await keys.publicCryptoKey(sealKeyId),
      signingCa: await signingCa(),
      country,
      name: `${country.name} e-services`,
      notBefore: now,
      days: sealDays,
      crlUrl: options.crlUrl,
    })
    sealRow = await saveCertificate(store, { id: sealKeyId, role: 'seal', keyId: sealKeyId, der, now })
  }
  return {
    seal: { certificate: new Uint8Array(Buffer.from(sealRow.der, 'base64')), sign: await keys.signer(sealKeyId) },
    caCertificate,
    signingCa,
    timestampAuthority: {
      certificate: new Uint8Array(Buffer.from(tsaRow.der, 'base64')),
      sign: await keys.signer(tsaKeyId),
    },
    checkChain: chainCheck([caCertificate]),
  }
}
