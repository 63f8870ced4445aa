/**
 * The registry writes of the later e-services (business, social, vehicles, police,
 * employment, and a parent's registration of a child's address), each checked before
 * it writes. The engine may also check them alone when an application is submitted.
 */
import { PolisError, type RegistryName } from '@polis/kernel'
import type { Store } from '@polis/store'
import { birthOperations } from './birth-operations.ts'
import { civilStatusOperations } from './civil-status-operations.ts'
import { addYears } from './dates.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import { CurrentAddress, idpOperations } from './idp-operations.ts'
import { inOneTransaction } from './in-one-transaction.ts'
import { policeOperations } from './police-operations.ts'
import { soleProprietorOperations } from './sole-proprietor-operations.ts'
import { unemploymentOperations } from './unemployment-operations.ts'
import { vehicleOperations } from './vehicle-operations.ts'

type Operation = (store: Store, citizenId: string, values: Record<string, unknown>, now: Date) => Promise<void>
type Operations = Partial<Record<RegistryName, Record<string, Operation>>>

const defined: Partial<Record<RegistryName, Record<string, DefinedOperation>>> = {
  business: soleProprietorOperations,
  social: idpOperations,
  vehicles: vehicleOperations,
  police: policeOperations,
  employment: unemploymentOperations,
  'civil-status': { ...birthOperations, ...civilStatusOperations },
}

/**
 * The child a parent registers, by the number of the child's birth certificate:
 * ERR_NOT_PARENT unless the civil-status register names the applicant as its mother
 * or father, ERR_CHILD_REGISTERS_OWN_ADDRESS from the child's 14th birthday.
 */
async function childOf(db: Store['db'], parentId: string, values: Record<string, unknown>, now: Date): Promise<string> {
  if (!CurrentAddress.safeParse(values).success) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the new address is incomplete' })
  }
  const certificate = typeof values.child === 'string' ? values.child.trim() : ''
  const birth = certificate
    ? await db
        .selectFrom('births')
        .select('child_id')
        .where('certificate_number', '=', certificate)
        .where((eb) => eb.or([eb('mother_id', '=', parentId), eb('father_id', '=', parentId)]))
        .executeTakeFirst()
    : undefined
  if (!birth) throw new PolisError('ERR_NOT_PARENT', { field: 'child' })
  const child = await db.selectFrom('persons').select('birth_date').where('id', '=', birth.child_id).executeTakeFirst()
  // From 14 a child registers their own address (the population register's rule).
  if (!child || addYears(child.birth_date, 14) <= dayOf(now))
    throw new PolisError('ERR_CHILD_REGISTERS_OWN_ADDRESS', { field: 'child' })
  return birth.child_id
}

/**
 * Adds these writes to a table of registry operations; `changeAddress` is population's
 * own, which a child's registration carries out for the child.
 */
export function addMoreOperations(operations: Operations, changeAddress: Operation): void {
  for (const [registry, named] of Object.entries(defined) as Array<[RegistryName, Record<string, DefinedOperation>]>) {
    const into: Record<string, Operation> = { ...operations[registry] }
    for (const [name, operation] of Object.entries(named)) {
      into[name] = (store, citizenId, values, now) =>
        inOneTransaction(store.db, async (trx) => {
          await operation.check(trx, citizenId, values, now)
          await operation.apply(trx, citizenId, values, now)
        })
    }
    operations[registry] = into
  }
  operations.population = {
    ...operations.population,
    'change-child-address': async (store, parentId, values, now) =>
      changeAddress(store, await childOf(store.db, parentId, values, now), values, now),
  }
}

/**
 * Checks a write against the registers as they stand, writing nothing: a PolisError
 * with a stable code for bad input. Writes without a check of their own pass.
 */
export function createLocalRegistryChecker(options: { store: Store; now: () => Date }) {
  return async (update: {
    registry: RegistryName
    operation: string
    citizenId: string
    values: Record<string, unknown>
  }): Promise<void> => {
    if (update.registry === 'population' && update.operation === 'change-child-address') {
      await childOf(options.store.db, update.citizenId, update.values, options.now())
      return
    }
    await defined[update.registry]?.[update.operation]?.check(
      options.store.db,
      update.citizenId,
      update.values,
      options.now(),
    )
  }
}
