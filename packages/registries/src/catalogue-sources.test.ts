/**
 * The document catalogue (in @polis/documents) names registry records and dotted paths
 * into them; this checks every path against records this generator actually produces.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { computeAgeClaims, computedClaimNames, type DocumentType, documentTypes } from '@polis/documents'
import type { QueryRegistry, RegistryRecord } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { createLocalRegistryClient, recordKinds } from './create-local-registry-client.ts'
import { type CitizenSummary, documentCodes, listCitizens } from './list-citizens.ts'
import { seedRegistries } from './seed-registries.ts'

const purpose = 'test:catalogue'
const now = new Date('2026-06-01T12:00:00Z')

function resolve(context: Record<string, unknown>, path: string): unknown {
  let value: unknown = context
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(segment in value)) return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

function hasType(value: unknown, type: DocumentType['claims'][number]['type']): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.length > 0
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'image':
      return typeof value === 'string' && Buffer.from(value, 'base64').subarray(1, 4).toString('latin1') === 'PNG'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
}

describe(`document catalogue against generated registers on ${testEngine}`, () => {
  let store: Store
  let query: QueryRegistry
  let citizens: CitizenSummary[]

  before(async () => {
    store = await openTestStore()
    await seedRegistries({ store, citizens: 2000, seed: 'catalogue' })
    query = createLocalRegistryClient({ store })
    citizens = await listCitizens({ store, limit: 2000, offset: 0 })
  })
  after(() => store.close())

  it('lists exactly the catalogue’s document types as the documents a citizen can hold', () => {
    assert.deepEqual([...documentCodes].sort(), documentTypes.map((t) => t.code).sort())
  })

  it('sources every document type from a registry kind the registry client answers', () => {
    for (const type of documentTypes) {
      assert.ok(recordKinds[type.source.registry].includes(type.source.kind), `${type.code}: ${type.source.kind}`)
    }
  })

  for (const type of documentTypes) {
    it(`resolves every claim of ${type.code} against its ${type.source.registry}/${type.source.kind} records`, async () => {
      const holders = citizens.filter((c) => c.documents.includes(type.code)).slice(0, 8)
      assert.ok(holders.length > 0, `someone in the population holds a ${type.code}`)
      const seen = new Set<string>()
      for (const holder of holders) {
        const [person] = await query({ registry: 'population', citizenId: holder.id, purpose, kind: 'person' })
        assert.ok(person)
        const records: RegistryRecord[] = await query({
          registry: type.source.registry,
          citizenId: holder.id,
          purpose,
          kind: type.source.kind,
        })
        assert.ok(records.length > 0, `${holder.id} has a ${type.source.kind} record`)
        if (!type.source.many) assert.equal(records.length, 1, `${type.code} is one per person`)
        for (const record of records) {
          const context = {
            person: person.data,
            record: record.data,
            computed: computeAgeClaims(String(person.data.birth_date), now),
          }
          for (const claim of type.claims) {
            const value = resolve(context, claim.from)
            if (claim.required) {
              assert.ok(
                hasType(value, claim.type),
                `${type.code}.${claim.name} (${claim.from}) is a ${claim.type}: ${JSON.stringify(value)}`,
              )
            } else if (value !== undefined && value !== null) {
              assert.ok(
                hasType(value, claim.type),
                `${type.code}.${claim.name} is a ${claim.type}: ${JSON.stringify(value)}`,
              )
            }
            if (value !== undefined) seen.add(claim.name)
          }
        }
      }
      for (const claim of type.claims) {
        if (claim.from.startsWith('computed.')) {
          assert.ok((computedClaimNames as readonly string[]).includes(claim.from.slice('computed.'.length)))
        }
        assert.ok(seen.has(claim.name), `${type.code}.${claim.name}: ${claim.from} resolves for some record`)
      }
    })
  }
})
