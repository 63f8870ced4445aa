import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { BatchAnswer, ProviderLine } from './batches.ts'
import { answerLine, parseAnswer } from './door-wire.ts'

/** Answers as a provider's door makes them, signed or a fault, with any bytes for a body and any text elsewhere. */
const answers: fc.Arbitrary<ProviderLine> = fc.record(
  {
    index: fc.nat(1023),
    status: fc.integer({ min: 100, max: 599 }),
    contentType: fc.string({ unit: 'binary', maxLength: 40 }),
    body: fc.uint8Array({ maxLength: 600 }),
    requestHash: fc.string({ maxLength: 88 }),
    error: fc.string({ unit: 'binary', maxLength: 60 }),
    signed: fc.record({
      signature: fc.string({ maxLength: 120 }),
      size: fc.integer({ min: 1, max: 1024 }),
      index: fc.nat(1023),
      proof: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), { maxLength: 11 }),
    }),
  },
  { requiredKeys: ['index', 'status', 'body'] },
)

describe('an answer’s line', () => {
  it('reads back as JSON.stringify would have written the answer with its body base64, whatever it holds (fast-check)', () => {
    fc.assert(
      fc.property(answers, (answer) => {
        const line = answerLine(answer)
        assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'))
        const asJson = { ...answer, body: Buffer.from(answer.body).toString('base64') }
        assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(asJson)))
      }),
      { numRuns: 500 },
    )
  })

  it('is read by the consumer’s server as the answer it is', () => {
    const answer: ProviderLine = {
      index: 2,
      status: 200,
      contentType: 'application/json',
      body: Buffer.from('{"records":[]}'),
      requestHash: 'a'.repeat(88),
    }
    const read: BatchAnswer = { ...answer, body: 'eyJyZWNvcmRzIjpbXX0=' }
    assert.deepEqual(parseAnswer(answerLine(answer).trimEnd()), read)
  })
})
