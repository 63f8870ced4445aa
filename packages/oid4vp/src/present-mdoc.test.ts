import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fullDate, issueMdoc, verifyMdoc } from '@polis/documents'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { createTestKey, createTestPki } from '@polis/trust/testing'
import fc from 'fast-check'
import {
  createAccessCertificateCheck,
  createMemoryRequestStore,
  createPresentationRequest,
  receivePresentationResponse,
} from './index.ts'

import { readHeldMdoc } from './present-mdoc.ts'
import { createTestAccess } from './testing.ts'
import { answerPresentationRequest, matchDcqlQuery, readPresentationRequest } from './wallet.ts'

const now = new Date('2026-06-01T12:00:00Z')
const pid = 'eu.europa.ec.eudi.pid.1'
const pki = await createTestPki({ issuerName: 'Test Document Signer' })
const device = createTestKey()
const issuerSigned = await issueMdoc({
  docType: pid,
  namespaces: {
    [pid]: {
      family_name: 'Testenko',
      given_name: 'Olena',
      birth_date: fullDate('1990-01-02'),
      age_over_18: true,
      nationality: ['ZZ'],
    },
  },
  deviceKey: device.publicJwk,
  signingKey: pki.signingKey,
  validFrom: new Date('2026-05-01T00:00:00Z'),
  validUntil: new Date('2027-05-01T00:00:00Z'),
  now,
  status: { uri: 'https://polis.example/status/2', idx: 4 },
})
const access = await createTestAccess({ notBefore: new Date('2026-01-01T00:00:00Z') })
const checkAccessCertificate = createAccessCertificateCheck([access.accessCa])

const pidQuery = (elements: string[], values?: { birth_date: string }) => ({
  credentials: [
    {
      id: 'pid',
      format: 'mso_mdoc',
      meta: { doctype_value: pid },
      claims: elements.map((element) => ({
        path: [pid, element],
        ...(values && element === 'birth_date' ? { values: [values.birth_date] } : {}),
      })),
    },
  ],
})

async function presentRemotely(query: unknown, status = 0) {
  const { requestObject, pending } = await createPresentationRequest({
    signingKey: access.business.signingKey,
    responseUri: 'https://bank.example/oid4vp/response',
    dcqlQuery: query,
    now,
  })
  const request = await readPresentationRequest({ requestObject, checkAccessCertificate, now })
  const match = await matchDcqlQuery(request.payload.dcql_query, [
    { id: 'pid-1', format: 'mso_mdoc', credential: issuerSigned, sign: device.sign },
  ])
  const candidate = match.pid?.[0]
  if (!candidate) return undefined
  const { response } = await answerPresentationRequest({ request, chosen: { pid: candidate }, now })
  const store = createMemoryRequestStore()
  store.save(pending)
  return receivePresentationResponse({
    response,
    request: pending,
    verifyChain: pki.verifyChain,
    anchors: pki.anchors,
    statusOf: () => status,
    claimResponse: (id) => store.claimResponse(id),
    now,
  })
}

describe('mdoc presentations in OpenID4VP 1.0 (Annex B.2)', () => {
  it('reads an issued mdoc, keeping each signed item byte for byte, and an issuer’s non-preferred encoding', () => {
    const held = readHeldMdoc(issuerSigned)
    assert.equal(held.docType, pid)
    assert.equal(held.namespaces[pid]?.birth_date, '1990-01-02')
    const folder = new URL('../../../../shared/vectors/mdoc/mdoc-ts-examples/bdr/', import.meta.url)
    const bdr = Buffer.from(readFileSync(new URL('issuer-signed.hex', folder), 'utf8').trim(), 'hex')
    const read = readHeldMdoc(new Uint8Array(bdr))
    assert.equal(read.docType, 'org.iso.18013.5.1.mDL')
    for (const [, items] of read.items) for (const [, bytes] of items) assert.ok(bdr.includes(Buffer.from(bytes)))
    assert.ok(bdr.includes(Buffer.from(read.issuerAuth)))
    // What the issuer signed still verifies as the documents package reads it.
    assert.equal(verifyMdoc({ data: issuerSigned, anchors: pki.anchors, now }).docType, pid)
  })

  it('the wallet answers with a DeviceResponse over the handover; the verifier returns the asked elements', async () => {
    const result = await presentRemotely(pidQuery(['given_name', 'birth_date'], { birth_date: '1990-01-02' }))
    const [credential] = result?.credentials ?? []
    assert.equal(credential?.format, 'mso_mdoc')
    assert.deepEqual(Object.keys(credential?.claims[pid] as object).sort(), ['birth_date', 'given_name'])
    assert.deepEqual(credential?.evidence.status, { uri: 'https://polis.example/status/2', idx: 4, value: 'valid' })
    assert.equal(credential?.evidence.holderBound, true)
  })

  it('reading a held mdoc fails only with PolisErrors, on any bytes or a mutated credential (fast-check)', () => {
    const fails = (bytes: Uint8Array) => {
      try {
        readHeldMdoc(bytes)
      } catch (error) {
        assert.ok(isPolisError(error), String(error))
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fails), { numRuns: fuzzRuns(500) })
    fc.assert(
      fc.property(fc.nat({ max: issuerSigned.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = Uint8Array.from(issuerSigned)
        mutated[at] = byte
        fails(mutated)
      }),
      { numRuns: fuzzRuns(500) },
    )
  })

  it('no candidate when a value does not match; a revoked mdoc is refused', async () => {
    assert.equal(await presentRemotely(pidQuery(['birth_date'], { birth_date: '2001-01-01' })), undefined)
    await assert.rejects(presentRemotely(pidQuery(['given_name']), 1), (e) => isPolisError(e, 'ERR_REVOKED'))
  })
})
