/** Business register: a citizen registers as a sole proprietor, and closes the business. */
import { randomInt } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { activities } from './data/business.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import type { Activities } from './json-columns.ts'

const Registration = z.object({
  activity: z.string().regex(/^\d{2}\.\d{2}$/),
  tax_group: z.coerce.number().int().min(1).max(3),
})

const active = 'зареєстровано'

const register: DefinedOperation = {
  async check(db, citizenId, values) {
    const parsed = Registration.safeParse(values)
    if (!parsed.success || !activities.some((a) => a.code === parsed.data.activity)) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'a known activity and a tax group from 1 to 3' })
    }
    const current = await db
      .selectFrom('sole_proprietors')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('status', '=', active)
      .executeTakeFirst()
    if (current) throw new PolisError('ERR_ALREADY_REGISTERED', { detail: 'an active sole proprietorship' })
  },
  async apply(db, citizenId, values, now) {
    const { activity, tax_group: taxGroup } = Registration.parse(values)
    const chosen = activities.find((a) => a.code === activity)
    if (!chosen) throw new PolisError('ERR_BAD_REQUEST', { detail: 'unknown activity' })
    const listed: Activities = [{ code: chosen.code, name: chosen.name, primary: true }]
    await db
      .insertInto('sole_proprietors')
      .values({
        id: `business-${dayOf(now)}-${randomInt(1e9)}`,
        citizen_id: citizenId,
        registration_number: `2000000${String(randomInt(1e10)).padStart(10, '0')}`,
        registered_on: dayOf(now),
        activities: JSON.stringify(listed),
        tax_group: taxGroup,
        vat_payer: 0,
        status: active,
        terminated_on: null,
      })
      .execute()
  },
}

const terminate: DefinedOperation = {
  async check(db, citizenId) {
    const current = await db
      .selectFrom('sole_proprietors')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .where('status', '=', active)
      .executeTakeFirst()
    if (!current) throw new PolisError('ERR_NOT_REGISTERED', { detail: 'no active sole proprietorship' })
  },
  async apply(db, citizenId, _values, now) {
    await db
      .updateTable('sole_proprietors')
      .set({ status: 'припинено', terminated_on: dayOf(now) })
      .where('citizen_id', '=', citizenId)
      .where('status', '=', active)
      .execute()
  },
}

export const soleProprietorOperations = { 'register-sole-proprietor': register, 'terminate-sole-proprietor': terminate }
