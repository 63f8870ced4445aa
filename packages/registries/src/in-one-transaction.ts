import type { Store } from '@polis/store'

/**
 * Runs `work` in one transaction: the one `db` already is (a keyed write's, which holds
 * its key in the same transaction), or a new one.
 */
export function inOneTransaction<T>(db: Store['db'], work: (trx: Store['db']) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
