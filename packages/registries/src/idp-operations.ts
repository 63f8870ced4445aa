/**
 * Social register: a displaced person's status. Registering keeps where they fled from
 * (their registered address) and where they live now; the address can change; a
 * cancelled status leaves the register for the cancellations, as it stood.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { AddressAnswer } from './address-answer.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import { Address, parseColumn } from './json-columns.ts'
import { registryCountry } from './registry-reader.ts'

/** Where a displaced person lives now, as the answers give it. */
export const CurrentAddress = AddressAnswer

function addressOf(values: Record<string, unknown>): Address {
  const parsed = CurrentAddress.safeParse(values)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the address is incomplete' })
  return { country: registryCountry, ...parsed.data }
}

const statusOf = (db: Parameters<DefinedOperation['check']>[0], citizenId: string) =>
  db.selectFrom('idp_statuses').selectAll().where('citizen_id', '=', citizenId).executeTakeFirst()

const register: DefinedOperation = {
  async check(db, citizenId, values) {
    const address = addressOf(values)
    if (await statusOf(db, citizenId)) throw new PolisError('ERR_ALREADY_REGISTERED', { detail: 'a displaced person' })
    const person = await db.selectFrom('persons').select('address').where('id', '=', citizenId).executeTakeFirst()
    if (!person) throw new PolisError('ERR_UNKNOWN_CITIZEN')
    const registered = parseColumn(Address, person.address)
    if (registered.locality === address.locality && registered.street === address.street) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'the new address is the registered one' })
    }
  },
  async apply(db, citizenId, values, now) {
    const person = await db
      .selectFrom('persons')
      .select('address')
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow()
    const current = addressOf(values)
    await db
      .insertInto('idp_statuses')
      .values({
        id: `idp-${randomUUID()}`,
        citizen_id: citizenId,
        certificate_number: `${randomInt(1000, 9999)}-${String(randomInt(1e10)).padStart(10, '0')}`,
        previous_address: person.address,
        current_address: JSON.stringify(current),
        registered_on: dayOf(now),
        authority: `Управління соціального захисту населення, ${current.locality_type} ${current.locality}`.trim(),
      })
      .execute()
  },
}

const changeAddress: DefinedOperation = {
  async check(db, citizenId, values) {
    addressOf(values)
    if (!(await statusOf(db, citizenId))) throw new PolisError('ERR_NOT_REGISTERED', { detail: 'no displaced status' })
  },
  async apply(db, citizenId, values) {
    await db
      .updateTable('idp_statuses')
      .set({ current_address: JSON.stringify(addressOf(values)) })
      .where('citizen_id', '=', citizenId)
      .execute()
  },
}

const Cancellation = z.object({ reason: z.string().trim().min(1).max(200) })

const cancel: DefinedOperation = {
  async check(db, citizenId, values) {
    if (!Cancellation.safeParse(values).success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'a reason' })
    if (!(await statusOf(db, citizenId))) throw new PolisError('ERR_NOT_REGISTERED', { detail: 'no displaced status' })
  },
  async apply(db, citizenId, values, now) {
    const status = await statusOf(db, citizenId)
    if (!status) throw new PolisError('ERR_NOT_REGISTERED', { detail: 'no displaced status' })
    await db
      .insertInto('idp_cancellations')
      .values({
        id: randomUUID(),
        citizen_id: citizenId,
        certificate_number: status.certificate_number,
        status: JSON.stringify(status),
        cancelled_on: dayOf(now),
        reason: Cancellation.parse(values).reason,
      })
      .execute()
    await db.deleteFrom('idp_statuses').where('id', '=', status.id).execute()
  },
}

export const idpOperations = { 'register-idp': register, 'change-idp-address': changeAddress, 'cancel-idp': cancel }
