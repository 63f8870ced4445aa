/** Police: a citizen reports a document of theirs lost or stolen. */
import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { type DefinedOperation, dayOf } from './defined-operation.ts'

const Report = z.object({
  document_type: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  lost_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  circumstances: z.string().trim().min(1).max(2000),
})

const reportLost: DefinedOperation = {
  async check(_db, _citizenId, values, now) {
    const parsed = Report.safeParse(values)
    if (!parsed.success || parsed.data.lost_on > dayOf(now)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'the document, a date not in the future, and what happened' })
    }
  },
  async apply(db, citizenId, values, now) {
    const report = Report.parse(values)
    const person = await db
      .selectFrom('persons')
      .select(['id_card_number', 'passport_number'])
      .where('id', '=', citizenId)
      .executeTakeFirst()
    const licence =
      report.document_type === 'driver-licence'
        ? await db.selectFrom('driver_licences').select('number').where('citizen_id', '=', citizenId).executeTakeFirst()
        : undefined
    const number =
      report.document_type === 'id-card'
        ? person?.id_card_number
        : report.document_type === 'foreign-passport'
          ? person?.passport_number
          : licence?.number
    await db
      .insertInto('lost_documents')
      .values({
        id: randomUUID(),
        citizen_id: citizenId,
        document_type: report.document_type,
        document_number: number ?? null,
        lost_on: report.lost_on,
        circumstances: report.circumstances,
        reported_on: dayOf(now),
      })
      .execute()
  },
}

export const policeOperations = { 'report-lost-document': reportLost }
