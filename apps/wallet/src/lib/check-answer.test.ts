import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkAnswer } from './check-answer.ts'
import type { ServiceField } from './service-definition.ts'

const label = { uk: 'П', en: 'L', et: 'S' }
const field = (type: string, more: Partial<ServiceField> = {}): ServiceField => ({
  id: 'f',
  type,
  label,
  required: true,
  maxLength: 500,
  optionsFromRecords: false,
  ...more,
})

describe('an answer checked on the phone, as the service engine checks it', () => {
  it('asks for what is required and lets an optional field be empty', () => {
    assert.deepEqual(checkAnswer(field('text'), ''), { key: 'answerRequired' })
    assert.deepEqual(checkAnswer(field('text'), '   '), { key: 'answerRequired' })
    assert.deepEqual(checkAnswer(field('boolean'), undefined), { key: 'answerYesNo' })
    assert.deepEqual(checkAnswer(field('select', { options: [{ value: 'a', label }] }), ''), { key: 'answerChoice' })
    assert.equal(checkAnswer(field('text', { required: false }), ''), undefined)
  })

  it('counts the characters of trimmed text against its limits', () => {
    const subject = field('text', { minLength: 5, maxLength: 10 })
    assert.deepEqual(checkAnswer(subject, ' abc '), { key: 'answerTooShort', values: { n: 5 } })
    assert.deepEqual(checkAnswer(subject, 'abcdefghijk'), { key: 'answerTooLong', values: { n: 10 } })
    assert.equal(checkAnswer(subject, ' abcde '), undefined)
  })

  it('reads numbers as typed on a phone, within min and max', () => {
    const income = field('number', { min: 0, max: 1_000_000 })
    assert.equal(checkAnswer(income, '12 500,50'), undefined)
    assert.deepEqual(checkAnswer(income, 'twelve'), { key: 'answerNumber' })
    assert.deepEqual(checkAnswer(income, '-1'), { key: 'answerTooSmall', values: { n: 0 } })
    assert.deepEqual(checkAnswer(income, '2000000'), { key: 'answerTooBig', values: { n: 1_000_000 } })
  })

  it('takes real dates only, options offered only, and yes or no', () => {
    assert.equal(checkAnswer(field('date'), '2024-02-29'), undefined)
    assert.deepEqual(checkAnswer(field('date'), '2023-02-29'), { key: 'answerDate' })
    const kind = field('select', { options: [{ value: 'post', label }] })
    assert.equal(checkAnswer(kind, 'post'), undefined)
    assert.deepEqual(checkAnswer(kind, 'pigeon'), { key: 'answerChoice' })
    assert.equal(checkAnswer(field('boolean'), false), undefined)
    assert.deepEqual(checkAnswer(field('boolean'), 'maybe'), { key: 'answerYesNo' })
  })

  it('checks e-mail, phone and the whole answer against a pattern', () => {
    assert.deepEqual(checkAnswer(field('email'), 'name@'), { key: 'answerEmail' })
    assert.equal(checkAnswer(field('email'), 'name@example.com'), undefined)
    assert.deepEqual(checkAnswer(field('phone'), '12'), { key: 'answerPhone' })
    assert.equal(checkAnswer(field('phone'), '+380 44 123 4567'), undefined)
    const postcode = field('text', { pattern: '[0-9]{5}' })
    assert.equal(checkAnswer(postcode, '01001'), undefined)
    assert.deepEqual(checkAnswer(postcode, '010011'), { key: 'answerFormat' })
    // A pattern the phone's engine cannot read is the server's to check.
    assert.equal(checkAnswer(field('text', { pattern: '(' }), 'x'), undefined)
  })
})
