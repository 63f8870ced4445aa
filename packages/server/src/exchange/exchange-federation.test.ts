import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { frozenClock, isPolisError } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import {
  addExchangeFederation,
  type FetchText,
  grantFederatedRight,
  listExchangeFederations,
  refreshExchangeFederations,
  revokeFederatedRight,
} from './exchange-federations.ts'
import type { Exchange } from './start-exchange.ts'

// docs/exchange.md, exchange federation: Ukraine's and Estonia's exchanges federate as
// X-Road instances do; a Ukrainian service reads Estonia's population register through
// both instances' security servers, once Estonia has granted it by name.
let ua: Awaited<ReturnType<typeof createTestPlatform>>
let ee: Awaited<ReturnType<typeof createTestPlatform>>
let uaExchange: Exchange
let eeExchange: Exchange
const reader = 'UA/GOV/migration-service/services'
const register = 'EE/GOV/migration-service/population/records'

/** Changes what Ukraine's central registry answers on the way (a test's man in the middle). */
let tamper: ((signed: string) => string) | undefined
/** The network between the two instances: each origin's requests go to its app. */
const fetchText: FetchText = async (url) => {
  const to = url.startsWith(ee.origin) ? ee : ua
  const response = await to.app.request(url)
  if (!tamper || to !== ua || !url.endsWith('/globalconf')) return response
  const text = tamper(await response.text())
  return { ok: response.ok, status: response.status, text: async () => text }
}

async function anchorOf(t: typeof ua) {
  return (await (await t.app.request('/exchange/anchor')).json()) as { instance: string; publicKey: unknown }
}

/** A Ukrainian information system asks its platform's security server for an Estonian citizen's records. */
async function readEstonianRecords(citizenId: string) {
  const port = (uaExchange.ports['ss-platform'] as { consumer: number }).consumer
  const response = await fetch(`http://127.0.0.1:${port}/r1/${register}/persons/${citizenId}/records?kind=person`, {
    headers: { 'x-road-client': reader, 'x-road-userid': citizenId, 'x-road-issue': 'service:benefit-abroad' },
  })
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the register's answer and the fault alike
  return { status: response.status, id: response.headers.get('x-road-id'), body: (await response.json()) as any }
}

before(async () => {
  const now = frozenClock('2026-06-01T10:00:00Z')
  ua = await createTestPlatform({ citizens: 20, now })
  ee = await createTestPlatform({
    citizens: 20,
    now: frozenClock(now()),
    env: () => ({ POLIS_COUNTRY: 'EE', POLIS_PUBLIC_URL: 'https://ee.polis.test' }),
  })
  uaExchange = (await ua.platform.exchange?.()) as Exchange
  eeExchange = (await ee.platform.exchange?.()) as Exchange
})
after(async () => {
  await ee?.close()
  await ua?.close()
})

describe(`exchange federation between two instances on ${testEngine}`, () => {
  it('refuses to federate on an anchor that is not the one agreed, and keeps nothing', async () => {
    const wrong = await addExchangeFederation(ee.platform.store, {
      instance: 'UA',
      url: `${ua.origin}/exchange/globalconf`,
      anchorSha256: 'A'.repeat(43),
      fetchText,
      now: ee.now(),
    }).catch((error: unknown) => error)
    assert.ok(isPolisError(wrong, 'ERR_EXCHANGE_CONF_SIGNATURE'), String(wrong))
    // Estonia's own anchor given for Ukraine: another instance's.
    const other = await addExchangeFederation(ee.platform.store, {
      instance: 'UA',
      url: `${ua.origin}/exchange/globalconf`,
      anchor: { ...(await anchorOf(ee)), instance: 'UA' },
      fetchText,
      now: ee.now(),
    }).catch((error: unknown) => error)
    assert.ok(isPolisError(other, 'ERR_EXCHANGE_CONF_SIGNATURE'), String(other))
    assert.deepEqual(await listExchangeFederations(ee.platform.store), [])
  })

  it('federates both ways: by the anchor’s fingerprint, and by the anchor handed over', async () => {
    const { anchorFingerprint, ExchangeAnchor } = await import('./exchange-federations.ts')
    const fingerprint = await anchorFingerprint(ExchangeAnchor.parse(await anchorOf(ua)))
    const added = await addExchangeFederation(ee.platform.store, {
      instance: 'UA',
      url: `${ua.origin}/exchange/globalconf`,
      anchorSha256: fingerprint,
      fetchText,
      now: ee.now(),
    })
    assert.equal(added.instance, 'UA')
    await addExchangeFederation(ua.platform.store, {
      instance: 'EE',
      url: `${ee.origin}/exchange/globalconf`,
      anchor: await anchorOf(ee),
      fetchText,
      now: ua.now(),
    })
    // Each instance's servers take the other's configuration at their next refresh.
    await Promise.all([uaExchange.publish(), eeExchange.publish()])
    const status = await uaExchange.status()
    assert.ok(status.every((s) => s.federated.some((f) => f.instance === 'EE' && f.serial !== undefined)))
  })

  it('refuses a Ukrainian service’s read of the Estonian register no right names, naming Estonia', async () => {
    const citizen = ee.citizens[0] as (typeof ee.citizens)[number]
    const refused = await readEstonianRecords(citizen.id)
    assert.equal(refused.status, 403)
    assert.equal(refused.body.detail, 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED')
    assert.equal(refused.body.instance, 'EE')
    // Estonia's own systems' rights to its population register open nothing to Ukraine's.
    const logged = await ee.platform.store.db
      .selectFrom('data_access_log')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .where('reader', '=', reader)
      .execute()
    assert.equal(logged.length, 0)
  })

  it('carries the read once Estonia grants it, recorded by both instances’ servers', async () => {
    await grantFederatedRight(ee.platform.store, {
      client: reader,
      service: register,
      method: 'GET',
      path: '/persons/{citizenId}/records',
      now: ee.now(),
    })
    await eeExchange.publish()
    const citizen = ee.citizens[0] as (typeof ee.citizens)[number]
    const read = await readEstonianRecords(citizen.id)
    assert.equal(read.status, 200, JSON.stringify(read.body))
    assert.ok(JSON.stringify(read.body).includes(citizen.id))
    // Estonia's keeper logged the read with the Ukrainian system as its reader.
    const logged = await ee.platform.store.db
      .selectFrom('data_access_log')
      .select(['reader', 'purpose'])
      .where('citizen_id', '=', citizen.id)
      .where('reader', '=', reader)
      .execute()
    assert.deepEqual({ ...logged[0] }, { reader, purpose: 'service:benefit-abroad' })
    // Both sides recorded the message, each in its own store (and from there its transparency log).
    const recorded = async (t: typeof ua) => {
      for (let tries = 0; tries < 50; tries++) {
        const rows = await t.platform.store.db
          .selectFrom('exchange_records')
          .select(['side', 'client', 'service', 'status'])
          .where('message_id', '=', read.id as string)
          .execute()
        if (rows.length > 0) return rows.map((row) => ({ ...row }))
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      return []
    }
    const inUkraine = await recorded(ua)
    const inEstonia = await recorded(ee)
    assert.deepEqual(inUkraine, [{ side: 'consumer', client: reader, service: register, status: 200 }])
    assert.deepEqual(inEstonia, [{ side: 'provider', client: reader, service: register, status: 200 }])
  })

  it('keeps Ukraine’s configuration held when a refresh brings a bad signature or an older serial', async () => {
    const held = (await listExchangeFederations(ee.platform.store))[0]
    tamper = (signed) => `${signed.slice(0, -4)}AAAA`
    try {
      const [bad] = await refreshExchangeFederations(ee.platform.store, { fetchText, now: ee.now() })
      assert.deepEqual(bad, { instance: 'UA', ok: false, error: 'ERR_EXCHANGE_CONF_SIGNATURE' })
      // An older publication replayed: the serial held is higher.
      await ee.platform.store.db
        .updateTable('exchange_federations')
        .set({ serial: 1_000_000 })
        .where('instance', '=', 'UA')
        .execute()
      tamper = undefined
      const [old] = await refreshExchangeFederations(ee.platform.store, { fetchText, now: ee.now() })
      assert.deepEqual(old, { instance: 'UA', ok: false, error: 'ERR_EXCHANGE_CONF_ROLLBACK' })
    } finally {
      tamper = undefined
    }
    const kept = (await listExchangeFederations(ee.platform.store))[0]
    assert.equal(kept?.lastError, 'ERR_EXCHANGE_CONF_ROLLBACK')
    assert.equal(kept?.fetchedAt, held?.fetchedAt)
    // The servers keep working on the configuration held.
    await eeExchange.publish()
    assert.equal((await readEstonianRecords((ee.citizens[1] as (typeof ee.citizens)[number]).id)).status, 200)
  })

  it('refuses the read again once Estonia withdraws the right', async () => {
    assert.equal(await revokeFederatedRight(ee.platform.store, { client: reader, service: register }), 1)
    await eeExchange.publish()
    const refused = await readEstonianRecords((ee.citizens[2] as (typeof ee.citizens)[number]).id)
    assert.equal(refused.status, 403)
    assert.equal(refused.body.detail, 'ERR_EXCHANGE_FEDERATED_ACCESS_DENIED')
  })
})
