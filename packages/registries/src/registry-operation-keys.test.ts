import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isPolisError } from '@polis/kernel'
import { openTestStore, type Store } from '@polis/store'
import { createLocalRegistryWriter } from './registry-operations.ts'
import { seedRegistries } from './seed-registries.ts'

const now = new Date('2026-06-01T10:00:00Z')
const address = { region: 'Київська', locality: 'Буча', street: 'Вокзальна', house_number: '12', postal_code: '08292' }

let store: Store
let write: ReturnType<typeof createLocalRegistryWriter>
let citizens: string[]
before(async () => {
  store = await openTestStore()
  await seedRegistries({ store, citizens: 40, seed: 'operation-keys', replace: false })
  write = createLocalRegistryWriter({ store, now: () => now })
  citizens = (await store.db.selectFrom('persons').select('id').orderBy('id').limit(4).execute()).map((p) => p.id)
})
after(() => store?.close())

/** The addresses a citizen has left behind: each change of address adds one. */
const history = async (citizenId: string) =>
  Number(
    (
      await store.db
        .selectFrom('person_addresses')
        .select(({ fn }) => fn.countAll().as('n'))
        .where('citizen_id', '=', citizenId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('a register’s writes under their writer’s key', () => {
  it('carries out a write retried with its key once, and answers it as written again', async () => {
    const citizenId = citizens[0] as string
    const before = await history(citizenId)
    const update = {
      registry: 'population' as const,
      operation: 'change-address',
      citizenId,
      values: address,
      key: 'application-1/0',
    }
    await write(update)
    await write(update)
    assert.equal(await history(citizenId), before + 1)
    // Without a key, each write is its own: the same change again moves the address again.
    const { key: _, ...withoutKey } = update
    await write(withoutKey)
    assert.equal(await history(citizenId), before + 2)
  })

  it('carries out the same key raced from two callers once', async () => {
    const citizenId = citizens[1] as string
    const before = await history(citizenId)
    const update = {
      registry: 'population' as const,
      operation: 'change-address',
      citizenId,
      values: address,
      key: 'application-2/0',
    }
    await Promise.all([write(update), write(update), write(update)])
    assert.equal(await history(citizenId), before + 1)
  })

  it('refuses the same key with another write, changing nothing, and keeps no key of a write that failed', async () => {
    const citizenId = citizens[2] as string
    await write({ registry: 'population', operation: 'change-address', citizenId, values: address, key: 'app-3/0' })
    const before = await history(citizenId)
    const other = { ...address, house_number: '14' }
    await assert.rejects(
      write({ registry: 'population', operation: 'change-address', citizenId, values: other, key: 'app-3/0' }),
      (error) => isPolisError(error, 'ERR_OPERATION_KEY_REUSED'),
    )
    await assert.rejects(
      write({
        registry: 'population',
        operation: 'change-address',
        citizenId: citizens[3] as string,
        values: address,
        key: 'app-3/0',
      }),
      (error) => isPolisError(error, 'ERR_OPERATION_KEY_REUSED'),
    )
    assert.equal(await history(citizenId), before)
    // A write its operation refused keeps no key: the same key is free for the write done right.
    await assert.rejects(
      write({ registry: 'population', operation: 'change-address', citizenId, values: {}, key: 'app-4/0' }),
      (error) => isPolisError(error, 'ERR_BAD_REQUEST'),
    )
    await write({ registry: 'population', operation: 'change-address', citizenId, values: other, key: 'app-4/0' })
    assert.equal(await history(citizenId), before + 1)
    // A key is the writer's own name for a write: text of its own shape only.
    await assert.rejects(
      write({ registry: 'population', operation: 'change-address', citizenId, values: other, key: 'a key?' }),
      (error) => isPolisError(error, 'ERR_BAD_REQUEST'),
    )
  })
})
