import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import fc from 'fast-check'
import type { ProviderLine } from './batches.ts'
import {
  answerLine,
  answerPayload,
  type FrameKind,
  frameKinds,
  frameOf,
  frameReader,
  parseAnswerPayload,
} from './door-wire.ts'

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
})

/** Frames as either side sends them: any kind, any batch number, any bytes. */
const frames = fc.array(
  fc.record({
    kind: fc.constantFrom<FrameKind>(frameKinds.batch, frameKinds.answer, frameKinds.refusal),
    batch: fc.nat(),
    payload: fc.uint8Array({ maxLength: 300 }),
  }),
  { maxLength: 12 },
)

describe('frames on an upgraded connection', () => {
  it('are read back whole and in order, however the bytes are cut on the way (fast-check)', () => {
    fc.assert(
      fc.property(frames, fc.array(fc.nat(), { maxLength: 20 }), (sent, cuts) => {
        const bytes = Buffer.concat(sent.map((f) => frameOf(f.kind, f.batch, [f.payload])))
        const read: Array<{ kind: FrameKind; batch: number; payload: Uint8Array }> = []
        const reader = frameReader(1024, (kind, batch, payload) => read.push({ kind, batch, payload }))
        const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
        let from = 0
        for (const to of [...at, bytes.length]) {
          reader(bytes.subarray(from, to))
          from = to
        }
        assert.deepEqual(
          read.map((f) => ({ ...f, payload: [...f.payload] })),
          sent.map((f) => ({ ...f, payload: [...f.payload] })),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('refuse any bytes that are not frames with ERR_EXCHANGE_IDENTIFIER, and nothing else (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const reader = frameReader(64, () => {})
        try {
          reader(Buffer.from(bytes))
        } catch (error) {
          assert.ok(isPolisError(error) && error.code === 'ERR_EXCHANGE_IDENTIFIER', String(error))
        }
      }),
      { numRuns: 500 },
    )
    assert.throws(() => frameReader(64, () => {})(frameOf(frameKinds.batch, 1, [new Uint8Array(65)])), /too large/)
  })

  it('carry an answer as the consumer’s server reads it, its body the bytes themselves (fast-check)', () => {
    fc.assert(
      fc.property(answers, (answer) => {
        const read = parseAnswerPayload(Buffer.concat(answerPayload(answer)))
        // What the header's JSON keeps: the answer, its body aside.
        const { body, ...header } = answer
        assert.deepEqual(read && { ...read, body: [...read.body] }, {
          ...JSON.parse(JSON.stringify(header)),
          body: [...body],
        })
      }),
      { numRuns: 300 },
    )
  })

  it('take no answer from bytes that are not one, and never throw on them (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const read = parseAnswerPayload(Buffer.from(bytes))
        assert.ok(read === undefined || typeof read.status === 'number')
      }),
      { numRuns: 500 },
    )
  })
})
