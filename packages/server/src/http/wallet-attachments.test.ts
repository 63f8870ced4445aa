import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { messageOf } from '@polis/kernel'
import { findApplication, listAttachments } from '@polis/services'
import { testEngine } from '@polis/store'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform({ citizens: 30 })
})
after(() => t?.close())

type Device = Awaited<ReturnType<typeof insertWalletDevice>>

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])
/** A file of `size` bytes that starts as a PDF. */
const pdfOf = (size: number) => {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(pdf.subarray(0, 9))
  return bytes
}

/** A request signed by the wallet's device key, as the wallet sends it. */
async function call(device: Device, method: string, path: string, init: RequestInit = {}) {
  const jwt = await deviceJwt({ device, origin: t.origin, method, path, now: t.now() })
  return t.app.request(path, {
    ...init,
    method,
    headers: { authorization: `PolisDevice ${jwt}`, 'accept-language': 'en', ...init.headers },
  })
}

/** Uploads a file to a file question, as the wallet's file input sends it. */
function upload(
  device: Device,
  file: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string } | undefined,
  options: { service?: string; field?: string; replaces?: string; language?: string } = {},
) {
  const form = new FormData()
  if (file) form.set('file', new File([file.bytes], file.name, { type: file.type ?? 'application/pdf' }))
  if (options.replaces) form.set('replaces', options.replaces)
  const service = options.service ?? 'driver-licence-renewal'
  const field = options.field ?? 'medical_certificate'
  return call(device, 'POST', `/api/wallet/services/${service}/attachments/${field}`, {
    body: form,
    headers: { 'accept-language': options.language ?? 'en' },
  })
}

interface Attachment {
  id: string
  fieldId: string
  fileName: string
  mediaType: string
  size: number
}

const answers = (file: string) => ({
  medical_number: 'AB12-CD34-EF56-GH78',
  medical_date: '2026-05-20',
  medical_certificate: file,
  delivery: 'centre',
  centre_city: 'Kyiv',
})

const submit = (device: Device, key: string, file: string) =>
  call(device, 'POST', '/api/wallet/applications', {
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ service: 'driver-licence-renewal', answers: answers(file) }),
  })

describe(`files uploaded from the wallet on ${testEngine}`, () => {
  it('keeps a file checked by its bytes, lists it, replaces it, and submits it with one application only', async () => {
    const citizenId = t.holding('driver-licence')
    const phone = await insertWalletDevice(t.platform.store, citizenId, t.now())

    const sent = await upload(phone, { name: '../../medical certificate.pdf', bytes: pdf })
    assert.equal(sent.status, 201, await sent.clone().text())
    assert.equal(sent.headers.get('cache-control'), 'no-store')
    const first = (await sent.json()) as Attachment
    assert.deepEqual(
      { ...first, id: undefined },
      {
        id: undefined,
        fieldId: 'medical_certificate',
        fileName: 'medical certificate.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
      },
    )
    // A photo replaces it: the PDF is not kept, and a JPEG's kind is its bytes', whatever its name says.
    const replaced = await upload(phone, { name: 'photo.pdf', bytes: jpeg, type: 'image/jpeg' }, { replaces: first.id })
    assert.equal(replaced.status, 201)
    const photo = (await replaced.json()) as Attachment
    assert.deepEqual([photo.fileName, photo.mediaType], ['photo.pdf.jpg', 'image/jpeg'])
    const listed = (await (
      await call(phone, 'GET', '/api/wallet/services/driver-licence-renewal/attachments')
    ).json()) as Attachment[]
    assert.deepEqual(
      listed.map((f) => f.id),
      [photo.id],
    )

    // Submitted twice with one key: one application, which takes the file.
    const one = await submit(phone, 'wallet-files-0001', photo.id)
    assert.equal(one.status, 201, await one.clone().text())
    const application = (await one.json()) as { id: string }
    const retried = await submit(phone, 'wallet-files-0001', photo.id)
    assert.equal(((await retried.json()) as { id: string }).id, application.id)
    assert.deepEqual(
      (await listAttachments(t.platform.store, application.id)).map((f) => f.id),
      [photo.id],
    )
    assert.equal((await findApplication(t.platform.store, citizenId, application.id)).status, 'in-review')

    // A second application cannot take the same file, and a submitted file cannot be removed.
    const second = await submit(phone, 'wallet-files-0002', photo.id)
    assert.equal(second.status, 422)
    const refused = (await second.json()) as { fields: Array<{ field: string; message: string }> }
    assert.deepEqual(
      refused.fields.map((f) => f.field),
      ['medical_certificate'],
    )
    const removeTaken = await call(phone, 'DELETE', `/api/wallet/attachments/${photo.id}`)
    assert.deepEqual(await removeTaken.json(), { id: photo.id, removed: false })
    assert.equal((await listAttachments(t.platform.store, application.id)).length, 1, 'the submitted file stays')
    assert.deepEqual(
      await (await call(phone, 'GET', '/api/wallet/services/driver-licence-renewal/attachments')).json(),
      [],
    )
  })

  it('refuses a file of the wrong kind, an empty one and one too large with stable codes, keeping nothing', async () => {
    const citizen = t.citizens.filter((c) => c.id !== t.holding('driver-licence'))[0]
    assert.ok(citizen)
    const phone = await insertWalletDevice(t.platform.store, citizen.id, t.now())
    const count = async () =>
      Number(
        (
          await t.platform.store.db
            .selectFrom('attachments')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('citizen_id', '=', citizen.id)
            .executeTakeFirstOrThrow()
        ).n,
      )

    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    const wrong = await upload(phone, { name: 'scan.pdf', bytes: html }, { language: 'uk' })
    assert.equal(wrong.status, 422)
    assert.deepEqual(await wrong.json(), {
      error: { code: 'ERR_ATTACHMENT_TYPE', message: messageOf('ERR_ATTACHMENT_TYPE', 'uk') },
    })
    // The appeal takes PDFs only: a JPEG is refused there.
    const photo = await upload(phone, { name: 'a.jpg', bytes: jpeg }, { service: 'appeal', field: 'attachment' })
    assert.equal(((await photo.json()) as { error: { code: string } }).error.code, 'ERR_ATTACHMENT_TYPE')
    const empty = await upload(phone, { name: 'empty.pdf', bytes: new Uint8Array(0) })
    assert.equal(((await empty.json()) as { error: { code: string } }).error.code, 'ERR_ATTACHMENT_EMPTY')
    // A request without a file part is not one the wallet sends: a bad request.
    const none = await upload(phone, undefined)
    assert.equal(none.status, 400)
    // Just over the question's 5 MB: refused by its size; far over it: refused before it is read.
    const large = await upload(phone, { name: 'big.pdf', bytes: pdfOf(5 * 1024 * 1024 + 1) })
    assert.equal(large.status, 413)
    assert.equal(((await large.json()) as { error: { code: string } }).error.code, 'ERR_ATTACHMENT_TOO_LARGE')
    const huge = await upload(phone, { name: 'huge.pdf', bytes: pdfOf(8 * 1024 * 1024) })
    assert.equal(huge.status, 413)
    assert.equal(((await huge.json()) as { error: { code: string } }).error.code, 'ERR_ATTACHMENT_TOO_LARGE')
    assert.equal(await count(), 0, 'nothing refused is kept')

    // A question that is not a file question, or a service without it, is not found.
    assert.equal((await upload(phone, { name: 'a.pdf', bytes: pdf }, { field: 'delivery' })).status, 404)
    assert.equal((await upload(phone, { name: 'a.pdf', bytes: pdf }, { service: 'poll' })).status, 404)
    // Without the device's signature, nothing.
    const form = new FormData()
    form.set('file', new File([pdf], 'a.pdf'))
    const anonymous = await t.app.request(
      '/api/wallet/services/driver-licence-renewal/attachments/medical_certificate',
      {
        method: 'POST',
        body: form,
      },
    )
    assert.equal(anonymous.status, 401)
    assert.equal(await count(), 0)
  })

  it('removes only the citizen’s own unsubmitted file, and limits uploads per address', async () => {
    const [a, b] = t.citizens.filter((c) => c.id !== t.holding('driver-licence')).slice(1)
    assert.ok(a && b)
    const mine = await insertWalletDevice(t.platform.store, a.id, t.now())
    const theirs = await insertWalletDevice(t.platform.store, b.id, t.now())
    const kept = (await (await upload(mine, { name: 'a.pdf', bytes: pdf })).json()) as Attachment
    assert.equal((await call(theirs, 'DELETE', `/api/wallet/attachments/${kept.id}`)).status, 404)
    const removed = await call(mine, 'DELETE', `/api/wallet/attachments/${kept.id}`)
    assert.deepEqual(await removed.json(), { id: kept.id, removed: true })
    assert.equal((await call(mine, 'DELETE', `/api/wallet/attachments/${kept.id}`)).status, 404)

    // Sixty uploads in ten minutes from one address; the next is refused, and taken again in the next window.
    t.now.advance(600)
    let refused: Response | undefined
    for (let i = 0; i < 61 && !refused; i++) {
      const response = await upload(mine, { name: 'a.pdf', bytes: pdf })
      if (response.status === 429) refused = response
    }
    assert.ok(refused, 'refused past the limit')
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'ERR_RATE_LIMITED')
    assert.ok(refused.headers.get('retry-after'))
    t.now.advance(600)
    assert.equal((await upload(mine, { name: 'a.pdf', bytes: pdf })).status, 201)
  })
})
