/**
 * Civil status: registering a newborn, as Ukraine's eMalyatko does in one application.
 * The birth act names both parents; the child enters the population register with a
 * demographic record number (UNZR), Ukrainian citizenship and the applicant's address,
 * and the tax register with a tax number. Both parents then hold the birth certificate,
 * which is read from the act.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { makeCitizenId } from './citizen-id.ts'
import { regions } from './data/places.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import { makeEstonianPersonalCode } from './estonian-personal-code.ts'
import { type ActName, Address, type BirthChild, type Place, parseColumn } from './json-columns.ts'
import { hashSeed } from './random.ts'
import { recordRegistryEvent } from './registry-events.ts'
import { makeTaxNumber } from './tax-number.ts'
import { transliterate } from './transliterate.ts'
import { makeUnzr } from './unzr.ts'

type Db = Parameters<DefinedOperation['check']>[0]

/** A name as a civil registry writes it: Ukrainian letters, an apostrophe or a hyphen. */
const Name = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[А-ЩЬЮЯҐЄІЇа-щьюяґєії'ʼ’ -]+$/u)

const Newborn = z.object({
  child_given_name: Name,
  child_family_name: Name,
  child_patronymic: Name.nullish().or(z.literal('').transform(() => null)),
  child_sex: z.enum(['1', '2']).transform(Number),
  child_birth_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The father's tax number; when absent, the mother's husband if she is married, else no father is named. */
  father: z
    .string()
    .trim()
    .regex(/^\d{10}$/)
    .nullish()
    .or(z.literal('').transform(() => null)),
})
type Newborn = z.infer<typeof Newborn>

/** How long after a birth it is registered online; later, at a civil registry office in person. */
const registrationWithinDays = 365

const regionsByName = new Map(regions.map((region) => [region.name, region]))

/** The applicant, the other parent and the newborn's details, checked against the registers. */
async function checked(db: Db, applicantId: string, values: Record<string, unknown>, now: Date) {
  const parsed = Newborn.safeParse(values)
  if (!parsed.success) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: `the newborn's details are incomplete: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    })
  }
  const newborn = parsed.data
  const today = dayOf(now)
  const born = new Date(`${newborn.child_birth_date}T00:00:00Z`)
  if (Number.isNaN(born.getTime()) || born.toISOString().slice(0, 10) !== newborn.child_birth_date) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'the birth date is not a date' })
  }
  if (newborn.child_birth_date > today)
    throw new PolisError('ERR_BIRTH_DATE_INVALID', { detail: 'in the future', field: 'child_birth_date' })
  if ((now.getTime() - born.getTime()) / 86_400_000 > registrationWithinDays) {
    throw new PolisError('ERR_BIRTH_DATE_INVALID', { detail: 'more than a year ago', field: 'child_birth_date' })
  }
  const parentColumns = [
    'id',
    'sex',
    'family_name',
    'given_name',
    'patronymic',
    'address',
    'birth_date',
    'nationality',
  ] as const
  const applicant = await db
    .selectFrom('persons')
    .select(parentColumns)
    .where('id', '=', applicantId)
    .executeTakeFirst()
  if (!applicant) throw new PolisError('ERR_UNKNOWN_CITIZEN')
  // The mother applies, as in eMalyatko; the father is named by his tax number, or is her husband.
  if (applicant.sex !== 2) {
    throw new PolisError('ERR_PARENT_ROLE', { detail: 'the mother applies for her newborn' })
  }
  const mother = applicant
  let fatherId: string | undefined
  if (newborn.father) {
    const taxpayer = await db
      .selectFrom('taxpayers')
      .select('citizen_id')
      .where('id', '=', newborn.father)
      .executeTakeFirst()
    if (!taxpayer) throw new PolisError('ERR_UNKNOWN_TAXPAYER', { field: 'father' })
    fatherId = taxpayer.citizen_id
  } else {
    const marriage = await db
      .selectFrom('marriages')
      .select(['spouse1_id', 'spouse2_id'])
      .where((eb) => eb.or([eb('spouse1_id', '=', mother.id), eb('spouse2_id', '=', mother.id)]))
      .where('dissolved_on', 'is', null)
      .executeTakeFirst()
    if (marriage) fatherId = marriage.spouse1_id === mother.id ? marriage.spouse2_id : marriage.spouse1_id
  }
  const father = fatherId
    ? await db.selectFrom('persons').select(parentColumns).where('id', '=', fatherId).executeTakeFirst()
    : undefined
  if (fatherId && father?.sex !== 1) {
    throw new PolisError('ERR_PARENT_ROLE', {
      detail: 'the father is a man in the population register',
      ...(newborn.father ? { field: 'father' } : {}),
    })
  }
  for (const parent of [mother, father]) {
    if (parent && parent.birth_date >= newborn.child_birth_date) {
      throw new PolisError('ERR_BIRTH_DATE_INVALID', {
        detail: 'before a parent’s own birth',
        field: 'child_birth_date',
      })
    }
  }
  // The same child registered twice (a second application, or both parents applying).
  const twice = await db
    .selectFrom('births')
    .select('id')
    .where('mother_id', '=', mother.id)
    .where('child', 'like', `%"given_name":${JSON.stringify(newborn.child_given_name)}%`)
    .where('child', 'like', `%"birth_date":"${newborn.child_birth_date}"%`)
    .executeTakeFirst()
  if (twice) throw new PolisError('ERR_BIRTH_ALREADY_REGISTERED')
  return { newborn, applicant, mother, father }
}

/** The key of the population's citizen ids: from the seed the registers were generated from. */
async function citizenIdKey(db: Db): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'registries.seed').executeTakeFirst()
  const seed = row ? (JSON.parse(row.value) as { seed?: string | number }).seed : undefined
  if (seed === undefined) throw new PolisError('ERR_NO_REGISTRY_RECORD', { detail: 'the registers hold no population' })
  return hashSeed(seed)
}

/** The first serial for a day whose number is not yet taken. */
async function freeSerial(taken: (serial: number) => Promise<boolean>, limit: number): Promise<number> {
  const start = randomInt(limit)
  for (let k = 0; k < limit; k++) {
    const serial = (start + k) % limit
    if (!(await taken(serial))) return serial
  }
  throw new PolisError('ERR_BAD_REQUEST', { detail: 'no number is left for that birth date' })
}

const nameOf = (person: { family_name: string; given_name: string; patronymic: string | null }): ActName => ({
  family_name: person.family_name,
  given_name: person.given_name,
  patronymic: person.patronymic,
})

const registerBirth: DefinedOperation = {
  async check(db, applicantId, values, now) {
    await checked(db, applicantId, values, now)
  },
  async apply(db, applicantId, values, now) {
    const { newborn, applicant, mother, father } = await checked(db, applicantId, values, now)
    const today = dayOf(now)
    const home = parseColumn(Address, applicant.address)
    const last = await db
      .selectFrom('persons')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst()
    const seq = Number(last?.seq ?? -1) + 1
    const childId = makeCitizenId({ index: seq, key: await citizenIdKey(db) })
    const birthDate = newborn.child_birth_date
    // On the Estonian demo instance (docs/federation.md) the child of an Estonian mother is
    // an Estonian national with an Estonian personal code; elsewhere a Ukrainian with a UNZR.
    const estonian = applicant.nationality === 'EE'
    const personalNumber = (serial: number) =>
      estonian
        ? makeEstonianPersonalCode({ sex: newborn.child_sex === 1 ? 1 : 2, birthDate, serial })
        : makeUnzr({ birthDate, serial })
    const unzr = personalNumber(
      await freeSerial(
        async (serial) =>
          Boolean(
            await db.selectFrom('persons').select('id').where('unzr', '=', personalNumber(serial)).executeTakeFirst(),
          ),
        estonian ? 1000 : 10_000,
      ),
    )
    const taxNumber = makeTaxNumber({
      birthDate,
      sex: newborn.child_sex,
      serial: await freeSerial(
        async (serial) =>
          Boolean(
            await db
              .selectFrom('taxpayers')
              .select('id')
              .where('id', '=', makeTaxNumber({ birthDate, sex: newborn.child_sex, serial }))
              .executeTakeFirst(),
          ),
        5_000,
      ),
    })
    // Born where the family lives, as the hospital's medical certificate would say.
    const place: Place = {
      locality: home.locality,
      locality_type: home.locality_type,
      region: home.region,
      country: home.country,
    }
    await db
      .insertInto('persons')
      .values({
        id: childId,
        seq,
        unzr,
        tax_number: taxNumber,
        // An Estonian's names are in the Latin alphabet, without a patronymic, as the
        // Estonian demo population's are.
        family_name: estonian ? transliterate(newborn.child_family_name) : newborn.child_family_name,
        given_name: estonian ? transliterate(newborn.child_given_name) : newborn.child_given_name,
        patronymic: estonian ? null : (newborn.child_patronymic ?? null),
        family_name_latin: transliterate(newborn.child_family_name),
        given_name_latin: transliterate(newborn.child_given_name),
        birth_family_name: estonian ? transliterate(newborn.child_family_name) : newborn.child_family_name,
        sex: newborn.child_sex,
        birth_date: birthDate,
        birth_place: JSON.stringify(place),
        address: JSON.stringify(home),
        address_since: today,
        nationality: estonian ? 'EE' : 'UA',
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
    const region = regionsByName.get(home.region)
    await db
      .insertInto('taxpayers')
      .values({
        id: taxNumber,
        citizen_id: childId,
        registered_on: today,
        tax_office: region ? `ГУ ДПС ${region.locative}` : 'Державна податкова служба, центральний офіс',
      })
      .execute()
    const actNumber = await freeSerial(
      async (serial) =>
        Boolean(
          await db
            .selectFrom('births')
            .select('id')
            .where('act_number', '=', String(800_000 + serial))
            .executeTakeFirst(),
        ),
      200_000,
    )
    const child: BirthChild = { ...toName(newborn), sex: newborn.child_sex, birth_date: birthDate }
    await db
      .insertInto('births')
      .values({
        id: `birth-${randomUUID()}`,
        act_number: String(800_000 + actNumber),
        certificate_number: `І-${region?.abbreviation ?? 'КВ'} ${String(800_000 + actNumber)}`,
        child_id: childId,
        child: JSON.stringify(child),
        birth_place: JSON.stringify(place),
        mother_id: mother.id,
        mother: JSON.stringify(nameOf(mother)),
        father_id: father?.id ?? null,
        father: father ? JSON.stringify(nameOf(father)) : null,
        registered_on: today,
        registry_office: place.locality_type
          ? `Відділ ДРАЦС, ${place.locality_type} ${place.locality}`
          : `Відділ ДРАЦС, ${place.locality}`,
      })
      .execute()
    // Told in the same transaction: what the state offers the parents follows from it (a birth benefit).
    await recordRegistryEvent(
      db,
      'birth-registered',
      {
        child_id: childId,
        mother_id: mother.id,
        father_id: father?.id ?? null,
        child_given_name: newborn.child_given_name,
        child_family_name: newborn.child_family_name,
        child_birth_date: birthDate,
      },
      now,
    )
  },
}

function toName(newborn: Newborn): ActName {
  return {
    family_name: newborn.child_family_name,
    given_name: newborn.child_given_name,
    patronymic: newborn.child_patronymic ?? null,
  }
}

export const birthOperations: Record<string, DefinedOperation> = { 'register-birth': registerBirth }
