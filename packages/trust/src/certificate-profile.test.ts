import 'reflect-metadata'
import assert from 'node:assert/strict'
import { webcrypto } from 'node:crypto'
import { describe, it } from 'node:test'
import * as x509 from '@peculiar/x509'
import { isPolisError } from '@polis/kernel'
import { trustAnchors, verifyCertificateChain } from './index.ts'

const ec = { name: 'ECDSA', namedCurve: 'P-256' }
const signing = { name: 'ECDSA', hash: 'SHA-256' }
const notBefore = new Date('2026-01-01T00:00:00Z')
const notAfter = new Date('2030-01-01T00:00:00Z')
const now = new Date('2026-06-01T00:00:00Z')

const keys = async () => (await webcrypto.subtle.generateKey(ec, true, ['sign', 'verify'])) as CryptoKeyPair

async function certificate(options: {
  subject: string
  keys: CryptoKeyPair
  issuer?: { name: string; keys: CryptoKeyPair }
  extensions: x509.Extension[]
}): Promise<Uint8Array> {
  const issuer = options.issuer ?? { name: options.subject, keys: options.keys }
  const created = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: options.subject,
    issuer: issuer.name,
    notBefore,
    notAfter,
    signingAlgorithm: signing,
    publicKey: options.keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: options.extensions,
  })
  return new Uint8Array(created.rawData)
}

const ca = (pathLength?: number) => [
  new x509.BasicConstraintsExtension(true, pathLength, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
]
const endEntity = (usages = x509.KeyUsageFlags.digitalSignature, eku?: string[]) => [
  new x509.BasicConstraintsExtension(false, undefined, true),
  new x509.KeyUsagesExtension(usages, true),
  ...(eku ? [new x509.ExtendedKeyUsageExtension(eku)] : []),
]

const refused = (chain: Uint8Array[], anchor: Uint8Array) =>
  assert.throws(
    () => verifyCertificateChain({ chain, anchors: trustAnchors([anchor]), now }),
    (e) => isPolisError(e, 'ERR_UNTRUSTED_ISSUER'),
  )

describe('certificate profile of a signing chain (RFC 5280 sections 4.2.1.3, 4.2.1.9, 4.2.1.12, 6.1.4)', async () => {
  const rootKeys = await keys()
  const root = await certificate({ subject: 'CN=Root', keys: rootKeys, extensions: ca(0) })
  const openRootKeys = await keys()
  const openRoot = await certificate({ subject: 'CN=Open Root', keys: openRootKeys, extensions: ca() })
  const signer = (extensions: x509.Extension[], issuer = { name: 'CN=Root', keys: rootKeys }) =>
    keys().then((k) => certificate({ subject: 'CN=Signer', keys: k, issuer, extensions }))

  it('accepts a document signer with digitalSignature and the document-signer EKU', async () => {
    const leaf = await signer(endEntity(x509.KeyUsageFlags.digitalSignature, ['1.0.18013.5.1.2']))
    verifyCertificateChain({ chain: [leaf], anchors: trustAnchors([root]), now })
  })

  it('refuses the anchor itself, or any CA, as the signer', async () => {
    refused([root], root)
    const intermediateKeys = await keys()
    const intermediate = await certificate({
      subject: 'CN=Intermediate',
      keys: intermediateKeys,
      issuer: { name: 'CN=Open Root', keys: openRootKeys },
      extensions: ca(),
    })
    refused([intermediate], openRoot)
  })

  it('refuses a signer without digitalSignature, and one for other purposes', async () => {
    refused([await signer(endEntity(x509.KeyUsageFlags.keyAgreement))], root)
    refused([await signer(endEntity(x509.KeyUsageFlags.digitalSignature, ['1.3.6.1.5.5.7.3.1']))], root)
  })

  it('refuses an intermediate where the anchor allows none (pathLenConstraint 0)', async () => {
    const intermediateKeys = await keys()
    const intermediate = await certificate({
      subject: 'CN=Intermediate',
      keys: intermediateKeys,
      issuer: { name: 'CN=Root', keys: rootKeys },
      extensions: ca(),
    })
    const leaf = await signer(endEntity(), { name: 'CN=Intermediate', keys: intermediateKeys })
    refused([leaf, intermediate], root)
    const openIntermediate = await certificate({
      subject: 'CN=Intermediate',
      keys: intermediateKeys,
      issuer: { name: 'CN=Open Root', keys: openRootKeys },
      extensions: ca(),
    })
    verifyCertificateChain({ chain: [leaf, openIntermediate], anchors: trustAnchors([openRoot]), now })
  })
})
