import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { formatMoney, readPayableItems } from './payable-items.ts'
import { formatBytes, keptFileAnswers, readUploadedFile, readUploadedFiles } from './service-files.ts'

describe('what the wallet reads of items owed and uploaded files', () => {
  it('reads the items the server lists, leaving out what is not an item, and never throws', () => {
    assert.deepEqual(
      readPayableItems({
        items: {
          fine: [
            {
              id: 'f1',
              amount: 34000,
              currency: 'UAH',
              description: 'Speeding',
              number: 'AB-1',
              dueDate: '2026-06-30',
              details: [{ label: 'Plate', value: 'AA1234BB' }, { label: 'Place' }, { label: 'Empty', value: '' }],
            },
            { id: 'f2', amount: '340', currency: 'UAH' },
            { amount: 1, currency: 'UAH' },
          ],
        },
      }),
      {
        fine: [
          {
            id: 'f1',
            amount: 34000,
            currency: 'UAH',
            description: 'Speeding',
            number: 'AB-1',
            dueDate: '2026-06-30',
            details: [{ label: 'Plate', value: 'AA1234BB' }],
          },
        ],
      },
    )
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const read = readPayableItems(value)
        for (const items of Object.values(read)) {
          for (const item of items) assert.ok(typeof item.id === 'string' && Number.isFinite(item.amount))
        }
      }),
    )
  })

  it('reads an upload the server kept, and refuses anything less', () => {
    const file = { id: 'u1', fieldId: 'medical', fileName: 'a.pdf', mediaType: 'application/pdf', size: 9 }
    assert.deepEqual(readUploadedFile(file), file)
    assert.deepEqual(readUploadedFiles([file, { ...file, id: 3 }, null]), { u1: file })
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const read = readUploadedFile(value)
        if (read) assert.equal(typeof read.size, 'number')
        assert.equal(typeof readUploadedFiles(value), 'object')
      }),
    )
  })

  it('keeps a draft’s file answer only while its upload is still kept, and every other answer', () => {
    const kept = { u1: { id: 'u1', fieldId: 'medical', fileName: 'a.pdf', mediaType: 'application/pdf', size: 9 } }
    assert.deepEqual(keptFileAnswers({ medical: 'u1', number: 'AB12', other: 'x' }, ['medical'], kept), {
      medical: 'u1',
      number: 'AB12',
      other: 'x',
    })
    assert.deepEqual(keptFileAnswers({ medical: 'gone', number: 'AB12' }, ['medical'], kept), { number: 'AB12' })
    // Found by the property below: a name the object's prototype answers to is no upload.
    assert.deepEqual(keptFileAnswers({ medical: '__proto__', other: 'constructor' }, ['medical'], kept), {
      other: 'constructor',
    })
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean())),
        fc.array(fc.string()),
        (answers, files) => {
          const left = keptFileAnswers(answers, files, {})
          for (const [id, value] of Object.entries(left)) {
            assert.ok(!files.includes(id))
            assert.equal(value, answers[id])
          }
        },
      ),
    )
  })

  it('writes amounts and sizes as people read them, number and unit kept together', () => {
    assert.equal(formatMoney(34000, 'UAH', 'en-GB'), 'UAH\u00a0340.00')
    assert.equal(formatBytes(512, 'en', 'en-GB'), '512\u00a0bytes')
    assert.equal(formatBytes(340 * 1024, 'uk', 'uk-UA'), '340\u00a0КБ')
    assert.equal(formatBytes(1.25 * 1024 * 1024, 'et', 'et-EE'), '1,3\u00a0MB')
  })
})
