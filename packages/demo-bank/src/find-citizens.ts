import { listCitizens } from '@polis/registries'
import type { Store } from '@polis/store'

/** A customer of the DEMO BANK as its login page lists them. */
export interface BankCustomer {
  id: string
  name: string
  birthDate: string
}

/** The words of a name search, each written as register names are (capital first), at most three. */
function searchWords(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}'’-]/gu, ''))
    .filter((word) => word.length > 0)
    .slice(0, 3)
    .map((word) => word.charAt(0).toLocaleUpperCase('uk') + word.slice(1).toLocaleLowerCase('uk'))
}

/**
 * One page of the seeded citizens, in register order, or of those whose names start
 * with every word searched for (in Cyrillic or Latin). Names are matched by prefix in
 * their register spelling because SQLite folds the case of ASCII letters only.
 */
export async function findCitizens(options: {
  store: Store
  query: string
  limit: number
  offset: number
}): Promise<BankCustomer[]> {
  const words = searchWords(options.query)
  if (words.length === 0) {
    const page = await listCitizens({ store: options.store, limit: options.limit, offset: options.offset })
    return page.map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate }))
  }
  let select = options.store.db
    .selectFrom('persons')
    .select(['id', 'family_name', 'given_name', 'patronymic', 'birth_date'])
  for (const word of words) {
    const prefix = `${word}%`
    select = select.where((eb) =>
      eb.or([
        eb('family_name', 'like', prefix),
        eb('given_name', 'like', prefix),
        eb('patronymic', 'like', prefix),
        eb('family_name_latin', 'like', prefix),
        eb('given_name_latin', 'like', prefix),
      ]),
    )
  }
  const rows = await select.orderBy('seq').limit(options.limit).offset(options.offset).execute()
  return rows.map((p) => ({
    id: p.id,
    name: [p.family_name, p.given_name, p.patronymic].filter(Boolean).join(' '),
    birthDate: p.birth_date,
  }))
}
