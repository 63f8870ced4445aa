import type { Store } from '@polis/store'

/** The bank's record of one customer, for the claims of its ID token. */
export async function findCustomer(options: { store: Store; id: string }) {
  return options.store.db
    .selectFrom('persons')
    .select(['id', 'family_name', 'given_name', 'birth_date'])
    .where('id', '=', options.id)
    .executeTakeFirst()
}
