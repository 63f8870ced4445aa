/**
 * The writes a registry offers to e-services, by name: what an approved application
 * changes (a new address). Each checks its values and changes the registry in one
 * transaction, keeping history where the registry keeps it.
 */
import { createHash, randomUUID } from 'node:crypto'
import { PolisError, type RegistryName } from '@polis/kernel'
import type { Store } from '@polis/store'
import { AddressAnswer } from './address-answer.ts'
import { inOneTransaction } from './in-one-transaction.ts'
import type { Address } from './json-columns.ts'
import { addMoreOperations } from './more-registry-operations.ts'
import { debtOperations } from './record-debt-payment.ts'
import { registryCountry } from './registry-reader.ts'

export interface RegistryUpdate {
  registry: RegistryName
  operation: string
  citizenId: string
  values: Record<string, unknown>
  /**
   * The writer's key for this write (an application and which of its outputs): a write
   * retried with its key is carried out once, and answers as done again.
   */
  key?: string
}

export type Operation = (store: Store, citizenId: string, values: Record<string, unknown>, now: Date) => Promise<void>

/** Population: the registered address changes today; the old one joins the address history. */
const changeAddress: Operation = async (store, citizenId, values, now) => {
  const parsed = AddressAnswer.safeParse(values)
  if (!parsed.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the new address is incomplete' })
  const today = now.toISOString().slice(0, 10)
  await inOneTransaction(store.db, async (trx) => {
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
  const { store } = options
  return async (update: RegistryUpdate): Promise<void> => {
    const operation = operationOf(update.registry, update.operation)
    if (!operation) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `${update.registry} offers no ${update.operation}` })
    }
    const { key } = update
    if (key === undefined) {
      await operation(store, update.citizenId, update.values, options.now())
      return
    }
    if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(key)) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the write’s key' })
    const digest = createHash('sha256')
      .update(JSON.stringify([update.operation, update.citizenId, update.values]))
      .digest('base64url')
    // The key in the write's own transaction: held only if the write holds. A write with the
    // same key in flight waits for it, then finds its key.
    await store.db.transaction().execute(async (trx) => {
      const taken = await trx
        .insertInto('registry_operation_keys')
        .values({ registry: update.registry, key, digest, done_at: options.now().toISOString() })
        .onConflict((c) => c.columns(['registry', 'key']).doNothing())
        .executeTakeFirst()
      if (Number(taken.numInsertedOrUpdatedRows ?? 0) === 1) {
        await operation({ ...store, db: trx }, update.citizenId, update.values, options.now())
        return
      }
      const done = await trx
        .selectFrom('registry_operation_keys')
        .select('digest')
        .where('registry', '=', update.registry)
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
      if (done.digest !== digest) throw new PolisError('ERR_OPERATION_KEY_REUSED')
    })
  }
}
