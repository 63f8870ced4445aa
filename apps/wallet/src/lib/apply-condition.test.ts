import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyCondition, readsOnlyAnswers, truthy } from './apply-condition.ts'

const answers = (values: Record<string, unknown>) => ({ answers: values })

describe('conditions applied on the phone (the JSON Logic the catalogue uses)', () => {
  it('reads answers by path, with null for what is not there (jsonlogic.com "var")', () => {
    assert.equal(applyCondition({ var: 'answers.delivery' }, answers({ delivery: 'post' })), 'post')
    assert.equal(applyCondition({ var: 'answers.delivery' }, answers({})), null)
    assert.equal(applyCondition({ var: ['answers.delivery', 'centre'] }, answers({})), 'centre')
  })

  it('compares as JSON Logic does: == is loose, === is strict', () => {
    const rule = { '==': [{ var: 'answers.answer_by_email' }, true] }
    assert.equal(truthy(applyCondition(rule, answers({ answer_by_email: true }))), true)
    assert.equal(truthy(applyCondition(rule, answers({ answer_by_email: false }))), false)
    assert.equal(truthy(applyCondition(rule, answers({}))), false)
    assert.equal(applyCondition({ '==': [{ var: 'answers.new_group' }, '3'] }, answers({ new_group: 3 })), true)
    assert.equal(applyCondition({ '===': [{ var: 'answers.new_group' }, '3'] }, answers({ new_group: 3 })), false)
    assert.equal(applyCondition({ '!=': [{ var: 'answers.reason' }, 'first'] }, answers({})), true)
  })

  it('applies and, or, negation, order, between, in and if', () => {
    const data = answers({ income: 5, kind: 'disability', list: ['a'] })
    assert.equal(applyCondition({ '>': [{ var: 'answers.income' }, 0] }, data), true)
    assert.equal(applyCondition({ '<': [1, { var: 'answers.income' }, 10] }, data), true)
    assert.equal(applyCondition({ '<=': [6, { var: 'answers.income' }, 10] }, data), false)
    assert.equal(applyCondition({ and: [true, { '==': [{ var: 'answers.kind' }, 'disability'] }] }, data), true)
    assert.equal(applyCondition({ or: [false, 0] }, data), 0)
    assert.equal(applyCondition({ '!': [{ var: 'answers.missing' }] }, data), true)
    assert.equal(applyCondition({ '!!': [[]] }, data), false)
    assert.equal(applyCondition({ in: ['dis', { var: 'answers.kind' }] }, data), true)
    assert.equal(applyCondition({ in: ['a', { var: 'answers.list' }] }, data), true)
    assert.equal(applyCondition({ if: [false, 'x', true, 'y', 'z'] }, data), 'y')
    assert.equal(applyCondition({ if: [false, 'x'] }, data), null)
  })

  it('leaves to the server what reads more than the answers, or an operator it does not know', () => {
    assert.equal(readsOnlyAnswers({ '==': [{ var: 'answers.reason' }, 'stolen'] }), true)
    assert.equal(readsOnlyAnswers({ '!!': [{ var: 'records.pension.pension' }] }), false)
    assert.equal(readsOnlyAnswers({ '>=': [{ var: 'applicant.age' }, 14] }), false)
    assert.equal(readsOnlyAnswers({ years_since: [{ var: 'answers.birth' }, { var: 'today' }] }), false)
    assert.equal(readsOnlyAnswers({ '==': [1, 1], '!=': [1, 2] }), false)
    assert.equal(readsOnlyAnswers({ var: ['answers.x', 1] }), true)
  })
})
