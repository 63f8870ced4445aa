import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readCatalogue, searchCatalogue } from './service-catalogue.ts'

const service = (code: string, category: string, en: string, et: string, uk: string) => ({
  code,
  version: 1,
  name: { en, et, uk },
  summary: { en: `${en}.`, et: `${et}.`, uk: `${uk}.` },
  category,
  lifeEvents: [],
  agency: 'a',
  decidedBy: 'rules',
})

const catalogue = readCatalogue([
  service(
    'residence-registration',
    'residence',
    'Register your address',
    'Elukoha registreerimine',
    'Реєстрація місця проживання',
  ),
  service('appeal', 'civic', 'Write to an authority', 'Pöördumine asutuse poole', 'Звернення до органу влади'),
  service('petition', 'civic', 'Sign a petition', 'Petitsioonile allkirja andmine', 'Підписати петицію'),
  { ...service('passport', 'documents', 'Passport', 'Pass', 'Паспорт'), fee: { amount: 55800, currency: 'UAH' } },
  { code: 'broken' },
])
const order = ['residence', 'documents', 'civic']

describe('the catalogue in the wallet', () => {
  it('reads services and leaves out what is not one', () => {
    assert.deepEqual(
      catalogue.map((s) => s.code),
      ['residence-registration', 'appeal', 'petition', 'passport'],
    )
    assert.deepEqual(catalogue[3]?.fee, { amount: 55800, currency: 'UAH' })
  })

  it('groups by category in the given order, names sorted in the citizen language', () => {
    const groups = searchCatalogue(catalogue, { query: '', language: 'en', categoryOrder: order })
    assert.deepEqual(
      groups.map((g) => [g.category, g.services.map((s) => s.code)]),
      [
        ['residence', ['residence-registration']],
        ['documents', ['passport']],
        ['civic', ['petition', 'appeal']],
      ],
    )
  })

  it('finds a service by any word in any language, without minding case or accents', () => {
    const codes = (query: string) =>
      searchCatalogue(catalogue, { query, language: 'uk', categoryOrder: order }).flatMap((g) =>
        g.services.map((s) => s.code),
      )
    assert.deepEqual(codes('ADDRESS'), ['residence-registration'])
    assert.deepEqual(codes('poordumine'), ['appeal'])
    assert.deepEqual(codes('петиц'), ['petition'])
    assert.deepEqual(codes('write authority'), ['appeal'])
    assert.deepEqual(codes('write passport'), [])
  })
})
