import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { openTestStore, type Store, testEngine } from '@polis/store'
import { loadCatalogue } from './catalogue.ts'
import type { ServiceDefinition } from './definition.ts'
import { openLiveCatalogue } from './live-catalogue.ts'
import {
  approveVersion,
  createDraft,
  DefinitionRefused,
  retireService,
  rollBack,
  sendBack,
  submitForReview,
  updateDraft,
} from './service-lifecycle.ts'
import { getServiceVersion, listServiceVersions, seedServiceVersions, serviceHistory } from './service-versions.ts'

const now = new Date('2026-06-01T10:00:00Z')
const designer = { actor: 'official:designer', now }
const approver = { actor: 'official:approver', now }
const text = (en: string) => ({ uk: `${en} (uk)`, en, et: `${en} (et)` })

/** A small valid service: one page asking a name and an age, decided by a rule over the age. */
const permit = (): Record<string, unknown> => ({
  code: 'street-event-permit',
  version: 1,
  name: text('Street event permit'),
  summary: text('A permit to hold an event in the street'),
  category: 'civic',
  agency: 'state-chancellery',
  pages: [
    {
      id: 'event',
      title: text('The event'),
      fields: [
        { id: 'name', type: 'text', label: text('Name of the event') },
        { id: 'people', type: 'number', label: text('How many people') },
      ],
    },
  ],
  decision: {
    by: 'rules',
    rules: [{ when: { '>': [{ var: 'answers.people' }, 500] }, outcome: 'reject', reason: text('Too many') }],
    otherwise: 'approve',
  },
})

const refusal = (code: string) => (error: unknown) => isPolisError(error, code as never)
const pathsOf = (error: unknown) => (error instanceof DefinitionRefused ? error.problems.map((p) => p.path) : [])

describe(`service versions and their lifecycle on ${testEngine}`, () => {
  let store: Store
  before(async () => {
    store = await openTestStore()
  })
  after(async () => {
    await store.close()
  })

  it('puts each catalogue file in as the live version of its code once, even from two processes at once', async () => {
    const catalogue = loadCatalogue()
    const counts = await Promise.all([
      seedServiceVersions(store, { definitions: catalogue, now }),
      seedServiceVersions(store, { definitions: catalogue, now }),
    ])
    assert.ok(counts.some((n) => n === catalogue.length))
    assert.equal(await seedServiceVersions(store, { definitions: catalogue, now }), 0)
    const versions = await listServiceVersions(store)
    assert.equal(versions.length, catalogue.length)
    assert.ok(versions.every((v) => v.state === 'live' && v.createdBy === 'system'))
    // A catalogue file changed later does not overwrite what the database holds.
    const changed = catalogue.map((d) => ({ ...d, version: d.version + 1 }))
    assert.equal(await seedServiceVersions(store, { definitions: changed, now }), 0)
  })

  it('takes a new service from draft through review to live, with who did each step', async () => {
    const draft = await createDraft(store, { ...designer, code: 'street-event-permit', definition: permit() })
    assert.deepEqual([draft.version, draft.state, draft.revision], [1, 'draft', 1])
    const edited = await updateDraft(store, {
      ...designer,
      code: draft.code,
      version: draft.version,
      revision: draft.revision,
      definition: { ...permit(), summary: text('A permit for a street party') },
    })
    assert.equal(edited.revision, 2)
    await submitForReview(store, { ...designer, code: draft.code, version: 1 })
    await assert.rejects(
      approveVersion(store, { ...designer, code: draft.code, version: 1 }),
      refusal('ERR_SAME_REVIEWER'),
    )
    const live = await approveVersion(store, { ...approver, code: draft.code, version: 1 })
    assert.deepEqual([live.state, live.reviewedBy], ['live', 'official:approver'])
    const history = await serviceHistory(store, draft.code)
    assert.deepEqual(
      history.map((h) => [h.type, h.version, h.actor]),
      [
        ['created', 1, 'official:designer'],
        ['updated', 1, 'official:designer'],
        ['submitted', 1, 'official:designer'],
        ['published', 1, 'official:approver'],
      ],
    )
    await assert.rejects(
      updateDraft(store, { ...designer, code: draft.code, version: 1, revision: 2, definition: permit() }),
      refusal('ERR_VERSION_STATE'),
    )
  })

  it('lets exactly one of two updates made at the same revision win; the other is told the draft changed', async () => {
    const draft = await createDraft(store, { ...designer, code: 'street-event-permit', from: 'live' })
    assert.deepEqual([draft.version, draft.basedOn], [2, 1])
    const results = await Promise.allSettled(
      ['First', 'Second'].map((name) =>
        updateDraft(store, {
          actor: `official:${name}`,
          now,
          code: draft.code,
          version: draft.version,
          revision: draft.revision,
          definition: { ...permit(), name: text(name) },
        }),
      ),
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r) => r.status === 'rejected')
    assert.equal(won.length, 1)
    assert.equal(lost.length, 1)
    assert.ok(refusal('ERR_DRAFT_CHANGED')(lost[0]?.reason))
    const stored = await getServiceVersion(store.db, draft)
    assert.equal(stored.revision, 2)
    const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined
    assert.ok(winner)
    assert.deepEqual((stored.definition as ServiceDefinition).name, (winner.definition as ServiceDefinition).name)
    // Reading again and redoing the change goes through.
    await updateDraft(store, { ...designer, code: draft.code, version: 2, revision: 2, definition: permit() })
  })

  it('refuses to send for review a rule reading an answer no page asks for, at its exact path', async () => {
    const definition = permit() as { decision: { rules: Array<{ when: unknown }> } }
    definition.decision.rules[0] = { ...definition.decision.rules[0], when: { '>': [{ var: 'answers.guests' }, 500] } }
    const draft = await createDraft(store, { ...designer, code: 'street-event-permit', definition })
    const error = await submitForReview(store, { ...designer, code: draft.code, version: draft.version }).catch(
      (e: unknown) => e,
    )
    assert.ok(refusal('ERR_SERVICE_DEFINITION_INVALID')(error))
    assert.deepEqual(pathsOf(error), ['decision.rules[0].when'])
    assert.match((error as DefinitionRefused).problems[0]?.message ?? '', /answers\.guests/)
    assert.equal((await getServiceVersion(store.db, draft)).state, 'draft')
  })

  it('refuses to send for review a bundle whose part is no live service, as the shipped catalogue is checked', async () => {
    const bundle = (parts: unknown[]) => ({
      ...permit(),
      code: 'moving-bundle',
      decision: { by: 'bundle' },
      parts,
    })
    const address = { id: 'address', service: 'residence-registration', answers: { street: 'answers.name' } }
    const draft = await createDraft(store, {
      ...designer,
      code: 'moving-bundle',
      definition: bundle([address, { id: 'later', service: 'no-such-service', after: ['address'] }]),
    })
    const error = await submitForReview(store, { ...designer, code: draft.code, version: draft.version }).catch(
      (e: unknown) => e,
    )
    assert.ok(refusal('ERR_SERVICE_DEFINITION_INVALID')(error))
    assert.deepEqual(pathsOf(error), ['parts[1].service'])
    await updateDraft(store, {
      ...designer,
      code: draft.code,
      version: draft.version,
      revision: draft.revision,
      definition: bundle([address]),
    })
    const sent = await submitForReview(store, { ...designer, code: draft.code, version: draft.version })
    assert.equal(sent.state, 'in-review')
  })

  it('refuses an output value taken from an answer no page asks for, at its exact path', async () => {
    const definition = {
      ...permit(),
      outputs: [
        {
          type: 'record',
          label: text('Permit'),
          values: [{ id: 'n', label: text('N'), rule: { var: 'answers.crowd' } }],
        },
        {
          type: 'registry-update',
          registry: 'population',
          operation: 'change-address',
          values: { city: 'answers.town' },
        },
      ],
    }
    const draft = await createDraft(store, { ...designer, code: 'street-event-permit', definition })
    const error = await submitForReview(store, { ...designer, code: draft.code, version: draft.version }).catch(
      (e: unknown) => e,
    )
    assert.deepEqual(pathsOf(error).sort(), ['outputs[0].values[0].rule', 'outputs[1].values.city'])
  })

  it('refuses a text missing one of its three languages, at its exact path', async () => {
    const definition = permit() as { pages: Array<{ fields: Array<{ label: Record<string, string> }> }> }
    const label = definition.pages[0]?.fields[1]?.label
    if (label) delete label.et
    const draft = await createDraft(store, { ...designer, code: 'street-event-permit', definition })
    const error = await submitForReview(store, { ...designer, code: draft.code, version: draft.version }).catch(
      (e: unknown) => e,
    )
    assert.deepEqual(pathsOf(error), ['pages[0].fields[1].label.et'])
    assert.match((error as DefinitionRefused).problems[0]?.message ?? '', /et translation is missing/)
  })

  it('sends back with a reason, publishes over the live version, retires and rolls back as a new version', async () => {
    const code = 'street-event-permit'
    await submitForReview(store, { ...designer, code, version: 2 })
    await assert.rejects(sendBack(store, { ...approver, code, version: 2, reason: ' ' }), refusal('ERR_BAD_REQUEST'))
    const returned = await sendBack(store, { ...approver, code, version: 2, reason: 'Say where the event is' })
    assert.equal(returned.state, 'draft')
    await submitForReview(store, { ...designer, code, version: 2 })
    await approveVersion(store, { ...approver, code, version: 2 })
    assert.equal((await getServiceVersion(store.db, { code, version: 1 })).state, 'superseded')

    const catalogue = await openLiveCatalogue({ store })
    assert.equal(catalogue.find(code)?.version, 2)
    await retireService(store, { ...approver, code, reason: 'The season is over' })
    await catalogue.refresh()
    assert.equal(catalogue.find(code), undefined)
    // An application submitted under a retired or superseded version still finds its definition.
    assert.equal((await catalogue.findVersion(code, 2)).version, 2)
    assert.equal((await catalogue.findVersion(code, 1)).version, 1)
    await assert.rejects(catalogue.findVersion(code, 3), refusal('ERR_UNKNOWN_SERVICE'))
    // An application from before versions were kept (appeal v1; the shipped file was v2 when stored).
    assert.equal((await catalogue.findVersion('appeal', 1)).version, 2)

    const rolled = await rollBack(store, { ...approver, code, to: 1 })
    assert.equal(rolled.state, 'live')
    assert.equal(rolled.basedOn, 1)
    assert.equal((rolled.definition as ServiceDefinition).version, rolled.version)
    assert.ok(rolled.version > 2)
    await assert.rejects(rollBack(store, { ...approver, code, to: rolled.version }), refusal('ERR_VERSION_STATE'))
    await catalogue.refresh()
    assert.equal(catalogue.find(code)?.version, rolled.version)
    const history = await serviceHistory(store, code)
    assert.deepEqual(
      history.slice(-3).map((h) => [h.type, h.reason]),
      [
        ['published', null],
        ['retired', 'The season is over'],
        ['rolled-back', 'to v1'],
      ],
    )
  })

  it('publishes a version once when two approvers approve it at the same moment', async () => {
    const draft = await createDraft(store, { ...designer, code: 'poll', from: 'live' })
    await submitForReview(store, { ...designer, code: 'poll', version: draft.version })
    const results = await Promise.allSettled(
      ['official:one', 'official:two'].map((actor) =>
        approveVersion(store, { actor, now, code: 'poll', version: draft.version }),
      ),
    )
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    const lost = results.find((r) => r.status === 'rejected')
    assert.ok(refusal('ERR_VERSION_STATE')(lost?.status === 'rejected' ? lost.reason : undefined))
    const versions = await listServiceVersions(store, { code: 'poll' })
    assert.deepEqual(
      versions.map((v) => v.state),
      ['superseded', 'live'],
    )
  })

  it('is noticed by another process within its check interval, without a query per lookup', async () => {
    let clock = 0
    const other = await openLiveCatalogue({ store, checkEveryMs: 2000, clock: () => clock })
    const before = other.find('street-event-permit')?.version
    await retireService(store, { ...approver, code: 'street-event-permit' })
    await other.poll()
    assert.equal(other.find('street-event-permit')?.version, before, 'not checked again before 2 s')
    clock = 2000
    await other.poll()
    assert.equal(other.find('street-event-permit'), undefined)
  })

  it('is seen by another process at once when that process checks before answering', async () => {
    const other = await openLiveCatalogue({ store, checkEveryMs: 60_000, clock: () => 0 })
    const draft = await createDraft(store, { ...designer, code: 'appeal', from: 'live' })
    await submitForReview(store, { ...designer, code: 'appeal', version: draft.version })
    // A reload under way when the version goes live (it read the counter before) is not enough.
    const reloading = other.refresh()
    await approveVersion(store, { ...approver, code: 'appeal', version: draft.version })
    await other.check()
    assert.equal(other.find('appeal')?.version, draft.version)
    await reloading
    assert.equal(other.find('appeal')?.version, draft.version)
  })
})
