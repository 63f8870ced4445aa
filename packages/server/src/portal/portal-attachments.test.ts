import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError, messageOf } from '@polis/kernel'
import { ApplicationRefused, submitApplication } from '@polis/services'
import { testEngine } from '@polis/store'
import { createServiceEngine } from '../services/create-service-engine.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { officeSession, portalSession } from '../test/sessions.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 30 })
})
after(() => t?.close())

const pdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

/** A PDF of exactly `size` bytes: the header, then padding. */
const pdfOf = (size: number) => {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(pdf.subarray(0, 9))
  return bytes
}

/** A citizen's portal session (as Polis ID's sign-in leaves it), in English, for in-process requests. */
async function citizen(index: number) {
  const person = t.citizens[index] as (typeof t.citizens)[number]
  const session = await portalSession(t.platform.store, person.id, t.now())
  const cookie = `polis_portal=${session}; polis_lang=en`
  const get = (path: string) => t.app.request(path, { headers: { cookie } })
  const post = (path: string, body: FormData | URLSearchParams) =>
    t.app.request(path, { method: 'POST', headers: { cookie, origin: t.origin }, body })
  return { id: person.id, get, post }
}

/** An official of an agency at their desk (the sign-in itself is tested in office.test.ts). */
async function official(index: number, agency: string) {
  const person = t.citizens[index] as (typeof t.citizens)[number]
  const secret = await officeSession(
    t.platform.store,
    { citizenId: person.id, agency, roles: ['clerk', 'decider'] },
    t.now(),
  )
  return (path: string) =>
    t.app.request(path, { headers: { cookie: `polis_office=${secret}`, 'accept-language': 'en' } })
}

/** The appeal's one page, as a browser sends it: multipart, with a file or an empty file part. */
function appealPage(
  file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string },
  more: Record<string, string> = {},
) {
  const form = new FormData()
  form.set('subject', 'Broken street lights')
  form.set('text', 'The street lights on my street have been off for a month.')
  form.set('answer_by_email', 'no')
  form.set(
    'attachment',
    file ? new File([file.bytes], file.name, { type: file.type ?? 'application/pdf' }) : new File([], ''),
  )
  for (const [k, v] of Object.entries(more)) form.set(k, v)
  return form
}

const storedOf = async (citizenId: string) =>
  Number(
    (
      await t.platform.store.db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe(`attachments on the portal and in the office on ${testEngine}`, () => {
  it('a citizen attaches a PDF to an appeal; the agency downloads the same bytes, no one else finds it', async () => {
    const olena = await citizen(2)
    const page = await (await olena.get('/services/appeal/apply/appeal')).text()
    assert.match(page, /<form method="post" novalidate enctype="multipart\/form-data">/)
    assert.match(page, /<input id="attachment" name="attachment" type="file" accept="application\/pdf,\.pdf"/)
    assert.match(page, /PDF, up to 5\u00a0MB\./)

    const sent = await olena.post(
      '/services/appeal/apply/appeal',
      appealPage({ name: 'C:\\scans\\letter.pdf', bytes: pdf }),
    )
    assert.equal(sent.status, 303, await sent.text())
    // The page sent again without a new file keeps the earlier one.
    const again = await olena.post('/services/appeal/apply/appeal', appealPage())
    assert.equal(again.status, 303, await again.text())
    const check = await (await olena.get('/services/appeal/check')).text()
    assert.match(check, new RegExp(`letter\\.pdf \\(${pdf.length}\u00a0bytes\\)`))
    const kept = await (await olena.get('/services/appeal/apply/appeal')).text()
    assert.match(kept, /Uploaded: letter\.pdf/)

    const key = /name="key" value="([^"]+)"/.exec(check)?.[1] ?? ''
    const submitted = await olena.post('/services/appeal/submit', new URLSearchParams({ key }))
    assert.equal(submitted.status, 303)
    const applicationId = /\/applications\/([^?]+)/.exec(submitted.headers.get('location') ?? '')?.[1] ?? ''
    const row = await t.platform.store.db
      .selectFrom('attachments')
      .select(['id', 'application_id', 'sha256', 'file_name', 'media_type', 'size'])
      .where('citizen_id', '=', olena.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.application_id, applicationId)
    assert.deepEqual([row.file_name, row.media_type, Number(row.size)], ['letter.pdf', 'application/pdf', pdf.length])
    assert.match(row.sha256, /^[0-9a-f]{64}$/)

    // The chancellery's official sees it in the case and downloads the very bytes.
    const desk = await official(5, 'state-chancellery')
    const link = `/office/cases/${applicationId}/attachments/${row.id}`
    const casePage = await (await desk(`/office/cases/${applicationId}`)).text()
    assert.match(casePage, /Attached files/)
    assert.ok(casePage.includes(`<a href="${link}" download>letter.pdf</a>`), casePage)
    const download = await desk(link)
    assert.equal(download.status, 200)
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), pdf)
    assert.equal(download.headers.get('content-type'), 'application/pdf')
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="letter\.pdf"/)
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff')
    assert.match(download.headers.get('content-security-policy') ?? '', /default-src 'none'; sandbox/)

    // Another agency's official, and another citizen, find nothing there.
    const transport = await official(6, 'transport-service')
    assert.equal((await transport(link)).status, 404)
    assert.equal((await transport(`/office/cases/${applicationId}`)).status, 404)
    const mine = `/applications/${applicationId}/attachments/${row.id}`
    const own = await olena.get(mine)
    assert.equal(own.status, 200)
    assert.deepEqual(new Uint8Array(await own.arrayBuffer()), pdf)
    assert.match(await (await olena.get(`/applications/${applicationId}`)).text(), /Your files/)
    const taras = await citizen(3)
    assert.equal((await taras.get(mine)).status, 404)
    assert.equal((await desk(`/office/cases/${applicationId}/attachments/not-${row.id}`)).status, 404)

    // A file an application took is no answer for the next one, even its owner's.
    const reused = appealPage()
    reused.set('attachment', row.id)
    const refused = await olena.post('/services/appeal/apply/appeal', reused)
    assert.equal(refused.status, 422)
    assert.ok((await refused.text()).includes(messageOf('ERR_ATTACHMENT_UNKNOWN', 'en')))
  })

  it('refuses by content, size, emptiness and ownership, at the field, and keeps nothing refused', async () => {
    const petro = await citizen(4)
    const refused = async (form: FormData, code: Parameters<typeof messageOf>[0]) => {
      const before = await storedOf(petro.id)
      const answer = await petro.post('/services/appeal/apply/appeal', form)
      assert.equal(answer.status, 422)
      const html = await answer.text()
      assert.ok(html.includes(`<p class="field-error" id="attachment-error">`), html)
      assert.ok(html.includes(messageOf(code, 'en')), `${code}: ${html}`)
      assert.match(
        html,
        /<input id="attachment"[^>]* aria-describedby="attachment-hint attachment-error" aria-invalid="true">/,
      )
      assert.equal(await storedOf(petro.id), before, 'nothing stored')
    }
    await refused(appealPage({ name: 'photo.pdf', bytes: png, type: 'application/pdf' }), 'ERR_ATTACHMENT_TYPE')
    await refused(appealPage({ name: 'big.pdf', bytes: pdfOf(5 * 1024 * 1024 + 1) }), 'ERR_ATTACHMENT_TOO_LARGE')
    // Far beyond the limit: refused before the body is read.
    await refused(appealPage({ name: 'huge.pdf', bytes: pdfOf(7 * 1024 * 1024) }), 'ERR_ATTACHMENT_TOO_LARGE')
    await refused(appealPage({ name: 'empty.pdf', bytes: new Uint8Array() }), 'ERR_ATTACHMENT_EMPTY')

    // Another citizen's file, its id sent by hand in place of a file, is no answer.
    const olga = await citizen(7)
    assert.equal(
      (await olga.post('/services/appeal/apply/appeal', appealPage({ name: 'x.pdf', bytes: pdf }))).status,
      303,
    )
    const hers = await t.platform.store.db
      .selectFrom('attachments')
      .select('id')
      .where('citizen_id', '=', olga.id)
      .executeTakeFirstOrThrow()
    const byHand = appealPage()
    byHand.set('attachment', hers.id)
    await refused(byHand, 'ERR_ATTACHMENT_UNKNOWN')
    assert.doesNotMatch(await (await petro.get('/services/appeal/check')).text(), /x\.pdf/)

    // Exactly at the limit is taken.
    const edge = await petro.post(
      '/services/appeal/apply/appeal',
      appealPage({ name: 'edge.pdf', bytes: pdfOf(5 * 1024 * 1024) }),
    )
    assert.equal(edge.status, 303)
    // A file replaced before submitting is not kept.
    const replaced = await petro.post('/services/appeal/apply/appeal', appealPage({ name: 'better.pdf', bytes: pdf }))
    assert.equal(replaced.status, 303)
    assert.equal(await storedOf(petro.id), 1)
    assert.match(await (await petro.get('/services/appeal/check')).text(), /better\.pdf/)
  })

  it('gives a file to one application only, when two submissions race for it', async () => {
    const ivan = await citizen(8)
    assert.equal(
      (await ivan.post('/services/appeal/apply/appeal', appealPage({ name: 'x.pdf', bytes: pdf }))).status,
      303,
    )
    const { id } = await t.platform.store.db
      .selectFrom('attachments')
      .select('id')
      .where('citizen_id', '=', ivan.id)
      .executeTakeFirstOrThrow()
    const engine = createServiceEngine(t.platform)
    const answers = { subject: 'Twice at once', text: 'The same appeal sent from two tabs at once.', attachment: id }
    const submit = (key: string) =>
      submitApplication(engine.ports, {
        definition: engine.find('appeal'),
        citizenId: ivan.id,
        clientKey: key,
        answers: { ...answers, answer_by_email: 'no' },
      })
    const results = await Promise.allSettled([submit('race-key-one'), submit('race-key-two')])
    const done = results.filter((r) => r.status === 'fulfilled')
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    assert.equal(done.length, 1)
    assert.equal(refused.length, 1)
    const reason = refused[0]
    assert.ok(
      isPolisError(reason, 'ERR_ATTACHMENT_UNKNOWN') ||
        (reason instanceof ApplicationRefused && reason.fields[0]?.code === 'ERR_ATTACHMENT_UNKNOWN'),
      String(reason),
    )
    const applications = await t.platform.store.db
      .selectFrom('applications')
      .select('id')
      .where('citizen_id', '=', ivan.id)
      .execute()
    assert.equal(applications.length, 1, 'the refused submission left nothing')
  })
})
