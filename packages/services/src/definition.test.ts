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

/** Every path to a value inside a JSON value, the root's first. */
function pathsOf(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const inner =
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, child]) =>
          pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]),
        )
      : []
  return [path, ...inner]
}

/** A copy with the value at the path replaced, or removed when the replacement is undefined. */
function changedAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path as [string | number, ...Array<string | number>]
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >
  if (rest.length === 0 && replacement === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1)
    else delete copy[head]
  } else copy[head] = changedAt(copy[head], rest, replacement)
  return copy
}

describe('service definitions changed anywhere (as an import or a draft may bring them)', () => {
  const catalogue = loadCatalogue()
  const replacement = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom({ var: 'answers.x' }, { '==': [{ var: 'person' }, 1] }, { in: ['a', { var: 'records' }] }, {}, []),
  )

  it('are checked into a definition or a list of problems, never a crash, and a definition that passes runs on any answers (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.nat(catalogue.length - 1),
        fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }),
        (which, changes, sent) => {
          let input: unknown = JSON.parse(JSON.stringify(catalogue[which]))
          for (const [at, value] of changes) {
            const paths = pathsOf(input)
            input = changedAt(input, paths[at % paths.length] as Array<string | number>, value)
          }
          const checked = checkDefinition(input)
          if ('problems' in checked) {
            assert.ok(checked.problems.length > 0)
            assert.throws(
              () => parseDefinition(input),
              (e) => isPolisError(e, 'ERR_SERVICE_DEFINITION_INVALID'),
            )
            return
          }
          const answered = checkAnswers(checked.definition, sent, data)
          assert.ok(Array.isArray(answered.errors))
        },
      ),
      { numRuns: fuzzRuns(400) },
    )
  })
})
