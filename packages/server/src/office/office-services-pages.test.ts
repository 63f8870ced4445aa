import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import type { Browser } from 'playwright-core'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { accessibilityCheck } from '../test/expect-accessible.ts'
import { launchBrowser } from '../test/launch-browser.ts'
import { officeSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let browser: Browser
before(async () => {
  t = await createTestPlatform({ citizens: 10, listen: true })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await t?.close()
})

const expectAccessible = accessibilityCheck('office-services')

const agency = 'state-chancellery'

/** An official's desk with a session already open (the sign-in is tested in office.test.ts). */
async function deskOf(index: number, roles: string[], at = agency) {
  const citizen = t.citizens[index] as (typeof t.citizens)[number]
  const secret = await officeSession(t.platform.store, { citizenId: citizen.id, agency: at, roles }, t.now())
  return async (path: string, form?: Record<string, string>, language = 'en') => {
    const response = await t.app.request(path, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: `polis_office=${secret}`,
        'accept-language': language,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: t.origin } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    })
    return { status: response.status, location: response.headers.get('location'), html: await response.text() }
  }
}

const liveVersion = async () => {
  const services = (await (await t.app.request('/api/services')).json()) as Array<{ code: string; version: number }>
  return services.find((s) => s.code === 'appeal')?.version
}

/** The JSON of a version's definition as the page's textarea holds it. */
const textareaOf = (html: string, version: number) => {
  const found = new RegExp(`<textarea id="v${version}-definition"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? ''
  return JSON.parse(
    found
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
  )
}

describe(`the office's Services pages on ${testEngine}`, () => {
  it('lets a designer draft and send a version for review, and another official publish it, in three languages', async () => {
    const designer = await deskOf(1, ['service-designer'])
    const approver = await deskOf(2, ['approver'])
    const clerk = await deskOf(3, ['clerk', 'decider'])

    const list = await designer('/office/services')
    assert.equal(list.status, 200)
    assert.match(list.html, /<h1>Services: state-chancellery<\/h1>/)
    assert.match(list.html, /href="\/office\/services\/appeal">Write to an authority<\/a>/)
    assert.match(list.html, /<a href="\/office\/services">Services<\/a>/, 'in the office navigation')
    assert.doesNotMatch(list.html, /href="\/office\/services\/driver-licence-renewal"/, 'another agency’s service')
    assert.match((await designer('/office/services', undefined, 'uk')).html, /<h1>Послуги: state-chancellery<\/h1>/)
    assert.match((await designer('/office/services', undefined, 'et')).html, /<h1>Teenused: state-chancellery<\/h1>/)
    assert.equal((await clerk('/office/services')).status, 403)
    assert.equal((await designer('/office/services/driver-licence-renewal')).status, 404)

    assert.equal((await designer('/office/services/appeal/drafts', {})).status, 303)
    const page = await designer('/office/services/appeal')
    assert.match(page.html, /Version 3: draft/)
    const definition = textareaOf(page.html, 3)
    assert.equal(definition.version, 3)

    // Saved at the revision read; a second save from the same reading is refused in place.
    const summary = { ...definition.summary, en: 'Write to any authority of the state' }
    const saved = await designer('/office/services/appeal/3/save', {
      revision: '1',
      definition: JSON.stringify({ ...definition, summary }),
    })
    assert.equal(saved.status, 200)
    assert.match(saved.html, /role="status"[^>]*><p>Saved\./)
    const stale = await designer('/office/services/appeal/3/save', {
      revision: '1',
      definition: JSON.stringify(definition),
    })
    assert.equal(stale.status, 400)
    assert.match(stale.html, /role="alert" id="notice-3"><p>Someone else changed this draft since you opened it/)
    assert.match(stale.html, /aria-invalid="true" aria-describedby="notice-3"/)

    // A definition that does not validate is refused at the review, with each problem's path.
    const broken = {
      ...definition,
      summary,
      pages: [{ ...definition.pages[0], condition: { var: 'answers.nowhere' } }],
    }
    await designer('/office/services/appeal/3/save', { revision: '2', definition: JSON.stringify(broken) })
    const refused = await designer('/office/services/appeal/3/submit', {})
    assert.equal(refused.status, 400)
    assert.match(
      refused.html,
      /<li><code>pages\[0\]\.condition<\/code>: reads answers\.nowhere, which no page asks for<\/li>/,
    )
    await designer('/office/services/appeal/3/save', {
      revision: '3',
      definition: JSON.stringify({ ...definition, summary }),
    })
    assert.equal((await designer('/office/services/appeal/3/submit', {})).status, 303)

    // The designer may not publish their own version; the approver sends it back, then publishes it.
    assert.equal((await designer('/office/services/appeal/3/approve', {})).status, 403)
    const noReason = await approver('/office/services/appeal/3/send-back', { reason: '' })
    assert.match(noReason.html, /Say why the version goes back/)
    assert.equal((await approver('/office/services/appeal/3/send-back', { reason: 'Name the deadline' })).status, 303)
    assert.match(
      (await designer('/office/services/appeal')).html,
      /v3 sent back \(official:[^)]+\) — Name the deadline/,
    )
    await designer('/office/services/appeal/3/submit', {})
    assert.equal(await liveVersion(), 2)
    assert.equal((await approver('/office/services/appeal/3/approve', {})).status, 303)
    assert.equal(await liveVersion(), 3, 'published without a restart')
    const published = await approver('/office/services/appeal')
    assert.match(published.html, /Version 3, /)
    assert.match(published.html, /<option value="2">Version 2 \(superseded\)<\/option>/)

    // Rolled back to version 2 as version 4, then retired: out of the catalogue.
    assert.equal((await approver('/office/services/appeal/roll-back', { to: '2' })).status, 303)
    assert.equal(await liveVersion(), 4)
    assert.equal((await approver('/office/services/appeal/retire', { reason: 'Moved to petitions' })).status, 303)
    assert.equal(await liveVersion(), undefined)
    const history = (await approver('/office/services/appeal', undefined, 'uk')).html
    assert.match(history, /v4 виведено з каталогу \(official:[^)]+\) — Moved to petitions/)
    assert.match(history, /немає в каталозі/)
  })

  it('refuses approval by an official who wrote the version, where the button is', async () => {
    const both = await deskOf(4, ['service-designer', 'approver'])
    await both('/office/services/petition/drafts', {})
    const version = Number(/Version (\d+): draft/.exec((await both('/office/services/petition')).html)?.[1])
    await both(`/office/services/petition/${version}/submit`, {})
    const own = await both(`/office/services/petition/${version}/approve`, {})
    assert.equal(own.status, 400)
    assert.match(own.html, new RegExp(`id="notice-${version}"><p>A version is approved by another official`))
  })

  it('starts a new service from scratch as a draft of the agency, its code checked in place', async () => {
    const designer = await deskOf(6, ['service-designer'])
    const invalid = await designer('/office/services', { code: 'Street Event' })
    assert.equal(invalid.status, 400)
    assert.match(invalid.html, /role="alert" id="code-error">Write the code in lower-case letters/)
    assert.match(invalid.html, /aria-describedby="code-hint code-error" aria-invalid="true"/)
    const taken = await designer('/office/services', { code: 'appeal' })
    assert.match(taken.html, /A service with this code exists already/)
    const created = await designer('/office/services', { code: 'street-event-permit' })
    assert.equal(created.status, 303)
    assert.equal(created.location, '/office/services/street-event-permit')
    const draft = await designer('/office/services/street-event-permit')
    assert.match(draft.html, /Version 1: draft/)
    assert.equal(textareaOf(draft.html, 1).agency, agency)
    // Its texts are still to write: the review is refused with each one's path.
    const refused = await designer('/office/services/street-event-permit/1/submit', {})
    assert.match(refused.html, /<li><code>name\.uk<\/code>: the uk translation is empty<\/li>/)
    assert.match(
      refused.html,
      /<li><code>pages\[0\]\.fields\[0\]\.label\.et<\/code>: the et translation is empty<\/li>/,
    )
  })

  it('reads well in Chromium with axe: the list, a draft, and a refused definition with its problems', async () => {
    const roles = ['service-designer']
    const citizen = t.citizens[5] as (typeof t.citizens)[number]
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    await context.clock.setFixedTime(t.now())
    await context.addCookies([
      {
        name: 'polis_office',
        value: await officeSession(t.platform.store, { citizenId: citizen.id, agency, roles }, t.now()),
        url: t.origin,
      },
    ])
    const desk = await context.newPage()
    await desk.goto(`${t.origin}/office/services?lang=en`)
    await desk.getByRole('heading', { name: 'Services: state-chancellery' }).waitFor()
    await expectAccessible(desk, 'list')
    await desk.getByLabel('Code of the new service').fill('Not a code')
    await desk.getByRole('button', { name: 'Create a draft' }).click()
    await desk.getByRole('alert').getByText('Write the code in lower-case letters').waitFor()
    await expectAccessible(desk, 'new-code-refused')
    await desk.getByRole('link', { name: 'Vote in a public poll' }).click()
    await desk.getByRole('button', { name: 'New draft from the live version' }).click()
    const definition = desk.getByLabel('Definition (JSON)')
    const json = JSON.parse(await definition.inputValue())
    await definition.fill(
      JSON.stringify(
        {
          ...json,
          decision: {
            by: 'rules',
            rules: [{ when: { var: 'answers.missing' }, outcome: 'reject', reason: json.name }],
            otherwise: 'approve',
          },
        },
        null,
        2,
      ),
    )
    await desk.getByRole('button', { name: 'Save the draft' }).click()
    await desk.getByRole('status').getByText('Saved.').waitFor()
    await expectAccessible(desk, 'draft')
    await desk.getByRole('button', { name: 'Send for review' }).click()
    await desk.getByRole('alert').getByText('reads answers.missing, which no page asks for').waitFor()
    await expectAccessible(desk, 'refused')
    await context.close()
  })
})
