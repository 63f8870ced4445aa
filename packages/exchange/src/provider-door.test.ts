import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { endWith } from './provider-door.ts'

/** A batch's answer as the provider's door writes it: what it was asked to write and to end, and when. */
function answer(buffered: number) {
  const calls: string[] = []
  let flushed: ((error?: Error | null) => void) | undefined
  const response = {
    writableLength: buffered,
    writableHighWaterMark: 64 * 1024,
    write(text: string, done: (error?: Error | null) => void) {
      calls.push(`write ${text.length}`)
      flushed = done
      return false
    },
    end(text?: string) {
      calls.push(text === undefined ? 'end' : `end ${text.length}`)
      return this
    },
  }
  return {
    response: response as unknown as Parameters<typeof endWith>[0],
    calls,
    flush: (error?: Error) => flushed?.(error),
  }
}

describe('the end of a batch’s answer', () => {
  it('leaves with its last lines in one write when all of it fits in the connection’s buffer', () => {
    const { response, calls } = answer(0)
    endWith(response, 'x'.repeat(40_000))
    assert.deepEqual(calls, ['end 40000'])
  })

  it('ends only once its lines have left when they would go over the buffer, counting what is still in it', () => {
    for (const [buffered, text] of [
      [0, 70_000],
      [60_000, 10_000],
    ] as const) {
      const { response, calls, flush } = answer(buffered)
      endWith(response, 'x'.repeat(text))
      assert.deepEqual(calls, [`write ${text}`])
      flush()
      assert.deepEqual(calls, [`write ${text}`, 'end'])
    }
  })

  it('counts bytes, not characters', () => {
    const { response, calls } = answer(0)
    endWith(response, 'ї'.repeat(40_000))
    assert.deepEqual(calls, ['write 40000'])
  })

  it('does not end an answer whose connection failed', () => {
    const { response, calls, flush } = answer(0)
    endWith(response, 'x'.repeat(70_000))
    flush(new Error('reset'))
    assert.deepEqual(calls, ['write 70000'])
  })
})
