import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actorKind, readApplication, readApplications, readInbox, reasonShown } from './citizen-applications.ts'

describe("the citizen's applications and inbox", () => {
  it('lists applications newest first and leaves out what is not one', () => {
    const list = readApplications([
      { id: 'a1', serviceCode: 'appeal', status: 'in-review', createdAt: '2026-05-01T10:00:00Z', updatedAt: 'x' },
      { id: 'a2', serviceCode: 'petition', status: 'completed', createdAt: '2026-05-03T10:00:00Z' },
      { id: 'broken' },
    ])
    assert.deepEqual(
      list.map((a) => a.id),
      ['a2', 'a1'],
    )
  })

  it('gives the history newest first, steps of one moment in reverse of their order', () => {
    const at = '2026-06-01T10:00:00Z'
    const detail = readApplication({
      id: 'a1',
      serviceCode: 'residence-registration',
      status: 'completed',
      createdAt: at,
      updatedAt: at,
      events: [
        { seq: 1, type: 'submitted', at, actor: 'citizen:c1', reason: null, data: {} },
        { seq: 2, type: 'decided', at, actor: 'system', reason: null, data: {} },
        { seq: 3, type: 'completed', at, actor: 'system', reason: null, data: {} },
        { seq: 4, type: 'info-requested', at: '2026-06-02T09:00:00Z', actor: 'official:o1', reason: 'Which flat?' },
      ],
    })
    assert.deepEqual(
      detail?.events.map((e) => e.type),
      ['info-requested', 'completed', 'decided', 'submitted'],
    )
    assert.equal(detail?.events[0]?.reason, 'Which flat?')
    assert.equal(detail?.events[0] && reasonShown(detail.events[0]), true)
    assert.equal(readApplication({ id: 'x' }), undefined)
  })

  it('reads the inbox newest first, and says who took a step', () => {
    const inbox = readInbox([
      { id: 'm1', applicationId: 'a1', title: 'T', body: 'B', createdAt: '2026-05-01T10:00:00Z', read: false },
      { id: 'm2', applicationId: null, title: 'T2', body: 'B2', createdAt: '2026-05-02T10:00:00Z', read: true },
    ])
    assert.deepEqual(
      inbox.map((m) => [m.id, m.applicationId, m.read]),
      [
        ['m2', null, true],
        ['m1', 'a1', false],
      ],
    )
    assert.equal(actorKind('citizen:c1'), 'you')
    assert.equal(actorKind('official:o1'), 'official')
    assert.equal(actorKind('system'), 'system')
  })

  it('reads what a step produced: a record, money paid, a document made ready', () => {
    const at = '2026-06-01T10:00:00Z'
    const detail = readApplication({
      id: 'a1',
      serviceCode: 'kindergarten-queue',
      status: 'completed',
      createdAt: at,
      events: [
        {
          seq: 1,
          type: 'output-issued',
          at,
          actor: 'system',
          reason: null,
          data: {
            type: 'record',
            values: [
              { id: 'position', label: { uk: 'Місце', en: 'Place', et: 'Koht' }, value: 12 },
              { id: 'fee', label: { uk: 'Плата', en: 'Fee', et: 'Tasu' }, value: 1500, currency: 'UAH' },
              { id: 'broken', value: {} },
            ],
          },
        },
        { seq: 2, type: 'paid', at, actor: 'system', reason: null, data: { amount: 55800, currency: 'UAH' } },
        {
          seq: 3,
          type: 'output-issued',
          at,
          actor: 'system',
          reason: null,
          data: { type: 'document', documentType: 'residence-extract' },
        },
      ],
    })
    const [document, paid, record] = detail?.events ?? []
    assert.equal(document?.documentType, 'residence-extract')
    assert.deepEqual(paid?.money, { amount: 55800, currency: 'UAH' })
    assert.deepEqual(
      record?.values.map((v) => [v.label.en, v.value, v.currency]),
      [
        ['Place', 12, undefined],
        ['Fee', 1500, 'UAH'],
      ],
    )
  })

  it('says why a decision was taken, and leaves out the platform notes on routine steps', () => {
    const at = '2026-06-01T10:00:00Z'
    const detail = readApplication({
      id: 'a1',
      serviceCode: 'residence-registration',
      status: 'rejected',
      createdAt: at,
      events: [
        { seq: 1, type: 'prefilled', at, actor: 'system', reason: 'read from the registries', data: {} },
        {
          seq: 2,
          type: 'decided',
          at,
          actor: 'system',
          reason: 'Already registered there.',
          data: { outcome: 'reject' },
        },
      ],
    })
    const [decided, prefilled] = detail?.events ?? []
    assert.equal(decided?.outcome, 'reject')
    assert.equal(decided && reasonShown(decided), true)
    assert.equal(prefilled && reasonShown(prefilled), false)
  })
})
