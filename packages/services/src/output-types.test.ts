import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, PolisError, type RegistryRecord } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { askedFields, checkAnswers } from './answers.ts'
import { type ServicePorts, submitApplication } from './applications.ts'
import type { CertificateContent } from './certificate-content.ts'
import { checkDefinition, parseDefinition, type ServiceDefinition } from './definition.ts'

const text = (en: string) => ({ uk: `${en} (uk)`, en, et: `${en} (et)` })
const now = new Date('2026-06-01T10:00:00Z')

const base = {
  version: 1,
  name: text('Test'),
  summary: text('A test service'),
  category: 'documents',
  agency: 'national-police',
  decision: { by: 'rules', rules: [], otherwise: 'approve' },
}

const lostDocument = {
  ...base,
  code: 'lost-something',
  pages: [
    {
      id: 'what',
      title: text('What'),
      fields: [
        {
          id: 'document',
          type: 'select',
          label: text('Document'),
          options: [
            { value: 'id-card', label: text('ID card') },
            { value: 'driver-licence', label: text('Driving licence') },
          ],
        },
      ],
    },
  ],
  outputs: [{ type: 'revoke-document', documentType: 'answers.document', reason: text('Lost') }],
}

const certificate = {
  ...base,
  code: 'record-certificate',
  data: [{ registry: 'police', kind: 'criminal-record' }],
  outputs: [
    {
      type: 'certificate',
      fileName: 'criminal-record',
      title: text('Criminal record'),
      sections: [
        {
          heading: text('Convictions'),
          records: 'records.police.criminal-record',
          where: { '==': [{ var: 'active' }, true] },
          columns: [
            { label: text('Article'), path: 'article' },
            { label: text('Court'), path: 'court.name' },
          ],
          empty: text('None'),
        },
      ],
    },
    {
      type: 'list',
      label: text('All of them'),
      records: 'records.police.criminal-record',
      columns: [{ label: text('Article'), path: 'article' }],
      empty: text('None'),
    },
  ],
}

const sale = {
  ...base,
  code: 'sell-a-car',
  data: [{ registry: 'vehicles', kind: 'vehicle' }],
  pages: [
    {
      id: 'sale',
      title: text('Sale'),
      fields: [
        {
          id: 'vehicle',
          type: 'select',
          label: text('Vehicle'),
          optionsFrom: {
            records: 'records.vehicles.vehicle',
            value: 'registration_number',
            label: ['make', 'registration_number'],
            where: { '!=': [{ var: 'make' }, 'Scrapped'] },
          },
        },
        { id: 'buyer', type: 'text', label: text('Buyer') },
      ],
    },
  ],
  outputs: [
    {
      type: 'registry-update',
      registry: 'vehicles',
      operation: 'transfer-vehicle',
      values: { vehicle: 'answers.vehicle', buyer_tax_number: 'answers.buyer' },
    },
    { type: 'document', documentType: 'vehicle-registration', holder: 'answers.buyer' },
  ],
}

describe('the output types and choices from records in a definition', () => {
  it('accepts revoke-document, certificate, list, a document for another holder and a select from records', () => {
    for (const definition of [lostDocument, certificate, sale]) {
      const checked = checkDefinition(definition)
      assert.ok('definition' in checked, JSON.stringify(checked))
    }
  })

  it('names the exact path of what is wrong with them', () => {
    const problems = (input: unknown) =>
      'problems' in checkDefinition(input) ? checkDefinition(input) : { problems: [] }
    const paths = (input: unknown) =>
      (problems(input) as { problems: Array<{ path: string }> }).problems.map((p) => p.path)
    assert.deepEqual(
      paths({ ...lostDocument, outputs: [{ ...lostDocument.outputs[0], documentType: 'answers.nope' }] }),
      ['outputs[0]'],
    )
    assert.deepEqual(paths({ ...certificate, data: [] }), ['outputs[0].sections[0].records', 'outputs[1].records'])
    const [first, list] = certificate.outputs
    const unknownOperator = { ...first, sections: first?.sections?.map((s) => ({ ...s, where: { eval: 'x' } })) }
    assert.deepEqual(paths({ ...certificate, outputs: [unknownOperator, list] }), ['outputs[0].sections[0].where'])
    assert.deepEqual(paths({ ...sale, data: [] }), ['pages[0].fields[0].optionsFrom.records'])
    assert.deepEqual(
      paths({ ...sale, outputs: [{ type: 'document', documentType: 'x-y', holder: 'answers.nobody' }] }),
      ['outputs[0]'],
    )
    // A permit's section of answers names questions the service asks.
    const fieldOf = lostDocument.pages[0]?.fields[0]?.id as string
    const permit = (answers: string[]) => ({
      ...lostDocument,
      outputs: [
        {
          type: 'certificate',
          fileName: 'permit',
          title: text('Permit'),
          sections: [{ heading: text('It'), answers }],
        },
      ],
    })
    assert.ok('definition' in checkDefinition(permit([fieldOf])))
    assert.deepEqual(paths(permit([fieldOf, 'nobody'])), ['outputs[0].sections[0].answers[1]'])
    assert.deepEqual(paths({ ...lostDocument, outputs: [{ type: 'revoke-document', documentType: 'Not A Code' }] }), [
      'outputs[0].documentType',
      'outputs[0].reason',
    ])
  })

  it('offers the applicant’s own records as the options, and takes no other', () => {
    const definition = parseDefinition(sale)
    const data = {
      person: {},
      records: {
        vehicles: {
          vehicle: [
            { make: 'Škoda', registration_number: 'AA1234BB' },
            { make: 'Scrapped', registration_number: 'AA0000AA' },
            { make: 'Tesla', registration_number: 'KA7777KA' },
          ],
        },
      },
      applicant: { age: 40, citizen_id: 'c1' },
      today: '2026-06-01',
    }
    const [field] = askedFields(definition, { ...data, answers: {} })
    assert.deepEqual(
      field?.options?.map((o) => [o.value, o.label.en]),
      [
        ['AA1234BB', 'Škoda AA1234BB'],
        ['KA7777KA', 'Tesla KA7777KA'],
      ],
    )
    assert.deepEqual(checkAnswers(definition, { vehicle: 'KA7777KA', buyer: '1' }, data).errors, [])
    for (const other of ['AA0000AA', 'BB9999BB']) {
      assert.deepEqual(
        checkAnswers(definition, { vehicle: other, buyer: '1' }, data).errors.map((e) => e.field),
        ['vehicle'],
      )
    }
  })
})

describe('a choice among records that reads today', () => {
  it('keeps the children under 14 on the platform’s date', () => {
    const definition = parseDefinition({
      ...sale,
      data: [{ registry: 'civil-status', kind: 'birth' }],
      pages: [
        {
          id: 'child',
          title: text('Child'),
          fields: [
            {
              id: 'child',
              type: 'select',
              label: text('Child'),
              optionsFrom: {
                records: 'records.civil-status.birth',
                value: 'document_number',
                label: ['name'],
                where: { '<': [{ years_since: [{ var: 'born' }, { var: 'today' }] }, 14] },
              },
            },
          ],
        },
      ],
      outputs: [],
    })
    const births = [
      { document_number: 'I-1', name: 'Ann', born: '2012-06-02' },
      { document_number: 'I-2', name: 'Bo', born: '2012-06-01' },
    ]
    const [field] = askedFields(definition, {
      person: {},
      records: { 'civil-status': { birth: births } },
      applicant: { age: 40, citizen_id: 'c1' },
      today: '2026-06-01',
      answers: {},
    })
    assert.deepEqual(
      field?.options?.map((o) => o.value),
      ['I-1'],
      'Bo turned 14 today',
    )
  })
})

describe(`carrying out the new outputs on ${testEngine}`, () => {
  let store: Store
  const revoked: Array<[string, string, string]> = []
  const sealed: CertificateContent[] = []
  const issued: Array<[string, string]> = []
  const checked: string[] = []
  const records: Record<string, RegistryRecord[]> = {
    'police.criminal-record': [
      {
        registry: 'police',
        kind: 'criminal-record',
        id: 'r1',
        data: { article: '185', court: { name: 'A court' }, active: true },
      },
      { registry: 'police', kind: 'criminal-record', id: 'r2', data: { article: '190', court: null, active: false } },
    ],
    'vehicles.vehicle': [
      { registry: 'vehicles', kind: 'vehicle', id: 'v1', data: { make: 'Škoda', registration_number: 'AA1234BB' } },
    ],
  }
  let ports: ServicePorts

  before(async () => {
    store = await openTestStore()
    ports = {
      store,
      now: () => now,
      async queryRegistry(query) {
        if (query.registry === 'population') {
          return [
            {
              registry: 'population',
              kind: 'person',
              id: query.citizenId,
              data: {
                family_name: 'Шевченко',
                given_name: 'Тарас',
                birth_date: '1990-03-09',
                tax_number: '3281200010',
              },
            },
          ]
        }
        return records[`${query.registry}.${query.kind}`] ?? []
      },
      async updateRegistry() {},
      async checkRegistryUpdate(update) {
        checked.push(`${update.registry}:${update.operation}:${JSON.stringify(update.values)}`)
        if (update.values.buyer_tax_number === '0000000000') throw new PolisError('ERR_UNKNOWN_TAXPAYER')
      },
      async issueDocument(citizenId, documentType) {
        issued.push([citizenId, documentType])
        return { configurationIds: [`${documentType}.dc+sd-jwt`] }
      },
      async revokeDocument(citizenId, documentType, reason) {
        revoked.push([citizenId, documentType, reason])
        return { revoked: 2 }
      },
      async sealCertificate(content) {
        sealed.push(content)
        return { id: 'certificate-1', fileName: `${content.fileName}.pdf` }
      },
      async findCitizenByTaxNumber(taxNumber) {
        return taxNumber === '3046100070' ? 'buyer-1' : undefined
      },
      findService() {
        throw new PolisError('ERR_UNKNOWN_SERVICE')
      },
      async findServiceVersion() {
        throw new PolisError('ERR_UNKNOWN_SERVICE')
      },
    }
  })
  after(() => store.close())

  const submit = (definition: ServiceDefinition, answers: Record<string, unknown>, key: string) =>
    submitApplication(ports, { definition, citizenId: 'citizen-1', clientKey: key, answers })

  it('revokes the document the answer names, with the reason, and records how many', async () => {
    const application = await submit(parseDefinition(lostDocument), { document: 'driver-licence' }, 'key-revoke-1')
    assert.equal(application.status, 'completed')
    assert.deepEqual(revoked, [['citizen-1', 'driver-licence', 'Lost']])
    const output = application.events.find((e) => e.type === 'output-issued')
    assert.deepEqual(output?.data, { type: 'revoke-document', documentType: 'driver-licence', revoked: 2 })
  })

  it('seals a certificate of the records its rule keeps, and keeps a list with the application', async () => {
    const application = await submit(parseDefinition(certificate), {}, 'key-certificate-1')
    assert.equal(application.status, 'completed')
    assert.equal(sealed.length, 1)
    assert.deepEqual(sealed[0], {
      applicationId: application.id,
      citizenId: 'citizen-1',
      fileName: 'criminal-record',
      title: text('Criminal record'),
      holder: { name: 'Шевченко Тарас', birthDate: '1990-03-09', taxNumber: '3281200010' },
      sections: [
        {
          heading: text('Convictions'),
          columns: [text('Article'), text('Court')],
          rows: [['185', 'A court']],
          empty: text('None'),
        },
      ],
      issuedAt: now.toISOString(),
    })
    const outputs = application.events.filter((e) => e.type === 'output-issued').map((e) => e.data)
    assert.deepEqual(outputs[0], { type: 'certificate', certificate: 'certificate-1', fileName: 'criminal-record.pdf' })
    assert.deepEqual(outputs[1], {
      type: 'list',
      label: text('All of them'),
      columns: [text('Article')],
      rows: [['185'], ['190']],
      empty: text('None'),
    })
  })

  it('checks the registry writes at submission: bad input is refused with its code and nothing is written', async () => {
    const definition = parseDefinition({ ...sale, decision: { by: 'official', deadlineDays: 5 } })
    await assert.rejects(submit(definition, { vehicle: 'AA1234BB', buyer: '0000000000' }, 'key-sale-1'), (error) =>
      isPolisError(error, 'ERR_UNKNOWN_TAXPAYER'),
    )
    assert.deepEqual(checked, ['vehicles:transfer-vehicle:{"vehicle":"AA1234BB","buyer_tax_number":"0000000000"}'])
    const rows = await store.db.selectFrom('applications').select('id').where('client_key', '=', 'key-sale-1').execute()
    assert.equal(rows.length, 0)
  })

  it('issues a document to the holder the answers name by tax number, and tells them', async () => {
    const application = await submit(parseDefinition(sale), { vehicle: 'AA1234BB', buyer: '3046100070' }, 'key-sale-2')
    assert.equal(application.status, 'completed')
    assert.deepEqual(issued.at(-1), ['buyer-1', 'vehicle-registration'])
    const told = await store.db
      .selectFrom('inbox_messages')
      .select('body')
      .where('citizen_id', '=', 'buyer-1')
      .execute()
    assert.equal(told.length, 1)
  })
})
