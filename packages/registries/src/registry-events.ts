/**
 * The registers tell what happened (a birth registered) in the transaction of the
 * change itself: a row nobody loses, which proactive services read at least once.
 */
import { randomUUID } from 'node:crypto'
import type { Store } from '@polis/store'

/** The events the registers tell of, and what each carries. */
export interface RegistryEvents {
  /** The civil-status register wrote a birth act. */
  'birth-registered': {
    child_id: string
    mother_id: string
    father_id: string | null
    child_given_name: string
    child_family_name: string
    child_birth_date: string
  }
}

/** Records an event with the write it tells of (`db` is that write's transaction). */
export async function recordRegistryEvent<K extends keyof RegistryEvents>(
  db: Store['db'],
  kind: K,
  data: RegistryEvents[K],
  now: Date,
): Promise<void> {
  await db
    .insertInto('registry_events')
    .values({
      id: randomUUID(),
      kind,
      data: JSON.stringify(data),
      occurred_at: now.toISOString(),
      processed_at: null,
    })
    .execute()
}
