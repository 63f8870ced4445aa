import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createLocalRegistryWriter } from '@polis/registries'
import { loadCatalogue, loadProactiveRules, processRegistryEvents } from '@polis/services'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser, phone } from '../test/launch-browser.ts'
import { portalSession } from '../test/sessions.ts'

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

const expectAccessible = accessibilityCheck('proactive')
const rules = loadProactiveRules()

describe(`proactive services, on ${testEngine}`, () => {
  it('each rule offers a service of the catalogue, filled in with its own questions', () => {
    const catalogue = loadCatalogue()
    for (const rule of rules) {
      const service = catalogue.find((d) => d.code === rule.service)
      assert.ok(service, `${rule.code}: ${rule.service} is a service`)
      const questions = new Set(service.pages.flatMap((p) => p.fields.map((f) => f.id)))
      for (const field of Object.keys(rule.answers)) assert.ok(questions.has(field), `${rule.code}: ${field} is asked`)
    }
  })

  it('a birth in the register offers both parents the birth benefit, once; one declines, the other applies on a phone', async () => {
    const { db } = t.platform.store
    const adults = await db
      .selectFrom('persons')
      .select(['id', 'sex', 'tax_number'])
      .where('birth_date', '<=', '2004-01-01')
      .where('birth_date', '>=', '1980-01-01')
      .where('tax_number', 'is not', null)
      .orderBy('seq')
      .execute()
    const married = new Set(
      (await db.selectFrom('marriages').select(['spouse1_id', 'spouse2_id']).execute()).flatMap((m) => [
        m.spouse1_id,
        m.spouse2_id,
      ]),
    )
    const mother = adults.find((p) => p.sex === 2 && !married.has(p.id)) as (typeof adults)[number]
    const father = adults.find((p) => p.sex === 1 && !married.has(p.id)) as (typeof adults)[number]
    assert.ok(mother && father)

    // The civil registry office registers the birth: no application from the parents.
    const write = createLocalRegistryWriter({ store: t.platform.store, now: t.now })
    await write({
      registry: 'civil-status',
      operation: 'register-birth',
      citizenId: mother.id,
      values: {
        child_given_name: 'Соломія',
        child_patronymic: '',
        child_family_name: 'Гнатюк',
        child_sex: '2',
        child_birth_date: '2026-05-25',
        father: father.tax_number,
      },
    })
    assert.equal(await processRegistryEvents(t.platform.store, { rules, now: t.now() }), 2, 'one offer a parent')
    assert.equal(await processRegistryEvents(t.platform.store, { rules, now: t.now() }), 0)
    // Read again (a process stopped before it marked the event done): still one offer each.
    await db.updateTable('registry_events').set({ processed_at: null }).execute()
    assert.equal(await processRegistryEvents(t.platform.store, { rules, now: t.now() }), 0)
    for (const parent of [mother, father]) {
      const messages = await db
        .selectFrom('inbox_messages')
        .select('link')
        .where('citizen_id', '=', parent.id)
        .where('link', 'like', '/offers/%')
        .execute()
      assert.equal(messages.length, 1, 'one message a parent')
    }

    const open = async (citizenId: string) => {
      const context = await browser.newContext({ ...phone, locale: 'en-GB' })
      await context.clock.setFixedTime(t.now())
      await context.addCookies([
        { name: 'polis_portal', value: await portalSession(t.platform.store, citizenId, t.now()), url: t.origin },
        { name: 'polis_lang', value: 'en', url: t.origin },
      ])
      const page = await context.newPage()
      await page.goto(`${t.origin}/inbox`)
      await page.getByText('Congratulations on your baby!').waitFor()
      await page.getByRole('listitem').filter({ hasText: 'Birth benefit' }).getByRole('link').click()
      await page.getByRole('heading', { name: 'Birth benefit', level: 1 }).waitFor()
      return { context, page }
    }

    // The father says no, thank you.
    const his = await open(father.id)
    await expectAccessible(his.page, 'offer')
    await his.page.getByRole('button', { name: 'No, thank you' }).click()
    await his.page.getByRole('status').getByText('You said no to this offer.').waitFor()
    await his.context.close()

    // The mother applies: the baby's name and date are there already.
    const hers = await open(mother.id)
    assert.match((await hers.page.locator('dl.summary').textContent()) ?? '', /Соломія.*25 May 2026/)
    await hers.page.getByRole('link', { name: 'Check and send the application' }).click()
    assert.equal(await hers.page.getByLabel('Child’s given name').inputValue(), 'Соломія')
    await hers.page.getByRole('button', { name: 'Continue' }).click()
    await hers.page.getByRole('radio', { name: 'Yes' }).check()
    await hers.page.getByRole('button', { name: 'Continue' }).click()
    await hers.page.getByLabel('Account for the payment (IBAN)').fill(`UA${'2'.repeat(27)}`)
    await hers.page.getByRole('button', { name: 'Continue' }).click()
    await hers.page.getByRole('button', { name: 'Submit the application' }).click()
    await hers.page.getByText('Done').first().waitFor()
    await expectAccessible(hers.page, 'applied')
    await hers.context.close()
    const offers = await db.selectFrom('proactive_offers').select(['citizen_id', 'state']).execute()
    assert.deepEqual(offers.map((o) => [o.citizen_id === mother.id ? 'mother' : 'father', o.state]).sort(), [
      ['father', 'declined'],
      ['mother', 'offered'],
    ])
  })
})
