/**
 * The writes a registry offers to e-services, by name: what an approved application
 * changes (a new address). Each checks its values and changes the registry in one
 * transaction, keeping history where the registry keeps it.
 */
import { randomUUID } from 'node:crypto'
import { PolisError, type RegistryName } from '@polis/kernel'
import type { Store } from '@polis/store'
import { AddressAnswer } from './address-answer.ts'
import type { Address } from './json-columns.ts'
import { addMoreOperations } from './more-registry-operations.ts'
import { debtOperations } from './record-debt-payment.ts'
import { registryCountry } from './registry-reader.ts'

export interface RegistryUpdate {
  registry: RegistryName
  operation: string
  citizenId: string
  values: Record<string, unknown>
}

export type Operation = (store: Store, citizenId: string, values: Record<string, unknown>, now: Date) => Promise<void>

/** Population: the registered address changes today; the old one joins the address history. */
const changeAddress: Operation = async (store, citizenId, values, now) => {
  const parsed = AddressAnswer.safeParse(values)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the new address is incomplete' })
  const today = now.toISOString().slice(0, 10)
  await store.db.transaction().execute(async (trx) => {
    // The address as it stands joins the history, copied by the database: no read before the write.
    const kept = await trx
      .insertInto('person_addresses')
      .columns(['id', 'citizen_id', 'address', 'registered_from', 'registered_to'])
      .expression((eb) =>
        eb
          .selectFrom('persons')
          .select([
            eb.cast<string>(eb.val(randomUUID()), 'text').as('id'),
            'id as citizen_id',
            'address',
            'address_since as registered_from',
            eb.cast<string>(eb.val(today), 'text').as('registered_to'),
          ])
          .where('id', '=', citizenId),
      )
      .executeTakeFirst()
    if (Number(kept.numInsertedOrUpdatedRows ?? 0) !== 1) throw new PolisError('ERR_UNKNOWN_CITIZEN')
    const address: Address = { country: registryCountry, ...parsed.data }
    await trx
      .updateTable('persons')
      .set({ address: JSON.stringify(address), address_since: today })
      .where('id', '=', citizenId)
      .execute()
  })
}

const operations: Partial<Record<RegistryName, Record<string, Operation>>> = {
  population: { 'change-address': changeAddress },
}
addMoreOperations(operations, changeAddress)

const operationOf = (registry: RegistryName, name: string): Operation | undefined =>
  operations[registry]?.[name] ?? debtOperations[registry]?.[name]

/** Whether a registry offers an operation (service definitions are checked against this). */
export function hasRegistryOperation(registry: RegistryName, operation: string): boolean {
  return Boolean(operationOf(registry, operation))
}

/** Writes this instance's own registry tables; ERR_BAD_REQUEST for an operation no registry offers. */
export function createLocalRegistryWriter(options: { store: Store; now: () => Date }) {
  return async (update: RegistryUpdate): Promise<void> => {
    const operation = operationOf(update.registry, update.operation)
    if (!operation) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `${update.registry} offers no ${update.operation}` })
    }
    await operation(options.store, update.citizenId, update.values, options.now())
  }
}
