import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fromPem, trustAnchors } from '@polis/trust'
import { buildSessionTranscript } from './build-session-transcript.ts'
import { CredentialQuery } from './dcql-query.ts'
import { verifyMdocEntry } from './verify-mdoc-entry.ts'

// A PID presented by Paradym Wallet over OpenID4VP 1.0 with an encrypted response (mdoc-ts's
// animo-mdoc-05 example): its device signature covers the OpenID4VP handover of Annex B.2.6.1.
const folder = new URL('../../../../shared/vectors/mdoc/mdoc-ts-examples/animo-mdoc-05/', import.meta.url)
const vector = JSON.parse(readFileSync(new URL('verify.json', folder), 'utf8')) as {
  now: string
  sessionTranscriptInputs: { clientId: string; nonce: string; jwkThumbprintHex: string; responseUri: string }
}
const presentation = Buffer.from(readFileSync(new URL('device-response.hex', folder), 'utf8').trim(), 'hex').toString(
  'base64url',
)
const anchors = trustAnchors(fromPem(readFileSync(new URL('root-certificate.pem', folder), 'utf8')))
const now = new Date(vector.now)
const inputs = vector.sessionTranscriptInputs
const pid = 'eu.europa.ec.eudi.pid.1'

function query(elements: string[]) {
  return CredentialQuery.parse({
    id: 'pid',
    format: 'mso_mdoc',
    meta: { doctype_value: pid },
    claims: elements.map((element) => ({ path: [pid, element] })),
  })
}

async function verify(elements: string[], nonce = inputs.nonce) {
  const sessionTranscript = await buildSessionTranscript({
    clientId: inputs.clientId,
    nonce,
    jwkThumbprint: Buffer.from(inputs.jwkThumbprintHex, 'hex'),
    responseUri: inputs.responseUri,
  })
  return verifyMdocEntry({ presentation, query: query(elements), sessionTranscript, anchors, statusOf: () => 0, now })
}

const rejects = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (e) => isPolisError(e) && e.code === code, code)

describe('an mdoc in a vp_token (OpenID4VP 1.0 Annex B.2), on a real wallet’s DeviceResponse', () => {
  it('verifies issuer data and the device signature over the OpenID4VP handover', async () => {
    const [document] = await verify(['given_name', 'family_name'])
    assert.equal(document?.format, 'mso_mdoc')
    assert.equal(document?.evidence.type, pid)
    assert.equal(document?.evidence.holderBound, true)
    assert.deepEqual(Object.keys(document?.claims[pid] as object).sort(), ['family_name', 'given_name'])
  })

  it('refuses it for another nonce (ERR_KB_SIGNATURE_INVALID)', async () => {
    await rejects(verify(['given_name', 'family_name'], 'another-nonce'), 'ERR_KB_SIGNATURE_INVALID')
  })

  it('refuses an element not asked for and misses one asked for', async () => {
    await rejects(verify(['given_name']), 'ERR_CLAIM_NOT_REQUESTED')
    await rejects(verify(['given_name', 'family_name', 'birth_date']), 'ERR_DCQL_UNSATISFIED')
  })
})
