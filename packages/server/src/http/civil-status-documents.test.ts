import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { PublicJwk } from '@polis/kernel'
import { addOfficial } from '@polis/polis-id'
import {
  answerConfirmation,
  decide,
  findApplication,
  ineligibility,
  readApplicantData,
  submitApplication,
} from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 120, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('civil-status')
const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

/** The configurations a citizen's wallet is offered at its next refresh. */
async function offeredTo(citizenId: string): Promise<string[]> {
  const device = await insertWalletDevice(t.platform.store, citizenId, t.now())
  const path = '/api/wallet/offers'
  const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path, now: t.now() })
  const response = await t.app.request(path, { method: 'POST', headers: { authorization: `PolisDevice ${jwt}` } })
  assert.equal(response.status, 201)
  return ((await response.json()) as { offer: { credential_configuration_ids: string[] } }).offer
    .credential_configuration_ids
}

/** The claims an SD-JWT VC discloses, read from its disclosures. */
function disclosed(credential: string): Record<string, unknown> {
  const claims: Record<string, unknown> = {}
  for (const part of credential.split('~').slice(1)) {
    if (!part) continue
    const disclosure = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown[]
    if (disclosure.length === 3) claims[String(disclosure[1])] = disclosure[2]
  }
  return claims
}

/** Whether the citizen was told a document waits in their wallet. */
async function toldOfDocument(citizenId: string): Promise<boolean> {
  const inbox = await t.platform.store.db
    .selectFrom('inbox_messages')
    .select('body')
    .where('citizen_id', '=', citizenId)
    .execute()
  return inbox.some((m) => JSON.parse(m.body).en === 'A document was issued to you: it is waiting in your wallet.')
}

/** Adults with a tax number, married or not, none of them used twice. */
async function adults() {
  const persons = await t.platform.store.db
    .selectFrom('persons')
    .select(['id', 'sex', 'tax_number', 'birth_date', 'family_name', 'given_name', 'patronymic'])
    .where('birth_date', '>=', '1960-01-01')
    .where('birth_date', '<=', '2004-01-01')
    .where('tax_number', 'is not', null)
    .orderBy('seq')
    .execute()
  const marriages = await t.platform.store.db
    .selectFrom('marriages')
    .select(['spouse1_id', 'spouse2_id'])
    .where('dissolved_on', 'is', null)
    .execute()
  const married = new Set(marriages.flatMap((m) => [m.spouse1_id, m.spouse2_id]))
  return { persons, married, marriages }
}

describe(`civil-status documents in headless Chromium on ${testEngine}`, () => {
  it('a woman applies to marry on her phone, an official approves at the desk, and both spouses hold the marriage record', async () => {
    const { persons, married } = await adults()
    const woman = persons.find((p) => p.sex === 2 && !married.has(p.id))
    const man = persons.find((p) => p.sex === 1 && !married.has(p.id))
    const official = persons.find((p) => p.id !== woman?.id && p.id !== man?.id)
    assert.ok(woman?.tax_number && man?.tax_number && official)

    const phoneContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await phoneContext.clock.setFixedTime(t.now())
    await phoneContext.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, woman.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const page = await phoneContext.newPage()
    await page.goto(`${t.origin}/services/marriage-application`)
    await page.getByRole('heading', { name: 'Apply to marry' }).waitFor()
    await page
      .getByRole('button', { name: 'Start now' })
      .or(page.getByRole('link', { name: 'Start now' }))
      .click()
    await page.getByLabel('Family name').fill(man.family_name)
    await page.getByLabel('Given name').fill(man.given_name)
    await page.getByLabel('Date of birth').fill(man.birth_date)
    // Her own tax number by mistake: the register refuses it before anything is written.
    await page.getByLabel('Tax number').fill(woman.tax_number)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('radio', { name: 'I take my partner’s' }).check()
    await page.getByLabel('New family name').fill(man.family_name)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('The date you would like').fill('2026-07-04')
    await page.getByRole('radio', { name: 'At the civil registry office' }).check()
    await page.getByLabel('Town or village').fill('Київ')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Phone number').fill('+380 63 210 4455')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Submit the application' }).click()
    // Back at the question that gave it, with the register's answer beside the field.
    await page.getByRole('alert').getByText('The tax number given for your partner is your own.').waitFor()
    await page.locator('.has-error').getByText('The tax number given for your partner is your own.').waitFor()
    await expectAccessible(page, 'marriage-refused')
    assert.match(page.url(), /\/apply\/partner\?problem=ERR_PARTNER_IS_APPLICANT&field=partner_tax_number/)
    const none = await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', woman.id)
      .execute()
    assert.equal(none.length, 0, 'nothing is submitted')

    // Corrected there: her partner's own tax number.
    await page.getByLabel('Tax number').fill(man.tax_number)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.goto(`${t.origin}/services/marriage-application/check`)
    await page.getByRole('button', { name: 'Submit the application' }).click()
    await page.getByText('Being reviewed').or(page.getByText('In review')).first().waitFor()
    const applicationId = /\/applications\/([^/?#]+)/.exec(page.url())?.[1] as string
    assert.ok(applicationId, page.url())

    // The partner, asked in their inbox, agrees on their own phone.
    const partnerContext = await browser.newContext({ ...phone, locale: 'en-GB' })
    await partnerContext.clock.setFixedTime(t.now())
    await partnerContext.addCookies([
      { name: 'polis_portal', value: await portalSession(t.platform.store, man.id, t.now()), url: t.origin },
      { name: 'polis_lang', value: 'en', url: t.origin },
    ])
    const partnerPage = await partnerContext.newPage()
    await partnerPage.goto(`${t.origin}/confirmations/${applicationId}`)
    await partnerPage.getByRole('heading', { name: 'Confirm that you agree to marry' }).waitFor()
    await expectAccessible(partnerPage, 'marriage-confirm')
    await partnerPage.getByRole('button', { name: 'Confirm' }).click()
    await partnerPage.getByText(/You confirmed on/).waitFor()

    // The civil registry office's official, at a desk.
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    await deskContext.clock.setFixedTime(t.now())
    const roles: Array<'clerk' | 'decider'> = ['clerk', 'decider']
    await addOfficial({
      store: t.platform.store,
      sealer: t.platform.keys,
      registration: { citizenId: official.id, agency: 'civil-registry', roles },
      issuer: 'Polis Testland',
      now: t.now(),
    })
    const deskSession = await officeSession(
      t.platform.store,
      { citizenId: official.id, agency: 'civil-registry', roles },
      t.now(),
    )
    await deskContext.addCookies([{ name: 'polis_office', value: deskSession, url: t.origin }])
    const desk = await deskContext.newPage()
    await desk.goto(`${t.origin}/office?lang=en`)
    await desk.locator(`a[href="/office/cases/${applicationId}"]`).click()
    await desk.getByText(man.tax_number).first().waitFor()
    await desk.getByRole('button', { name: 'Take this case' }).click()
    await desk.getByRole('button', { name: 'Approve' }).click()
    await desk.getByText('This case is decided.').waitFor()

    const application = await findApplication(t.platform.store, woman.id, applicationId)
    assert.equal(application.status, 'completed')
    // Both spouses' wallets are offered the marriage record, read from the act naming them.
    assert.ok((await offeredTo(woman.id)).some((c) => c.startsWith('marriage-record.')))
    assert.ok((await offeredTo(man.id)).some((c) => c.startsWith('marriage-record.')))
    assert.ok(await toldOfDocument(man.id), 'the partner is told')
    const acts = await t.platform.queryRegistry({
      registry: 'civil-status',
      kind: 'marriage',
      citizenId: man.id,
      purpose: 'test:marriage',
    })
    const act = acts.find((r) => r.data.status === 'registered')
    assert.ok(act, 'the act among the partner’s records')
    assert.equal((act.data.spouse as { citizen_id: string }).citizen_id, woman.id)
    // She took his family name: the register and her documents carry it.
    const issued = await t.issuer.issue({
      citizenId: woman.id,
      documentType: 'marriage-record',
      format: 'dc+sd-jwt',
      holderKey,
      recordId: act.id,
    })
    assert.equal(disclosed(issued.credential).family_name, man.family_name)
    await phoneContext.close()
    await partnerContext.close()
    await deskContext.close()
  })

  it('checks a marriage again before the official approves: a partner married meanwhile is refused, the case stays open', async () => {
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('marriage-application')
    const { persons, married } = await adults()
    const singles = persons.filter((p) => !married.has(p.id))
    const [applicant, partner, other] = [
      singles.find((p) => p.sex === 1),
      singles.find((p) => p.sex === 2),
      singles.filter((p) => p.sex === 1)[1],
    ]
    assert.ok(applicant?.tax_number && partner?.tax_number && other)
    const answers = {
      partner_family_name: partner.family_name,
      partner_given_name: partner.given_name,
      partner_birth_date: partner.birth_date,
      partner_tax_number: partner.tax_number,
      surname_choice: 'keep',
      ceremony_date: '2026-07-04',
      ceremony_place: 'office',
      ceremony_town: 'Київ',
      phone: '+380 63 210 4456',
    }
    const submitted = await submitApplication(engine.ports, {
      definition,
      citizenId: applicant.id,
      clientKey: 'marriage-raced',
      answers,
    })
    assert.equal(submitted.status, 'in-review')
    const confirm = (applicationId: string, citizenId: string) =>
      answerConfirmation(engine.ports, { applicationId, citizenId, answer: 'confirm', definitionOf: engine.find })
    await confirm(submitted.id, partner.id)
    // Then the partner marries someone else.
    await engine.ports.updateRegistry({
      registry: 'civil-status',
      operation: 'register-marriage',
      citizenId: other.id,
      values: { partner_tax_number: partner.tax_number, surname_choice: 'keep' },
      purpose: 'service:marriage-application',
    })
    await assert.rejects(
      decide(engine.ports, definition, submitted.id, applicant.id, {
        outcome: 'approve',
        actor: 'official:test',
        reason: null,
        answers,
      }),
      (error: Error & { code?: string }) => error.code === 'ERR_ALREADY_MARRIED',
    )
    assert.equal((await findApplication(t.platform.store, applicant.id, submitted.id)).status, 'in-review')
    const acts = await t.platform.store.db
      .selectFrom('marriages')
      .select('id')
      .where((eb) => eb.or([eb('spouse1_id', '=', applicant.id), eb('spouse2_id', '=', applicant.id)]))
      .where('dissolved_on', 'is', null)
      .execute()
    assert.equal(acts.length, 0, 'nothing written for the applicant')
  })

  it('a divorce by agreement dissolves the marriage and gives both former spouses the divorce record', async () => {
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('divorce-by-agreement')
    const { persons, marriages } = await adults()
    const byId = new Map(persons.map((p) => [p.id, p]))
    let couple: { applicant: (typeof persons)[number]; spouse: (typeof persons)[number] } | undefined
    for (const m of marriages) {
      const [a, b] = [byId.get(m.spouse1_id), byId.get(m.spouse2_id)]
      if (!a || !b) continue
      if (ineligibility(definition, await readApplicantData(engine.ports, definition, a.id)).length === 0) {
        couple = { applicant: a, spouse: b }
        break
      }
    }
    assert.ok(couple?.spouse.tax_number, 'a couple without minor children')
    const { applicant, spouse } = couple
    const answers = {
      spouse_tax_number: spouse.tax_number,
      spouse_agrees: 'yes',
      property_dispute: 'no',
      surname_after: 'keep',
      phone: '+380 97 301 2288',
    }
    // A tax number that is not the spouse's is refused at submission, with its code.
    const stranger = persons.find((p) => p.id !== applicant.id && p.id !== spouse.id)
    await assert.rejects(
      submitApplication(engine.ports, {
        definition,
        citizenId: applicant.id,
        clientKey: 'divorce-stranger',
        answers: { ...answers, spouse_tax_number: stranger?.tax_number },
      }),
      (error: Error & { code?: string }) => error.code === 'ERR_NOT_SPOUSE',
    )
    const submitted = await submitApplication(engine.ports, {
      definition,
      citizenId: applicant.id,
      clientKey: 'divorce-by-agreement',
      answers,
    })
    assert.equal(submitted.status, 'in-review')
    const approve = () =>
      decide(engine.ports, definition, submitted.id, applicant.id, {
        outcome: 'approve',
        actor: 'official:test',
        reason: null,
        answers: { ...answers, spouse_agrees: true, property_dispute: false },
      })
    // Not before the spouse agrees, as the office is told.
    await assert.rejects(approve(), (error: Error & { code?: string }) => error.code === 'ERR_CONFIRMATION_PENDING')
    await answerConfirmation(engine.ports, {
      applicationId: submitted.id,
      citizenId: spouse.id,
      answer: 'confirm',
      definitionOf: engine.find,
    })
    await approve()
    assert.equal((await findApplication(t.platform.store, applicant.id, submitted.id)).status, 'completed')
    for (const id of [applicant.id, spouse.id]) {
      assert.ok((await offeredTo(id)).some((c) => c.startsWith('divorce-record.')))
    }
    assert.ok(await toldOfDocument(spouse.id), 'the former spouse is told')
    // Approving a second divorce of the same marriage is refused: there is none left to dissolve.
    await assert.rejects(
      submitApplication(engine.ports, { definition, citizenId: applicant.id, clientKey: 'divorce-again', answers }),
    )
  })

  it('a change of name writes the act, renames the person, and reissues the documents carrying the name', async () => {
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('name-change')
    const { persons } = await adults()
    const convicted = new Set(
      (
        await t.platform.store.db
          .selectFrom('police_records')
          .select('citizen_id')
          .where('expunged_on', 'is', null)
          .execute()
      ).map((r) => r.citizen_id),
    )
    const offeredBefore = new Map<string, string[]>()
    let citizen: (typeof persons)[number] | undefined
    for (const p of persons.filter((p) => !convicted.has(p.id)).reverse()) {
      const offered = await offeredTo(p.id)
      if (offered.some((c) => c.startsWith('residence-extract.'))) {
        offeredBefore.set(p.id, offered)
        citizen = p
        break
      }
    }
    assert.ok(citizen, 'a citizen with a registered address')
    const answers = {
      new_family_name: 'Левченко',
      new_given_name: citizen.given_name,
      new_patronymic: citizen.patronymic ?? '',
      reason: 'family',
      conviction: 'no',
      phone: '+380 50 777 1020',
    }
    const submitted = await submitApplication(engine.ports, {
      definition,
      citizenId: citizen.id,
      clientKey: 'name-change-1',
      answers,
    })
    assert.equal(submitted.status, 'in-review')
    await decide(engine.ports, definition, submitted.id, citizen.id, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers: { ...answers, conviction: false },
    })
    const application = await findApplication(t.platform.store, citizen.id, submitted.id)
    assert.equal(application.status, 'completed')
    const reissued = application.events
      .filter((e) => e.type === 'output-issued' && e.data.type === 'document')
      .map((e) => e.data.documentType)
    assert.ok(reissued.includes('name-change-record') && reissued.includes('residence-extract'), reissued.join(' '))
    const offered = await offeredTo(citizen.id)
    assert.ok(offered.some((c) => c.startsWith('name-change-record.')))
    // The residence extract, offered again, now carries the new name.
    const extract = await t.issuer.issue({
      citizenId: citizen.id,
      documentType: 'residence-extract',
      format: 'dc+sd-jwt',
      holderKey,
    })
    assert.equal(disclosed(extract.credential).family_name, 'Левченко')
    // The same name again: refused at submission with its code.
    await assert.rejects(
      submitApplication(engine.ports, { definition, citizenId: citizen.id, clientKey: 'name-change-2', answers }),
      (error: Error & { code?: string }) => error.code === 'ERR_NAME_UNCHANGED',
    )
  })

  it('a change of name of one registered abroad completes without the residence extract they do not hold', async () => {
    const engine = createServiceEngine(t.platform)
    const definition = engine.find('name-change')
    const { persons } = await adults()
    const convicted = await t.platform.store.db
      .selectFrom('police_records')
      .select('citizen_id')
      .where('expunged_on', 'is', null)
      .execute()
    const citizen = persons.find((p) => p.family_name !== 'Левченко' && !convicted.some((r) => r.citizen_id === p.id))
    assert.ok(citizen)
    const abroad = {
      country: 'PL',
      region: 'mazowieckie',
      locality: 'Warszawa',
      locality_type: '',
      street: 'ul. Prosta',
      house_number: '1',
      apartment: null,
      postal_code: '00-850',
    }
    await t.platform.store.db
      .updateTable('persons')
      .set({ address: JSON.stringify(abroad) })
      .where('id', '=', citizen.id)
      .execute()
    assert.ok(!(await offeredTo(citizen.id)).some((c) => c.startsWith('residence-extract.')))
    const answers = {
      new_family_name: 'Левченко',
      new_given_name: citizen.given_name,
      new_patronymic: citizen.patronymic ?? '',
      reason: 'wish',
      conviction: 'no',
      phone: '+380 50 777 1021',
    }
    const submitted = await submitApplication(engine.ports, {
      definition,
      citizenId: citizen.id,
      clientKey: 'name-change-abroad',
      answers,
    })
    await decide(engine.ports, definition, submitted.id, citizen.id, {
      outcome: 'approve',
      actor: 'official:test',
      reason: null,
      answers: { ...answers, conviction: false },
    })
    const application = await findApplication(t.platform.store, citizen.id, submitted.id)
    assert.equal(application.status, 'completed')
    const reissued = application.events
      .filter((e) => e.type === 'output-issued' && e.data.type === 'document')
      .map((e) => e.data.documentType)
    assert.deepEqual(reissued, ['name-change-record', 'taxpayer-card'])
  })
})
