/** Employment service: the register of the unemployed, joined and left. */
import { randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { type DefinedOperation, dayOf } from './defined-operation.ts'

const activeOf = (db: Parameters<DefinedOperation['check']>[0], citizenId: string) =>
  db
    .selectFrom('unemployment_registrations')
    .select('id')
    .where('citizen_id', '=', citizenId)
    .where('ended_on', 'is', null)
    .executeTakeFirst()

const register: DefinedOperation = {
  async check(db, citizenId) {
    if (await activeOf(db, citizenId)) throw new PolisError('ERR_ALREADY_REGISTERED', { detail: 'unemployed' })
  },
  async apply(db, citizenId, _values, now) {
    await db
      .insertInto('unemployment_registrations')
      .values({
        id: `unemployment-${randomUUID()}`,
        citizen_id: citizenId,
        registered_on: dayOf(now),
        centre: 'Державний центр зайнятості',
        ended_on: null,
        end_reason: null,
      })
      .execute()
  },
}

const Ending = z.object({ reason: z.string().trim().min(1).max(200) })

const end: DefinedOperation = {
  async check(db, citizenId, values) {
    if (!Ending.safeParse(values).success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a reason' })
    if (!(await activeOf(db, citizenId))) throw new PolisError('ERR_NOT_REGISTERED', { detail: 'not unemployed' })
  },
  async apply(db, citizenId, values, now) {
    await db
      .updateTable('unemployment_registrations')
      .set({ ended_on: dayOf(now), end_reason: Ending.parse(values).reason })
      .where('citizen_id', '=', citizenId)
      .where('ended_on', 'is', null)
      .execute()
  },
}

export const unemploymentOperations = { 'register-unemployed': register, 'end-unemployment': end }
