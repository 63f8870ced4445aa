import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { buildSessionTranscript } from './build-session-transcript.ts'

// A real OpenID4VP 1.0 presentation (Paradym Wallet, encrypted response), from mdoc-ts.
const folder = new URL('../../../../shared/vectors/mdoc/mdoc-ts-examples/animo-mdoc-05/', import.meta.url)
const vector = JSON.parse(readFileSync(new URL('verify.json', folder), 'utf8')) as {
  sessionTranscriptInputs: { clientId: string; nonce: string; jwkThumbprintHex: string; responseUri: string }
  sessionTranscriptCborHex: string
}

describe('OpenID4VP handover (OpenID4VP 1.0 Annex B.2.6.1)', () => {
  it('builds the SessionTranscript of the animo-mdoc-05 vector byte for byte', async () => {
    const inputs = vector.sessionTranscriptInputs
    const transcript = await buildSessionTranscript({
      clientId: inputs.clientId,
      nonce: inputs.nonce,
      jwkThumbprint: Buffer.from(inputs.jwkThumbprintHex, 'hex'),
      responseUri: inputs.responseUri,
    })
    assert.equal(Buffer.from(transcript).toString('hex'), vector.sessionTranscriptCborHex)
  })

  it('writes null for the thumbprint of an unencrypted response, which changes the transcript', async () => {
    const inputs = vector.sessionTranscriptInputs
    const transcript = await buildSessionTranscript({ ...inputs, jwkThumbprint: undefined })
    assert.notEqual(Buffer.from(transcript).toString('hex'), vector.sessionTranscriptCborHex)
    assert.equal(transcript.length, vector.sessionTranscriptCborHex.length / 2)
  })
})
