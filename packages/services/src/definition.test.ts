import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import fc from 'fast-check'
import { checkAnswers } from './answers.ts'
import { definitionJsonSchema, loadCatalogue } from './catalogue.ts'
import { checkDefinition, parseDefinition } from './definition.ts'
import { checkRule, holds } from './rules.ts'

const text = (en: string) => ({ uk: en, en, et: en })
const minimal = {
  code: 'test-service',
  version: 1,
  name: text('Test'),
  summary: text('A test'),
  category: 'civic',
  agency: 'state-chancellery',
  pages: [{ id: 'one', title: text('One'), fields: [{ id: 'name', type: 'text', label: text('Name') }] }],
  decision: { by: 'rules', rules: [], otherwise: 'approve' },
}
const data = {
  person: { given_name: 'Olena', address: { formatted: 'Kyiv', locality: 'Kyiv' } },
  records: {},
  applicant: { age: 30, citizen_id: 'c1' },
  today: '2026-06-01',
}

describe('service definitions', () => {
  it('loads every service of the catalogue, and the published JSON Schema is the current one', () => {
    const catalogue = loadCatalogue()
    assert.ok(catalogue.length >= 3)
    const published = JSON.parse(readFileSync(new URL('../service-definition.schema.json', import.meta.url), 'utf8'))
    assert.deepEqual(published, definitionJsonSchema(), 'the published schema is stale: npm run schemas')
  })

  it('names the exact path of every problem', () => {
    const bad = structuredClone(minimal) as Record<string, unknown> & typeof minimal
    ;(bad.pages[0] as { fields: unknown[] }).fields.push(
      { id: 'name', type: 'text', label: text('Again') },
      { id: 'kind', type: 'select', label: text('Kind') },
      { id: 'when', type: 'date', label: text('When'), condition: { method: [{ var: 'x' }, 'constructor'] } },
      { id: 'car', type: 'text', label: text('Car'), prefill: 'records.vehicles.vehicle[0].vin' },
    )
    const checked = checkDefinition(bad)
    assert.ok('problems' in checked)
    assert.deepEqual(
      checked.problems.map((p) => p.path),
      [
        'pages[0].fields[1].id',
        'pages[0].fields[2].options',
        'pages[0].fields[3].condition',
        'pages[0].fields[4].prefill',
      ],
    )
    const schema = checkDefinition({ ...minimal, version: 0, name: { uk: 'x' } })
    assert.ok('problems' in schema)
    assert.deepEqual(schema.problems.map((p) => p.path).sort(), ['name.en', 'name.et', 'version'])
    assert.throws(
      () => parseDefinition({ ...minimal, decision: { by: 'guess' } }),
      (e) => isPolisError(e, 'ERR_SERVICE_DEFINITION_INVALID'),
    )
  })

  it('applies JSON Logic rules without ever calling code: method and log are gone', () => {
    assert.deepEqual(checkRule({ method: ['x', 'toString'] }), ['unknown operator method'])
    assert.deepEqual(
      checkRule({ and: [{ '>=': [{ var: 'applicant.age' }, 18] }, { years_since: ['2000-01-01', '2026-01-01'] }] }),
      [],
    )
    assert.equal(holds({ '>=': [{ var: 'applicant.age' }, 18] }, { ...data, answers: {} }), true)
    assert.equal(
      holds({ '==': [{ years_since: ['2008-06-02', { var: 'today' }] }, 17] }, { ...data, answers: {} }),
      true,
    )
  })

  it('takes prefilled answers from the registries, checks the rest, and asks conditional fields only when they apply', () => {
    const definition = parseDefinition({
      ...minimal,
      pages: [
        {
          id: 'one',
          title: text('One'),
          fields: [
            { id: 'address', type: 'text', label: text('Address'), prefill: 'person.address.formatted' },
            { id: 'email_me', type: 'boolean', label: text('E-mail me?') },
            {
              id: 'email',
              type: 'email',
              label: text('E-mail'),
              condition: { '==': [{ var: 'answers.email_me' }, true] },
            },
            { id: 'born', type: 'date', label: text('Born') },
          ],
        },
      ],
    })
    const forged = checkAnswers(
      definition,
      { address: 'Elsewhere', email_me: 'no', email: 'junk', born: '2001-02-29' },
      data,
    )
    assert.equal(forged.values.address, 'Kyiv', 'a prefilled field is the registry’s, whatever is sent')
    assert.equal(forged.values.email, undefined, 'not asked, not kept')
    assert.deepEqual(
      forged.errors.map((e) => e.field),
      ['born'],
      '2001-02-29 is no date',
    )
    const asked = checkAnswers(definition, { email_me: 'yes', email: 'junk', born: '2001-02-28' }, data)
    assert.deepEqual(
      asked.errors.map((e) => e.field),
      ['email'],
    )
    assert.ok(asked.errors[0]?.message.uk, 'said in Ukrainian too')
  })

  it('never throws on whatever a browser sends (fuzzed)', () => {
    for (const definition of loadCatalogue()) {
      fc.assert(
        fc.property(fc.dictionary(fc.string({ maxLength: 20 }), fc.anything()), (sent) => {
          const checked = checkAnswers(definition, sent, data)
          assert.ok(Array.isArray(checked.errors))
        }),
        { numRuns: fuzzRuns(200) },
      )
    }
  })
})
