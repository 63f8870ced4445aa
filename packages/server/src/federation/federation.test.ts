import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { setTimeout as delay } from 'node:timers/promises'
import { presentQr } from '@polis/documents/qr'
import { frozenClock, isPolisError } from '@polis/kernel'
import { isValidEstonianPersonalCode } from '@polis/registries'
import { testEngine } from '@polis/store'
import { startHousekeeping } from '../platform/housekeeping.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import {
  addFederatedCountry,
  type FetchText,
  refreshFederatedCountries,
  setIssuerWithdrawn,
} from './federated-countries.ts'

// docs/federation.md: Estonia's instance relies on Ukraine's trust list, fetched by URL
// and pinned to the anchor fingerprint Ukraine's operator gave.
let ua: Awaited<ReturnType<typeof createTestPlatform>>
let ee: Awaited<ReturnType<typeof createTestPlatform>>
let holder: CryptoKeyPair
let credential: Uint8Array
/** A Ukrainian ID card as an SD-JWT VC (without key binding: a copy, as `polis issue` writes it). */
let sdJwt: string
let anchorSha256: string
let listUrl: string
let tamper: ((text: string) => string) | undefined

/** The network between the two instances: requests to Ukraine's origin go to its app. */
const fetchText: FetchText = async (url) => {
  const response = await ua.app.request(url)
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  const text = await response.text()
  return tamper && url === listUrl ? tamper(text) : text
}

async function present(at: Date) {
  return presentQr({
    credential,
    disclose: ['given_name', 'family_name', 'age_over_18'],
    deviceSign: async (bytes) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          holder.privateKey,
          bytes as Uint8Array<ArrayBuffer>,
        ),
      ),
    now: at,
  })
}

/** What the verifier API answers, as far as these tests read it. */
interface Answer {
  type?: string
  issuer: { subject: string; iss?: string; country?: { code: string; name: string } }
  error: { code: string; message: string; country?: { code: string; name: string } }
}

/** A trust list as `/trust/list.json` shows it, as far as these tests read it. */
interface ReadableList {
  country: { code: string; name: string }
  entities: Array<{ id: string; name: Record<string, string> }>
}

/** Estonia's verifier API, asked in `language`, with the in-person code or the SD-JWT VC. */
async function verifyInEstonia(language = 'en', format: 'qr' | 'sd-jwt' = 'qr') {
  const response = await ee.app.request('/api/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify({ presentation: format === 'qr' ? await present(ee.now()) : sdJwt }),
  })
  return { status: response.status, body: (await response.json()) as Answer }
}

before(async () => {
  const now = frozenClock('2026-06-01T10:00:00Z')
  ua = await createTestPlatform({ citizens: 40 })
  ee = await createTestPlatform({
    citizens: 30,
    now: frozenClock(now()),
    env: () => ({ POLIS_COUNTRY: 'EE', POLIS_PUBLIC_URL: 'https://ee.polis.test' }),
  })
  listUrl = `${ua.origin}/trust/list`
  anchorSha256 = createHash('sha256').update(ua.platform.trust.anchor).digest('hex')
  holder = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', holder.publicKey)
  const issued = await ua.issuer.issue({
    citizenId: ua.holding('id-card'),
    documentType: 'id-card',
    format: 'polis_qr',
    holderKey: { kty, crv, x, y } as never,
  })
  credential = new Uint8Array(Buffer.from(issued.credential, 'base64url'))
  sdJwt = (
    await ua.issuer.issue({
      citizenId: ua.holding('id-card'),
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey: { kty, crv, x, y } as never,
    })
  ).credential
})
after(async () => {
  await ee?.close()
  await ua?.close()
})

describe(`trust federation between two instances on ${testEngine}`, () => {
  it('runs Estonia beside Ukraine: its own anchor, country, issuer names and personal codes', async () => {
    assert.notDeepEqual(ee.platform.trust.anchor, ua.platform.trust.anchor)
    const list = (await (await ee.app.request('/trust/list.json')).json()) as ReadableList
    assert.deepEqual(list.country, { code: 'EE', name: 'Estonia (Polis demo)' })
    const ppa = list.entities.find((e) => e.id === 'migration-service')
    assert.equal(ppa?.name.et, 'Politsei- ja Piirivalveamet')
    const uaList = (await (await ua.app.request('/trust/list.json')).json()) as ReadableList
    assert.deepEqual(uaList.country, { code: 'UA', name: 'Ukraine (Polis demo)' })
    const persons = await ee.platform.store.db.selectFrom('persons').select(['unzr', 'nationality']).execute()
    assert.ok(persons.filter((p) => p.unzr !== null).every((p) => isValidEstonianPersonalCode(p.unzr as string)))
    assert.ok(persons.some((p) => p.nationality === 'EE'))
    // Estonia's ID card names Estonia as the issuing country, and its holder's personal code.
    const holderJwk = await crypto.subtle.exportKey('jwk', holder.publicKey)
    const issued = await ee.issuer.issue({
      citizenId: ee.holding('id-card'),
      documentType: 'id-card',
      format: 'dc+sd-jwt',
      holderKey: { kty: holderJwk.kty, crv: holderJwk.crv, x: holderJwk.x, y: holderJwk.y } as never,
    })
    const verified = await ee.verifier.verify({ input: issued.credential })
    assert.equal(verified.claims.issuing_country, 'EE')
    assert.ok(isValidEstonianPersonalCode(String(verified.claims.personal_administrative_number)))
    assert.match(verified.issuer.subject, /Police and Border Guard Board/)
  })

  it('opens Estonia’s pages in Estonian, and Ukraine’s in Ukrainian, for a reader whose browser speaks neither', async () => {
    const finnish = { headers: { 'accept-language': 'fi-FI', accept: 'text/html' } }
    assert.match(await (await ee.app.request('/', finnish)).text(), /<html lang="et">/)
    assert.match(await (await ua.app.request('/', finnish)).text(), /<html lang="uk">/)
    assert.match(
      await (await ee.app.request('/?lang=en', finnish)).text(),
      /<html lang="en">/,
      'a chosen language wins',
    )
  })

  it('refuses a Ukrainian document before Ukraine’s list is added', async () => {
    const { status, body } = await verifyInEstonia()
    assert.equal(status, 400)
    assert.equal(body.error.code, 'ERR_UNTRUSTED_ISSUER')
    const sd = await verifyInEstonia('en', 'sd-jwt')
    assert.equal(sd.status, 400)
    assert.equal(sd.body.error.code, 'ERR_UNTRUSTED_ISSUER')
  })

  it('refuses a list under another anchor, or with a bad signature, and keeps nothing', async () => {
    const wrongAnchor = 'ab'.repeat(32)
    await assert.rejects(
      addFederatedCountry(ee.platform, { code: 'UA', url: listUrl, anchorSha256: wrongAnchor, fetchText }),
      (error) =>
        isPolisError(error, 'ERR_TRUST_ANCHOR_MISMATCH') &&
        /Ukraine \(Polis demo\) \(UA\)|UA \(UA\)/.test(error.message),
    )
    tamper = (jws) => {
      const [header, payload, signature] = jws.split('.')
      const changed = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), next_update: 'x' }),
      ).toString('base64url')
      return `${header}.${changed}.${signature}`
    }
    await assert.rejects(
      addFederatedCountry(ee.platform, { code: 'UA', url: listUrl, anchorSha256, fetchText }),
      (error) => isPolisError(error, 'ERR_TRUST_LIST_SIGNATURE') && /\(UA\)/.test(error.message),
    )
    tamper = undefined
    assert.equal((await ee.platform.store.db.selectFrom('federated_countries').selectAll().execute()).length, 0)
    // Estonia is not Ukraine's to add as a foreign country on Estonia's own instance.
    await assert.rejects(
      addFederatedCountry(ee.platform, { code: 'EE', url: listUrl, anchorSha256, fetchText }),
      (error) => isPolisError(error, 'ERR_BAD_REQUEST'),
    )
  })

  it('accepts a Ukrainian ID card once Ukraine’s list is added, and says Ukraine issued it', async () => {
    const added = await addFederatedCountry(ee.platform, {
      code: 'ua',
      url: listUrl,
      anchorSha256: anchorSha256.toUpperCase().replace(/(..)(?!$)/g, '$1:'),
      fetchText,
    })
    assert.equal(added.ok, true)
    const { status, body } = await verifyInEstonia()
    assert.equal(status, 200, JSON.stringify(body))
    assert.equal(body.type, 'id-card')
    assert.deepEqual(body.issuer.country, { code: 'UA', name: 'Ukraine (Polis demo)' })
    assert.equal(body.issuer.subject, 'State Migration Service')
    assert.equal(body.issuer.iss, undefined, 'not an issuer of this origin')
    // The SD-JWT VC too, its status read from the list fetched with Ukraine's trust list.
    const sd = await verifyInEstonia('en', 'sd-jwt')
    assert.equal(sd.status, 200, JSON.stringify(sd.body))
    assert.deepEqual(sd.body.issuer.country, { code: 'UA', name: 'Ukraine (Polis demo)' })
    assert.match(sd.body.issuer.subject, /C=UA/)
  })

  it('refreshes on the housekeeping schedule, keeping the list held when Ukraine cannot be reached', async () => {
    // Housekeeping fetches over the network, where https://polis.test is no one.
    const lines: Array<Record<string, unknown>> = []
    const stop = startHousekeeping(ee.platform, (line) => lines.push(line))
    try {
      for (let i = 0; i < 100 && !lines.some((line) => line.event === 'trust_list_refused'); i++) await delay(50)
    } finally {
      stop()
    }
    assert.deepEqual(
      lines.filter((line) => line.event === 'trust_list_refused'),
      [{ level: 'warn', event: 'trust_list_refused', country: 'UA', code: 'ERR_TRUST_LIST_UNAVAILABLE' }],
    )
    const state = await ee.app.request('/api/admin/federation', {
      headers: { authorization: 'Bearer operator-token-for-tests' },
    })
    const { countries } = (await state.json()) as {
      countries: Array<{ code: string; issuers: string[]; lastError?: { code: string } }>
    }
    assert.equal(countries[0]?.code, 'UA')
    assert.equal(countries[0]?.lastError?.code, 'ERR_TRUST_LIST_UNAVAILABLE')
    assert.ok(countries[0]?.issuers.includes('migration-service'))
    assert.equal((await ee.app.request('/api/admin/federation')).status, 403, 'for the operator only')
    assert.equal((await verifyInEstonia()).status, 200, 'the list held stays in use')
  })

  it('stops trusting an issuer Ukraine withdrew at the next refresh, naming both in the asker’s language', async () => {
    await setIssuerWithdrawn(ua.platform, { agency: 'migration-service', withdrawn: true })
    assert.equal((await verifyInEstonia()).status, 200, 'trusted until the refresh')
    const [outcome] = await refreshFederatedCountries(ee.platform, { fetchText })
    assert.equal(outcome?.ok, true)
    const english = await verifyInEstonia('en')
    assert.equal(english.status, 400)
    assert.equal(english.body.error.code, 'ERR_ISSUER_WITHDRAWN')
    assert.deepEqual(english.body.error.country, { code: 'UA', name: 'Ukraine' })
    assert.match(english.body.error.message, /withdrawn this issuer.*Ukraine: State Migration Service\.$/)
    const estonian = await verifyInEstonia('et')
    assert.match(estonian.body.error.message, /^Väljaandnud riik on .* Ukraina: Riiklik Migratsiooniteenistus\.$/)
    const ukrainian = await verifyInEstonia('uk')
    assert.match(ukrainian.body.error.message, /Україна: Державна міграційна служба\.$/)
    const sd = await verifyInEstonia('et', 'sd-jwt')
    assert.equal(sd.body.error.code, 'ERR_ISSUER_WITHDRAWN')
    assert.equal(sd.body.error.message, estonian.body.error.message)

    await setIssuerWithdrawn(ua.platform, { agency: 'migration-service', withdrawn: false })
    await refreshFederatedCountries(ee.platform, { fetchText })
    assert.equal((await verifyInEstonia()).status, 200, 'trusted again once reinstated')
    assert.equal((await verifyInEstonia('en', 'sd-jwt')).status, 200)
  })

  it('refuses a list past its validity, and Ukraine’s documents once the list held is', async () => {
    const eightDays = 8 * 86400
    ee.now.advance(eightDays)
    try {
      const [outcome] = await refreshFederatedCountries(ee.platform, { fetchText })
      assert.equal(outcome?.ok, false)
      assert.equal(outcome?.ok === false && outcome.error, 'ERR_TRUST_LIST_STALE')
      const row = await ee.platform.store.db.selectFrom('federated_countries').selectAll().executeTakeFirstOrThrow()
      assert.equal(row.last_error, 'ERR_TRUST_LIST_STALE')
      const { status, body } = await verifyInEstonia()
      assert.equal(status, 503)
      assert.equal(body.error.code, 'ERR_TRUST_LIST_STALE')
      assert.equal(body.error.country?.code, 'UA')
      const sd = await verifyInEstonia('en', 'sd-jwt')
      assert.equal(sd.status, 503)
      assert.equal(sd.body.error.code, 'ERR_TRUST_LIST_STALE')
    } finally {
      ee.now.advance(-eightDays)
    }
  })
})
