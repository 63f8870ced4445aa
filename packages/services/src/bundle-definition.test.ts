import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bundlePartProblems, partAnswers } from './bundles.ts'
import { loadCatalogue } from './catalogue.ts'
import { checkDefinition, parseDefinition } from './definition.ts'

const text = (en: string) => ({ uk: en, en, et: en })
const bundle = {
  code: 'moving-test',
  version: 1,
  name: text('Moving'),
  summary: text('Moving house'),
  category: 'residence',
  agency: 'migration-service',
  pages: [{ id: 'one', title: text('One'), fields: [{ id: 'street', type: 'text', label: text('Street') }] }],
  decision: { by: 'bundle' },
  parts: [
    { id: 'address', service: 'residence-registration', answers: { street: 'answers.street' } },
    { id: 'idp', service: 'idp-address-change', after: ['address'], answers: { street: 'answers.street' } },
  ],
}
const problemsOf = (input: unknown) => {
  const checked = checkDefinition(input)
  return 'problems' in checked ? checked.problems : []
}

describe('life-event bundle definitions', () => {
  it('takes a bundle whose parts wait for earlier ones', () => {
    assert.deepEqual(problemsOf(bundle), [])
  })

  it('refuses a cycle in the parts’ order, at the part, with the way round', () => {
    const [address, idp] = bundle.parts
    const problems = problemsOf({ ...bundle, parts: [{ ...address, after: ['idp'] }, idp] })
    assert.deepEqual(
      problems.map((p) => [p.path, p.message]),
      [
        ['parts[0].after', 'a cycle: address → idp → address'],
        ['parts[1].after', 'a cycle: idp → address → idp'],
      ],
    )
  })

  it('refuses a part waiting for itself, or for a part there is not, or an answer from no question', () => {
    const [address, idp] = bundle.parts
    const bad = {
      ...bundle,
      parts: [
        { ...address, after: ['address'] },
        { ...idp, after: ['moving'], answers: { street: 'answers.road' } },
      ],
    }
    assert.deepEqual(
      problemsOf(bad).map((p) => p.path),
      ['parts[1].answers.street', 'parts[1].after[0]', 'parts[0].after'],
    )
  })

  it('refuses parts outside a bundle, and a bundle with outputs, a fee or no parts', () => {
    assert.deepEqual(
      problemsOf({ ...bundle, decision: { by: 'official', deadlineDays: 5 } }).map((p) => p.path),
      ['parts'],
    )
    assert.deepEqual(
      problemsOf({
        ...bundle,
        parts: [],
        fee: { amount: 100, currency: 'UAH' },
        outputs: [{ type: 'document', documentType: 'residence-extract' }],
      }).map((p) => p.path),
      ['parts', 'fee', 'outputs'],
    )
    const withFile = structuredClone(bundle) as typeof bundle & { pages: Array<{ fields: unknown[] }> }
    withFile.pages[0]?.fields.push({ id: 'proof', type: 'file', label: text('Proof'), accept: ['application/pdf'] })
    assert.deepEqual(
      problemsOf(withFile).map((p) => [p.path, p.message]),
      [['pages[0].fields[1].type', 'a bundle asks no file: its parts do']],
    )
  })

  it('checks parts against the catalogue: a service there is, not a bundle, without a fee, asking the answers given', () => {
    const catalogue = new Map(loadCatalogue().map((d) => [d.code, d]))
    const find = (code: string) => catalogue.get(code)
    assert.deepEqual(bundlePartProblems(parseDefinition(bundle), find), [])
    const wrong = parseDefinition({
      ...bundle,
      parts: [
        { id: 'a', service: 'no-such-service' },
        { id: 'b', service: 'birth-bundle' },
        { id: 'c', service: 'traffic-fines' },
        { id: 'd', service: 'residence-registration', answers: { colour: 'blue' } },
      ],
    })
    assert.deepEqual(
      bundlePartProblems(wrong, find).map((p) => [p.path, p.message]),
      [
        ['parts[0].service', 'no live service no-such-service'],
        ['parts[1].service', 'birth-bundle is a bundle itself'],
        ['parts[2].service', 'traffic-fines asks for a fee'],
        ['parts[3].answers.colour', 'residence-registration asks no colour'],
      ],
    )
  })

  it('gives a part the answers it names, fixed values as they are, and leaves out what was not answered', () => {
    const part = parseDefinition(bundle).parts[0]
    assert.ok(part)
    assert.deepEqual(
      partAnswers({ ...part, answers: { a: 'answers.x', b: 'answers.y', c: true, d: 'fixed' } }, { x: 'X', y: '' }),
      { a: 'X', c: true, d: 'fixed' },
    )
  })
})
