import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { frozenClock, isPolisError } from '@polis/kernel'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { openTestStore, type Store, testEngine } from '@polis/store'
import fc from 'fast-check'
import { checkAnswers } from './answers.ts'
import {
  attachmentErrors,
  checkAttachment,
  claimAttachments,
  cleanFileName,
  detectAttachmentType,
  draftAttachmentDays,
  expireDraftAttachments,
  storeAttachment,
} from './attachments.ts'

import { checkDefinition, type Field } from './definition.ts'

const bytes = (...values: number[]) => new Uint8Array(values)
const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n')
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46)
const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d)
const text = (en: string) => ({ uk: en, en, et: en })
const pdfOnly: Pick<Field, 'accept' | 'maxBytes'> = { accept: ['application/pdf'], maxBytes: 1024 }

const codeOf = (run: () => unknown) => {
  try {
    run()
    return undefined
  } catch (error) {
    assert.ok(isPolisError(error), String(error))
    return error.code
  }
}

describe('attachments: what a file is, by its bytes', () => {
  it('knows PDF (%PDF-), JPEG (FF D8 FF) and PNG (its 8-byte signature), and nothing else', () => {
    assert.equal(detectAttachmentType(pdf), 'application/pdf')
    assert.equal(detectAttachmentType(jpeg), 'image/jpeg')
    assert.equal(detectAttachmentType(png), 'image/png')
    assert.equal(detectAttachmentType(new TextEncoder().encode('%PDF')), undefined, 'cut short')
    assert.equal(detectAttachmentType(new TextEncoder().encode(' %PDF-1.7')), undefined, 'not at the start')
    assert.equal(detectAttachmentType(png.slice(0, 7)), undefined)
    assert.equal(detectAttachmentType(bytes(0xff, 0xd8)), undefined)
    assert.equal(detectAttachmentType(new TextEncoder().encode('<html><script>')), undefined)
    assert.equal(detectAttachmentType(new Uint8Array()), undefined)
  })

  it('believes the bytes, not the name: a PNG called .pdf is refused where only PDF is taken', () => {
    assert.equal(
      codeOf(() => checkAttachment(pdfOnly, { name: 'scan.pdf', bytes: png })),
      'ERR_ATTACHMENT_TYPE',
    )
    assert.deepEqual(checkAttachment(pdfOnly, { name: 'scan.png', bytes: pdf }), {
      fileName: 'scan.png.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    })
    assert.equal(
      codeOf(() => checkAttachment(pdfOnly, { name: 'a.pdf', bytes: new Uint8Array() })),
      'ERR_ATTACHMENT_EMPTY',
    )
    const large = new Uint8Array(1025)
    large.set(pdf)
    assert.equal(
      codeOf(() => checkAttachment(pdfOnly, { name: 'a.pdf', bytes: large })),
      'ERR_ATTACHMENT_TOO_LARGE',
    )
    assert.equal(checkAttachment(pdfOnly, { name: 'a.pdf', bytes: large.slice(0, 1024) }).size, 1024)
  })

  it('never throws anything but a stable PolisError, whatever the bytes and the name', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.string({ maxLength: 300, unit: 'binary' }),
        fc.constantFrom(...([['application/pdf'], ['image/png', 'image/jpeg'], undefined] as const)),
        (content, name, accept) => {
          const field = accept ? { accept: [...accept], maxBytes: 48 } : {}
          try {
            const checked = checkAttachment(field, { name, bytes: content })
            assert.ok(checked.fileName.length <= 100)
            assert.equal(detectAttachmentType(content), checked.mediaType)
          } catch (error) {
            assert.ok(isPolisError(error), String(error))
            assert.ok((attachmentErrors as readonly string[]).includes(error.code), error.code)
          }
        },
      ),
      { numRuns: fuzzRuns(2000) },
    )
  })
})

describe('attachments: the name kept', () => {
  it('drops folders of either kind, control and bidi characters, and keeps the extension of the kind', () => {
    assert.equal(cleanFileName('C:\\Users\\olena\\Desktop\\довідка.pdf', 'application/pdf'), 'довідка.pdf')
    assert.equal(cleanFileName('../../etc/passwd', 'application/pdf'), 'passwd.pdf')
    assert.equal(cleanFileName('photo.JPEG', 'image/jpeg'), 'photo.jpeg')
    assert.equal(cleanFileName('invoice\u202Efdp.exe', 'application/pdf'), 'invoicefdp.exe.pdf')
    assert.equal(cleanFileName('a\r\nb"c<d>.png', 'image/png'), 'a bcd.png')
    assert.equal(cleanFileName('', 'image/png'), 'attachment.png')
    assert.equal(cleanFileName('...', 'image/png'), 'attachment.png')
    assert.equal(cleanFileName('/', 'application/pdf'), 'attachment.pdf')
  })

  it('keeps at most 100 characters, the extension included', () => {
    const long = cleanFileName(`${'я'.repeat(300)}.pdf`, 'application/pdf')
    assert.equal([...long].length, 100)
    assert.ok(long.endsWith('.pdf'))
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'grapheme' }), (name) => {
        const kept = cleanFileName(name, 'image/png')
        assert.ok([...kept].length <= 100)
        assert.doesNotMatch(kept, /[/\\\p{Cc}]/u)
        assert.match(kept, /\.png$/)
      }),
    )
  })
})

describe('attachments in a definition and in the answers', () => {
  const service = (field: Record<string, unknown>) => ({
    code: 'test-service',
    version: 1,
    name: text('Test'),
    summary: text('A test'),
    category: 'civic',
    agency: 'state-chancellery',
    pages: [{ id: 'one', title: text('One'), fields: [{ id: 'scan', type: 'file', label: text('Scan'), ...field }] }],
    decision: { by: 'official', deadlineDays: 10 },
  })
  const problems = (field: Record<string, unknown>) => {
    const checked = checkDefinition(service(field))
    return 'problems' in checked ? checked.problems.map((p) => p.path) : []
  }

  it('names the exact path of a file field set wrong', () => {
    assert.deepEqual(problems({ accept: ['application/pdf'] }), [])
    assert.deepEqual(problems({}), ['pages[0].fields[0].accept'])
    assert.deepEqual(problems({ accept: ['text/html'] }), ['pages[0].fields[0].accept[0]'])
    assert.deepEqual(problems({ accept: [] }), ['pages[0].fields[0].accept'])
    assert.deepEqual(problems({ accept: ['image/png', 'image/png'] }), ['pages[0].fields[0].accept'])
    assert.deepEqual(problems({ accept: ['image/png'], maxBytes: 10 * 1024 * 1024 + 1 }), [
      'pages[0].fields[0].maxBytes',
    ])
    assert.deepEqual(problems({ accept: ['image/png'], maxBytes: 0 }), ['pages[0].fields[0].maxBytes'])
    assert.deepEqual(problems({ type: 'text', accept: ['image/png'] }), ['pages[0].fields[0].accept'])
    assert.deepEqual(problems({ type: 'text', maxBytes: 100 }), ['pages[0].fields[0].maxBytes'])
  })

  it('takes as an answer only an attachment of the citizen to that field not yet submitted', () => {
    const checked = checkDefinition(service({ accept: ['application/pdf'] }))
    assert.ok('definition' in checked)
    const data = { person: {}, records: {}, applicant: { age: 30, citizen_id: 'c1' }, today: '2026-06-01' }
    const mine = { a1: { fieldId: 'scan' }, a2: { fieldId: 'other' } }
    const answer = (scan: unknown) => checkAnswers(checked.definition, { scan }, data, { attachments: mine })
    assert.deepEqual(answer('a1').values, { scan: 'a1' })
    assert.equal(answer('a2').errors[0]?.code, 'ERR_ATTACHMENT_UNKNOWN', 'uploaded for another field')
    assert.equal(answer('someone-elses').errors[0]?.code, 'ERR_ATTACHMENT_UNKNOWN')
    assert.equal(answer('__proto__').errors[0]?.code, 'ERR_ATTACHMENT_UNKNOWN')
    assert.equal(answer(undefined).errors[0]?.message.en, 'Enter this.')
    assert.equal(checkAnswers(checked.definition, { scan: 'a1' }, data).errors[0]?.code, 'ERR_ATTACHMENT_UNKNOWN')
  })
})

describe(`attachments of drafts never submitted expire, on ${testEngine}`, () => {
  let store: Store | undefined
  after(() => store?.close())

  it(`deletes an orphan after ${draftAttachmentDays} days in batches, and keeps a submitted application's file`, async () => {
    store = await openTestStore()
    const db = store
    const now = frozenClock(new Date('2026-06-01T09:00:00Z'))
    const checked = checkDefinition({
      code: 'test-service',
      version: 1,
      name: text('Test'),
      summary: text('A test'),
      category: 'civic',
      agency: 'state-chancellery',
      pages: [
        {
          id: 'one',
          title: text('One'),
          fields: [{ id: 'scan', type: 'file', label: text('Scan'), accept: ['application/pdf'] }],
        },
      ],
      decision: { by: 'official', deadlineDays: 10 },
    })
    assert.ok('definition' in checked)
    const { definition } = checked
    const field = definition.pages[0]?.fields[0] as Field
    const upload = (citizenId: string) =>
      storeAttachment(db, {
        citizenId,
        serviceCode: definition.code,
        field,
        file: { name: 'scan.pdf', bytes: pdf },
        now,
      })
    const submitted = await upload('citizen-a')
    const orphans = await Promise.all(['citizen-b', 'citizen-c', 'citizen-d', 'citizen-e', 'citizen-f'].map(upload))
    await db.db.transaction().execute((trx) =>
      claimAttachments(trx, {
        definition,
        applicationId: 'application-1',
        citizenId: 'citizen-a',
        answers: { scan: submitted.id },
      }),
    )
    const left = async () =>
      (await db.db.selectFrom('attachments').select('id').orderBy('id').execute()).map((r) => r.id)

    now.advance((draftAttachmentDays * 24 - 1) * 3600)
    const young = await upload('citizen-g')
    assert.equal(await expireDraftAttachments(db, { now, batchSize: 2 }), 0, 'nothing is old enough yet')
    assert.equal((await left()).length, 7)

    now.advance(2 * 3600)
    assert.equal(await expireDraftAttachments(db, { now, batchSize: 2 }), orphans.length, 'in three batches of two')
    assert.deepEqual(await left(), [submitted.id, young.id].sort())

    now.advance(365 * 86_400)
    assert.equal(await expireDraftAttachments(db, { now }), 1)
    assert.deepEqual(await left(), [submitted.id], 'a submitted application keeps its file for good')
  })
})
