/**
 * A foreign national who comes to live here under temporary protection (issue 9, item 4):
 * they enter the population register with a personal number of this country (an Estonian
 * personal code on the Estonian instance, else a demographic record number), their own
 * nationality and their address here, and the migration register with a residence permit.
 * They hold no documents of this country yet; the permit is the first.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import type { Store } from '@polis/store'
import { makeCitizenId } from './citizen-id.ts'
import { dayOf } from './defined-operation.ts'
import { makeEstonianPersonalCode } from './estonian-personal-code.ts'
import type { Address } from './json-columns.ts'
import { hashSeed } from './random.ts'
import { makeUnzr } from './unzr.ts'

type Db = Store['db']

/** Who the foreign documents say the applicant is, and what this country grants them. */
export interface ForeignResident {
  /** Names in the Latin alphabet, as the foreign document spells them for abroad. */
  familyName: string
  givenName: string
  birthDate: string
  /** ISO/IEC 5218: 1 male, 2 female. */
  sex: 1 | 2
  /** ISO 3166-1 alpha-2. */
  nationality: string
  birthPlace: string
  address: Address
  permit: { type: string; grounds: string; authority: string; validYears: number }
}

/** What the registers now hold: the new person's id and personal number, and the permit's number. */
export interface RegisteredForeignResident {
  citizenId: string
  personalNumber: string
  permitNumber: string
}

/**
 * Registers a foreign resident in the transaction it is given: a person with a free
 * personal number for their birth date and sex, and a residence permit from today.
 */
export async function registerForeignResident(
  db: Db,
  resident: ForeignResident,
  options: { estonian: boolean; now: Date },
): Promise<RegisteredForeignResident> {
  const today = dayOf(options.now)
  const personalNumber = (serial: number) =>
    options.estonian
      ? makeEstonianPersonalCode({ sex: resident.sex, birthDate: resident.birthDate, serial })
      : makeUnzr({ birthDate: resident.birthDate, serial })
  const limit = options.estonian ? 1000 : 10_000
  let number: string | undefined
  for (let k = 0, start = randomInt(limit); k < limit && !number; k++) {
    const candidate = personalNumber((start + k) % limit)
    const taken = await db.selectFrom('persons').select('id').where('unzr', '=', candidate).executeTakeFirst()
    if (!taken) number = candidate
  }
  if (!number) throw new PolisError('ERR_BAD_REQUEST', { detail: 'no personal number is left for that birth date' })
  const seed = await db.selectFrom('meta').select('value').where('key', '=', 'registries.seed').executeTakeFirst()
  const key = seed ? (JSON.parse(seed.value) as { seed?: string | number }).seed : undefined
  if (key === undefined) throw new PolisError('ERR_NO_REGISTRY_RECORD', { detail: 'the registers hold no population' })
  const last = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const seq = Number(last?.seq ?? -1) + 1
  const citizenId = makeCitizenId({ index: seq, key: hashSeed(key) })
  await db
    .insertInto('persons')
    .values({
      id: citizenId,
      seq,
      unzr: number,
      tax_number: null,
      family_name: resident.familyName,
      given_name: resident.givenName,
      patronymic: null,
      family_name_latin: resident.familyName,
      given_name_latin: resident.givenName,
      birth_family_name: resident.familyName,
      sex: resident.sex,
      birth_date: resident.birthDate,
      // The foreign document prints its place of birth as one line.
      birth_place: JSON.stringify({
        locality: resident.birthPlace,
        locality_type: '',
        region: '',
        country: resident.nationality,
      }),
      address: JSON.stringify(resident.address),
      address_since: today,
      nationality: resident.nationality,
      id_card_number: null,
      id_card_issued_on: null,
      id_card_expires_on: null,
      id_card_authority: null,
      passport_number: null,
      passport_issued_on: null,
      passport_expires_on: null,
      passport_authority: null,
      portrait_seed: randomInt(2 ** 31),
    })
    .execute()
  const permitNumber = String(randomInt(100_000_000, 1_000_000_000))
  const expires = new Date(`${today}T00:00:00Z`)
  expires.setUTCFullYear(expires.getUTCFullYear() + resident.permit.validYears)
  expires.setUTCDate(expires.getUTCDate() - 1)
  await db
    .insertInto('residence_permits')
    .values({
      id: `permit-${randomUUID()}`,
      citizen_id: citizenId,
      number: permitNumber,
      permit_type: resident.permit.type,
      grounds: resident.permit.grounds,
      issued_on: today,
      expires_on: expires.toISOString().slice(0, 10),
      authority: resident.permit.authority,
    })
    .execute()
  return { citizenId, personalNumber: number, permitNumber }
}
