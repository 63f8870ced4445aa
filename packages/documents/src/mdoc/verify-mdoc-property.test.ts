import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { trustAnchors } from '@polis/trust'
import fc from 'fast-check'
import { createTestIssuer, mdlNamespaces, type TestIssuer } from './create-test-issuer.ts'
import { issueMdoc } from './issue-mdoc.ts'
import { verifyDeviceResponse, verifyMdoc } from './verify-mdoc.ts'

const now = new Date('2026-06-01T10:00:00Z')

let issuer: TestIssuer
let issued: Uint8Array
before(async () => {
  issuer = await createTestIssuer(new Date('2026-01-01T00:00:00Z'))
  issued = await issueMdoc({
    docType: 'org.iso.18013.5.1.mDL',
    namespaces: mdlNamespaces(),
    deviceKey: issuer.deviceKey,
    signingKey: issuer.signingKey,
    validFrom: now,
    validUntil: new Date('2027-06-01T10:00:00Z'),
    now,
  })
})

/** Every byte of an IssuerSigned is covered by a digest, the issuer signature or the certificate chain. */
function assertRejected(data: Uint8Array): void {
  try {
    verifyMdoc({ data, anchors: issuer.anchors, now })
  } catch (error) {
    assert.ok(isPolisError(error), `not a PolisError: ${String(error)}`)
    return
  }
  assert.fail('changed bytes verified')
}

describe('verifyMdoc on mutated input (property, ISO/IEC 18013-5 section 9.3.1)', () => {
  it('accepts the unchanged IssuerSigned', () => {
    assert.ok(verifyMdoc({ data: issued, anchors: issuer.anchors, now }))
  })

  it('rejects every byte mutation with a PolisError', () => {
    const mutation = fc.record({ index: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) })
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const data = new Uint8Array(issued)
        for (const { index, xor } of mutations) data[index % data.length] = (data[index % data.length] ?? 0) ^ xor
        fc.pre(!Buffer.from(data).equals(issued))
        assertRejected(data)
      }),
      { numRuns: fuzzRuns(600) },
    )
  })

  it('rejects every truncation and every insertion with a PolisError', () => {
    fc.assert(
      fc.property(fc.nat(), fc.uint8Array({ maxLength: 8 }), (cut, inserted) => {
        const at = cut % issued.length
        assertRejected(issued.subarray(0, at))
        if (inserted.length > 0)
          assertRejected(Uint8Array.of(...issued.subarray(0, at), ...inserted, ...issued.subarray(at)))
      }),
      { numRuns: fuzzRuns(300) },
    )
  })

  it('rejects arbitrary bytes with a PolisError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (data) => assertRejected(data)),
      { numRuns: fuzzRuns(500) },
    )
  })
})

describe('verifyDeviceResponse on a mutated Google sample (property, ISO/IEC 18013-5 sections 8.3.2.1.2.2 and 9.1.3.6)', () => {
  const sample = new URL('../../../../../shared/vectors/mdoc/mdoc-ts-examples/google/', import.meta.url)
  const read = (file: string) => readFileSync(new URL(file, sample), 'utf8')
  const hex = (text: string) => new Uint8Array(Buffer.from(text.trim(), 'hex'))
  const parameters = JSON.parse(read('verify.json'))
  const options = {
    anchors: trustAnchors([read('signing-certificate.pem')]),
    now: new Date('2025-02-20T00:00:00Z'),
    sessionTranscript: hex(parameters.sessionTranscriptCborHex),
  }
  const response = hex(read('device-response.hex'))
  const original = JSON.stringify(verifyDeviceResponse({ data: response, ...options })[0]?.namespaces)

  it('throws only PolisErrors, and whatever still verifies (the unsigned version and status) discloses the same data', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const data = new Uint8Array(response)
        data[index % data.length] = (data[index % data.length] ?? 0) ^ xor
        try {
          const [document, ...rest] = verifyDeviceResponse({ data, ...options })
          assert.equal(rest.length, 0)
          assert.equal(JSON.stringify(document?.namespaces), original)
          assert.equal(document?.deviceAuthenticated, true)
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error
          assert.ok(isPolisError(error), `not a PolisError: ${String(error)}`)
        }
      }),
      { numRuns: fuzzRuns(600) },
    )
  })
})
