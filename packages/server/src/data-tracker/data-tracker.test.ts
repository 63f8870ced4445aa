import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { createAccessLog, createLocalRegistryClient, loggedRegistryClient, recordKinds } from '@polis/registries'
import { submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { parseVerifierKey, verifyEntryProof } from '@polis/transparency-log'
import type { Browser } from 'playwright-core'
import { openPlatformLog } from '../cli/open-platform-log.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { enrolWallet } from '../test/enrol-wallet.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { portalSession } from '../test/sessions.ts'
import { describePurpose, trackerCsv, trackerFilterOf } from './data-tracker.ts'
import { logAccesses } from './log-accesses.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 30, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('data-tracker')
const logOf = (citizenId: string) =>
  t.platform.store.db.selectFrom('data_access_log').selectAll().where('citizen_id', '=', citizenId).execute()

describe(`the Data Tracker on ${testEngine}`, () => {
  it('logs every read before handing the data over, a burst of reads in one write, and never a read unlogged', async () => {
    const citizen = t.citizens[3] as (typeof t.citizens)[number]
    const before = (await logOf(citizen.id)).length
    const reads = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.platform.queryRegistry({
          registry: 'population',
          kind: 'person',
          citizenId: citizen.id,
          purpose: `test:${i}`,
        }),
      ),
    )
    assert.ok(reads.every((r) => r.length === 1))
    const logged = await logOf(citizen.id)
    assert.equal(logged.length, before + 25)
    assert.deepEqual(JSON.parse(logged.at(-1)?.kinds ?? '[]'), ['person'])
    // A register read whole is logged with every kind it keeps.
    await t.platform.queryRegistry({ registry: 'tax', citizenId: citizen.id, purpose: 'test:whole' })
    const whole = (await logOf(citizen.id)).find((row) => row.purpose === 'test:whole')
    assert.deepEqual(JSON.parse(whole?.kinds ?? '[]'), recordKinds.tax)

    // A log that cannot write: the read fails, and its records are not handed over.
    const broken = loggedRegistryClient(createLocalRegistryClient({ store: t.platform.store, now: t.now }), {
      log: { record: async () => Promise.reject(new Error('the disk is full')) },
      now: t.now,
      kindsOf: (registry) => recordKinds[registry],
    })
    await assert.rejects(
      broken({ registry: 'population', kind: 'person', citizenId: citizen.id, purpose: 'test' }),
      /the disk is full/,
    )
    // Batches are cut at their limit.
    const small = createAccessLog(t.platform.store, { batchLimit: 2 })
    await Promise.all(
      [1, 2, 3].map((n) =>
        small.record({
          citizenId: citizen.id,
          registry: 'tax',
          kinds: ['taxpayer'],
          records: n,
          purpose: 'test:small',
          at: t.now(),
        }),
      ),
    )
    assert.equal((await logOf(citizen.id)).filter((row) => row.purpose === 'test:small').length, 3)
  })

  it('says who read and why from the purpose, and flags one that names nothing Polis knows', () => {
    const engine = createServiceEngine(t.platform)
    const serviceOf = (code: string) => engine.catalogue.find((d) => d.code === code)
    const service = describePurpose('service:residence-registration', serviceOf)
    assert.equal(service.who.en, 'Migration service')
    assert.equal(service.why.en, engine.find('residence-registration').name.en)
    assert.equal(describePurpose('issue:driver-licence', serviceOf).flagged, false)
    assert.equal(describePurpose('offer:documents', serviceOf).who.en, 'Ministry of Digital Transformation')
    for (const purpose of ['service:no-such-service', 'issue:no-such-document', 'curiosity', 'service:', '']) {
      assert.equal(describePurpose(purpose, serviceOf).flagged, true, purpose)
    }
  })

  it('refuses a bad filter at its field, and writes a CSV a spreadsheet reads as text', () => {
    assert.deepEqual(trackerFilterOf({ from: '2026-05-01', to: '2026-06-01', registry: 'tax', flagged: 'yes' }), {
      from: '2026-05-01',
      to: '2026-06-01',
      registry: 'tax',
      flaggedOnly: true,
    })
    for (const [query, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ to: 'tomorrow' }, 'to'],
      [{ from: '2026-06-02', to: '2026-06-01' }, 'to'],
      [{ registry: 'secret-police' }, 'registry'],
    ] as const) {
      assert.throws(
        () => trackerFilterOf(query),
        (error: unknown) => isPolisError(error, 'ERR_BAD_REQUEST') && error.field === field,
      )
    }
    const csv = trackerCsv(
      [
        {
          id: 'a',
          at: '2026-06-01T10:00:00.000Z',
          registry: 'tax',
          kinds: ['taxpayer'],
          records: 1,
          purpose: '=HYPERLINK("http://evil")',
          who: { uk: 'X', en: 'Someone, "quoted"', et: 'X' },
          reader: null,
          system: null,
          why: { uk: 'Y', en: 'No valid purpose given', et: 'Y' },
          flagged: true,
          logIndex: null,
        },
      ],
      'en',
    )
    assert.equal(
      csv.split('\r\n')[1],
      `2026-06-01T10:00:00.000Z,"Someone, ""quoted""",Taxpayer register,taxpayer,1,No valid purpose given,"'=HYPERLINK(""http://evil"")",yes`,
    )
  })

  it('shows a citizen on the portal who read their data and why, filtered and exported', async () => {
    const citizen = t.citizens.find((c) => c.documents.includes('id-card')) as (typeof t.citizens)[number]
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('residence-registration')
    await submitApplication(engine.ports, {
      definition,
      citizenId: citizen.id,
      clientKey: `key-${randomUUID()}`,
      answers: definition.example?.answers ?? {},
    })
    // A read that gives no purpose Polis knows.
    await t.platform.queryRegistry({ registry: 'tax', kind: 'taxpayer', citizenId: citizen.id, purpose: 'curiosity' })

    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.clock.setFixedTime(t.now())
    await context.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, citizen.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await context.newPage()
    await page.goto(`${t.origin}/`)
    await page.getByRole('link', { name: 'Who read my data' }).click()
    await page.getByRole('heading', { level: 1, name: 'Who read your data' }).waitFor()
    const accesses = page.locator('.access')
    await accesses.filter({ hasText: 'Migration service' }).filter({ hasText: definition.name.en }).first().waitFor()
    await accesses.filter({ hasText: 'No valid purpose' }).getByText('(curiosity)').waitFor()
    await expectAccessible(page, 'all')

    await page.getByLabel('Register').selectOption('tax')
    await page.getByLabel('Only the flagged').check()
    await page.getByRole('button', { name: 'Show' }).click()
    await page.getByText('Reads: 1').waitFor()
    assert.equal(await accesses.count(), 1)
    const csvLink = page.getByRole('link', { name: 'CSV' })
    const csv = await (await context.request.get(`${t.origin}${await csvLink.getAttribute('href')}`)).text()
    assert.equal(csv.trim().split('\r\n').length, 2, csv)
    assert.match(csv, /Taxpayer register,taxpayer,1,No valid purpose given,curiosity,yes/)
    const json = (await (await context.request.get(`${t.origin}/data-tracker/export.json`)).json()) as {
      accesses: Array<{ purpose: string; flagged: boolean }>
    }
    assert.ok(json.accesses.some((a) => a.purpose === `service:${definition.code}` && !a.flagged))

    // A date that is not one is said at its field, and nothing else is shown.
    await page.goto(`${t.origin}/data-tracker?from=2026-02-30`)
    await page.locator('#from-error').getByText('Enter a real date, such as 2026-05-01.').waitFor()
    assert.equal(await page.getByLabel('From').getAttribute('aria-invalid'), 'true')
    await expectAccessible(page, 'bad-date')
    await context.close()

    // Nobody else's reads, and nobody signed out.
    const other = t.citizens.find((c) => c.id !== citizen.id) as (typeof t.citizens)[number]
    const response = await t.app.request('/data-tracker/export.json', {
      headers: { cookie: `polis_portal=${await portalSession(t.platform.store, other.id, t.now())}` },
    })
    const theirs = (await response.json()) as { accesses: Array<{ purpose: string }> }
    assert.ok(!theirs.accesses.some((a) => a.purpose === 'curiosity'))
    assert.equal((await t.app.request('/data-tracker')).status, 303)
  })

  it('shows the wallet’s holder who read their data, the enrolment’s own reads first among them', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' })
    await context.clock.setFixedTime(t.now())
    const page = await context.newPage()
    const citizenId = await enrolWallet(page, {
      origin: t.origin,
      pin: '2468',
      choose: (offered) => offered.find((id) => t.citizens.find((c) => c.id === id)?.documents.includes('id-card')),
    })
    await t.platform.queryRegistry({ registry: 'tax', kind: 'taxpayer', citizenId, purpose: 'curiosity' })
    const platformLog = await openPlatformLog(t.platform)
    while ((await logAccesses(t.platform, platformLog)) > 0);
    await page.getByRole('button', { name: 'Who read my data' }).click()
    await page.getByRole('heading', { level: 1, name: 'Who read your data' }).waitFor()
    const accesses = page.locator('.access')
    // Adding the documents to this wallet read the registers: each read is there, with why.
    await accesses.filter({ hasText: 'Checking who you are for a new wallet' }).first().waitFor()
    await accesses.filter({ hasText: 'A document for your wallet: ' }).first().waitFor()
    await expectAccessible(page, 'wallet')
    if (process.env.POLIS_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.POLIS_SCREENSHOTS}/data-tracker-wallet-screen.png` })
    // Each read's entry and inclusion proof, saved from the phone, checks offline.
    const saving = page.waitForEvent('download')
    await accesses
      .filter({ hasText: 'In the transparency log: entry' })
      .first()
      .getByRole('button', { name: 'Save the proof' })
      .click()
    const saved = JSON.parse(readFileSync((await (await saving).path()) as string, 'utf8')) as {
      entry: unknown
      proof: string
    }
    const verified = verifyEntryProof({ ...saved, verifier: parseVerifierKey(platformLog.verifierKey) })
    assert.equal(verified.entry.subject, await platformLog.tagCitizen(citizenId))
    await page.getByLabel('Only the flagged').check()
    await accesses.getByText('No valid purpose (curiosity)').first().waitFor()
    // Only the flagged: every read shown names no valid purpose.
    assert.equal(await accesses.count(), await accesses.filter({ hasText: 'No valid purpose' }).count())
    await context.close()
  })

  it('puts each read in the transparency log, and gives the citizen its entry with a proof that checks offline', async () => {
    const citizen = t.citizens[5] as (typeof t.citizens)[number]
    await t.platform.queryRegistry({
      registry: 'tax',
      kind: 'taxpayer',
      citizenId: citizen.id,
      purpose: 'offer:documents',
    })
    const platformLog = await openPlatformLog(t.platform)
    while ((await logAccesses(t.platform, platformLog)) > 0);
    const [read] = (await logOf(citizen.id)).filter((row) => row.purpose === 'offer:documents')
    assert.ok(read && read.log_index !== null)
    const cookie = `polis_portal=${await portalSession(t.platform.store, citizen.id, t.now())}`
    const response = await t.app.request(`/data-tracker/proofs/${read.id}`, { headers: { cookie } })
    assert.equal(response.status, 200)
    const bundle = (await response.json()) as { entry: unknown; proof: string }
    const key = await (await t.app.request('/log/key')).text()
    const verified = verifyEntryProof({ ...bundle, verifier: parseVerifierKey(key.trim()) })
    assert.equal(verified.index, Number(read.log_index))
    assert.equal(verified.entry.kind, 'data.read')
    assert.equal(verified.entry.subject, await platformLog.tagCitizen(citizen.id))
    // The reader as the exchange named it: the platform's wallet, reading for the enrolment's offer.
    assert.equal(verified.entry.actor, 'UA/GOV/digital-ministry/wallet')
    // Another citizen's read is not found, and an entry altered is refused offline.
    const other = `polis_portal=${await portalSession(t.platform.store, (t.citizens[6] as (typeof t.citizens)[number]).id, t.now())}`
    assert.equal((await t.app.request(`/data-tracker/proofs/${read.id}`, { headers: { cookie: other } })).status, 404)
    const altered = { ...(bundle.entry as Record<string, unknown>), purpose: 'service:residence-registration' }
    assert.throws(() =>
      verifyEntryProof({ entry: altered, proof: bundle.proof, verifier: parseVerifierKey(key.trim()) }),
    )
  })
})
