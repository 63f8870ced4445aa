/** Population register records: the person, their ID card, foreign passport, registered address and their young children's. */
import { ageOn } from './dates.ts'
import { formatAddress, placeWithFormatted, withFormatted } from './format-address.ts'
import { defaultAsOf } from './generate-population.ts'
import { Address, Place, parseColumn } from './json-columns.ts'
import { icaoCountryCode, passportMrz } from './mrz.ts'
import { portraitOf } from './portrait.ts'
import { childResidence } from './read-child-residence.ts'
import { type PersonRow, type RecordReader, record, registryCountry } from './registry-reader.ts'

/** Portraits drawn lately, by what draws them: issuing and signing in read the same people again. */
const portraits = new Map<string, string>()
const maxPortraits = 10_000

/** A person's portrait as base64 PNG, drawn once and kept while it is in recent use. */
function portraitFor(person: PersonRow): string {
  const age = ageOn(person.birth_date, defaultAsOf)
  const key = `${person.portrait_seed}|${person.sex}|${age}`
  let portrait = portraits.get(key)
  if (portrait === undefined) {
    portrait = Buffer.from(portraitOf(person.portrait_seed, { sex: person.sex, age })).toString('base64')
    if (portraits.size >= maxPortraits) portraits.delete(portraits.keys().next().value as string)
  } else {
    portraits.delete(key)
  }
  portraits.set(key, portrait)
  return portrait
}

/**
 * The population record's data: what `person.*` claim paths resolve against. The
 * portrait's age hint is taken on a fixed day, so a face never changes on a birthday.
 */
export function personData(person: PersonRow): Record<string, unknown> {
  return {
    citizen_id: person.id,
    personal_administrative_number: person.unzr,
    tax_number: person.tax_number,
    family_name: person.family_name,
    given_name: person.given_name,
    patronymic: person.patronymic,
    family_name_latin: person.family_name_latin,
    given_name_latin: person.given_name_latin,
    birth_family_name: person.birth_family_name,
    sex: person.sex,
    birth_date: person.birth_date,
    birth_place: placeWithFormatted(parseColumn(Place, person.birth_place)),
    nationality: person.nationality,
    nationalities: [person.nationality],
    address: withFormatted(parseColumn(Address, person.address)),
    address_since: person.address_since,
    portrait: portraitFor(person),
  }
}

const person: RecordReader = async (_store, row) => [record('population', 'person', row.id, personData(row))]

const idCard: RecordReader = async (_store, row) => {
  if (!row.id_card_number || !row.id_card_issued_on || !row.id_card_expires_on) return []
  return [
    record('population', 'id-card', row.id_card_number, {
      document_number: row.id_card_number,
      issue_date: row.id_card_issued_on,
      expiry_date: row.id_card_expires_on,
      issuing_authority: row.id_card_authority,
      issuing_country: registryCountry,
    }),
  ]
}

const foreignPassport: RecordReader = async (_store, row) => {
  if (!row.passport_number || !row.passport_issued_on || !row.passport_expires_on) return []
  const mrz = passportMrz({
    familyNameLatin: row.family_name_latin,
    givenNameLatin: row.given_name_latin,
    documentNumber: row.passport_number,
    nationality: icaoCountryCode(row.nationality),
    birthDate: row.birth_date,
    sex: row.sex,
    expiryDate: row.passport_expires_on,
    personalNumber: (row.unzr ?? '').replace('-', ''),
    issuingState: icaoCountryCode(registryCountry),
  })
  return [
    record('population', 'foreign-passport', row.passport_number, {
      document_number: row.passport_number,
      document_type: 'P',
      issue_date: row.passport_issued_on,
      expiry_date: row.passport_expires_on,
      issuing_authority: row.passport_authority,
      issuing_country: registryCountry,
      mrz,
    }),
  ]
}

const residence: RecordReader = async (store, row) => {
  const address = withFormatted(parseColumn(Address, row.address))
  if (address.country !== registryCountry) return []
  const earlier = await store.db
    .selectFrom('person_addresses')
    .selectAll()
    .where('citizen_id', '=', row.id)
    .orderBy('registered_from', 'desc')
    .execute()
  const history = [
    { address: address.formatted, registered_from: row.address_since, registered_to: null },
    ...earlier.map((entry) => ({
      address: formatAddress(parseColumn(Address, entry.address)),
      registered_from: entry.registered_from,
      registered_to: entry.registered_to,
    })),
  ]
  return [
    record('population', 'residence', row.id, {
      address,
      registered_since: row.address_since,
      history,
      issuing_country: registryCountry,
    }),
  ]
}

export const populationReaders = {
  person,
  'id-card': idCard,
  'foreign-passport': foreignPassport,
  residence,
  'child-residence': childResidence,
}
