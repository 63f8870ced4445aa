/**
 * Civil status: the acts an official registers on an approved application to marry, to
 * divorce by agreement, or to change one's name. Each writes the act (the marriage names
 * both spouses; the divorce dissolves it) and the name it gives into the population
 * register, from which every document carrying the name is read afresh.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { ageOn } from './dates.ts'
import { type DefinedOperation, dayOf } from './defined-operation.ts'
import { type ActName, Address, parseColumn, Spouse } from './json-columns.ts'
import { transliterate } from './transliterate.ts'

type Db = Parameters<DefinedOperation['check']>[0]

/** A name as a civil registry writes it: Ukrainian letters, an apostrophe, a space or a hyphen. */
const Name = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[А-ЩЬЮЯҐЄІЇа-щьюяґєії'ʼ’ -]+$/u)
/** An optional answer the citizen may leave empty. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().or(z.literal('').transform(() => null))
const TaxNumber = z
  .string()
  .trim()
  .regex(/^\d{10}$/)
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

const MarriageValues = z.object({
  partner_tax_number: TaxNumber,
  /** What the applicant says of the partner, checked against the register. */
  partner_birth_date: optional(IsoDate),
  surname_choice: z.enum(['keep', 'partner', 'double']),
  new_family_name: optional(Name),
})

const DivorceValues = z.object({
  spouse_tax_number: TaxNumber,
  surname_after: z.enum(['keep', 'premarital']),
  premarital_name: optional(Name),
})

const NameChangeValues = z.object({
  new_family_name: Name,
  new_given_name: Name,
  new_patronymic: optional(Name),
})

/** The values of a write, or ERR_BAD_REQUEST naming the fields (never their contents). */
function parsed<T extends z.ZodType>(schema: T, values: Record<string, unknown>, what: string): z.infer<T> {
  const result = schema.safeParse(values)
  if (!result.success) {
    throw new PolisError('ERR_BAD_REQUEST', {
      detail: `${what}: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    })
  }
  return result.data
}

const personColumns = ['id', 'sex', 'family_name', 'given_name', 'patronymic', 'birth_date', 'address'] as const

async function personOf(db: Db, id: string) {
  const person = await db.selectFrom('persons').select(personColumns).where('id', '=', id).executeTakeFirst()
  if (!person) throw new PolisError('ERR_UNKNOWN_CITIZEN')
  return person
}
type Person = Awaited<ReturnType<typeof personOf>>

/** The citizen of a tax number, as the tax register records it: ERR_UNKNOWN_TAXPAYER (at `field`) if none. */
async function taxpayer(db: Db, taxNumber: string, field: string): Promise<Person> {
  const row = await db.selectFrom('taxpayers').select('citizen_id').where('id', '=', taxNumber).executeTakeFirst()
  const person = row
    ? await db.selectFrom('persons').select(personColumns).where('id', '=', row.citizen_id).executeTakeFirst()
    : undefined
  if (!person) throw new PolisError('ERR_UNKNOWN_TAXPAYER', { field })
  return person
}

/** A person's marriage that is not dissolved, if any. */
const currentMarriage = (db: Db, citizenId: string) =>
  db
    .selectFrom('marriages')
    .selectAll()
    .where((eb) => eb.or([eb('spouse1_id', '=', citizenId), eb('spouse2_id', '=', citizenId)]))
    .where('dissolved_on', 'is', null)
    .executeTakeFirst()

/** Two spellings of a name are one name: case, spaces and the apostrophe's form aside. */
const sameName = (a: string, b: string) => normal(a) === normal(b)
const normal = (name: string) => name.trim().replace(/[ʼ’]/gu, "'").replace(/\s+/gu, ' ').toLocaleLowerCase('uk')

/** The civil registration office (відділ ДРАЦС) of where the applicant lives. */
function registryOffice(addressColumn: string): string {
  const address = parseColumn(Address, addressColumn)
  return address.locality_type
    ? `Відділ ДРАЦС, ${address.locality_type} ${address.locality}`
    : `Відділ ДРАЦС, ${address.locality}`
}

/** A free act number of a register: this platform's own acts are numbered from 900000. */
async function freeActNumber(db: Db, table: 'marriages' | 'divorces' | 'name_changes'): Promise<string> {
  const limit = 100_000
  const start = randomInt(limit)
  for (let k = 0; k < limit; k++) {
    const number = String(900_000 + ((start + k) % limit))
    const taken = await db.selectFrom(table).select('id').where('act_number', '=', number).executeTakeFirst()
    if (!taken) return number
  }
  throw new PolisError('ERR_BAD_REQUEST', { detail: `no act number is left in ${table}` })
}

/** The population register's names of a person, in Cyrillic and in Latin letters. */
async function rename(db: Db, citizenId: string, name: Partial<ActName>): Promise<void> {
  await db
    .updateTable('persons')
    .set({
      ...(name.family_name === undefined
        ? {}
        : { family_name: name.family_name, family_name_latin: transliterate(name.family_name) }),
      ...(name.given_name === undefined
        ? {}
        : { given_name: name.given_name, given_name_latin: transliterate(name.given_name) }),
      ...(name.patronymic === undefined ? {} : { patronymic: name.patronymic }),
    })
    .where('id', '=', citizenId)
    .execute()
}

/**
 * The applicant, the partner named by tax number and the family name the applicant
 * takes: ERR_UNKNOWN_TAXPAYER, ERR_PARTNER_IS_APPLICANT, ERR_PARTNER_MISMATCH (the date
 * of birth given is not the partner's), ERR_PARTNER_UNDER_AGE, ERR_ALREADY_MARRIED (either
 * of them), ERR_SURNAME_CHOICE_INVALID.
 */
async function checkedMarriage(db: Db, applicantId: string, values: Record<string, unknown>, now: Date) {
  const answers = parsed(MarriageValues, values, 'the marriage application is incomplete')
  const applicant = await personOf(db, applicantId)
  const partner = await taxpayer(db, answers.partner_tax_number, 'partner_tax_number')
  if (partner.id === applicant.id) throw new PolisError('ERR_PARTNER_IS_APPLICANT', { field: 'partner_tax_number' })
  if (answers.partner_birth_date && answers.partner_birth_date !== partner.birth_date) {
    throw new PolisError('ERR_PARTNER_MISMATCH', { field: 'partner_birth_date' })
  }
  if (ageOn(partner.birth_date, dayOf(now)) < 18)
    throw new PolisError('ERR_PARTNER_UNDER_AGE', { field: 'partner_tax_number' })
  for (const person of [applicant, partner]) {
    if (await currentMarriage(db, person.id)) throw new PolisError('ERR_ALREADY_MARRIED')
  }
  const own = applicant.family_name
  const theirs = partner.family_name
  const typed = answers.new_family_name
  let familyName = own
  if (answers.surname_choice === 'partner') {
    if (typed && !sameName(typed, theirs))
      throw new PolisError('ERR_SURNAME_CHOICE_INVALID', { field: 'new_family_name' })
    familyName = theirs
  } else if (answers.surname_choice === 'double') {
    // Both family names joined by a hyphen, in the order the applicant chose, spelt as the register does.
    const joined = [`${own}-${theirs}`, `${theirs}-${own}`].find((name) => typed && sameName(typed, name))
    if (!joined || sameName(own, theirs))
      throw new PolisError('ERR_SURNAME_CHOICE_INVALID', { field: 'new_family_name' })
    familyName = joined
  }
  return { applicant, partner, familyName }
}

const registerMarriage: DefinedOperation = {
  async check(db, applicantId, values, now) {
    await checkedMarriage(db, applicantId, values, now)
  },
  async apply(db, applicantId, values, now) {
    const { applicant, partner, familyName } = await checkedMarriage(db, applicantId, values, now)
    const spouse = (person: Person, after: string): Spouse => ({
      given_name: person.given_name,
      patronymic: person.patronymic,
      family_name_before: person.family_name,
      family_name_after: after,
      birth_date: person.birth_date,
    })
    // The husband first, as the register's own acts are written; else the applicant.
    const [first, second] =
      applicant.sex === 2 && partner.sex === 1
        ? [
            { person: partner, after: partner.family_name },
            { person: applicant, after: familyName },
          ]
        : [
            { person: applicant, after: familyName },
            { person: partner, after: partner.family_name },
          ]
    await db
      .insertInto('marriages')
      .values({
        id: `marriage-${randomUUID()}`,
        act_number: await freeActNumber(db, 'marriages'),
        spouse1_id: first.person.id,
        spouse2_id: second.person.id,
        spouse1: JSON.stringify(spouse(first.person, first.after)),
        spouse2: JSON.stringify(spouse(second.person, second.after)),
        married_on: dayOf(now),
        registry_office: registryOffice(applicant.address),
        dissolved_on: null,
      })
      .execute()
    if (familyName !== applicant.family_name) await rename(db, applicant.id, { family_name: familyName })
  },
}

/**
 * The applicant's marriage and the family name they keep: ERR_NOT_MARRIED without a
 * registered marriage, ERR_UNKNOWN_TAXPAYER, ERR_NOT_SPOUSE when the tax number is not the
 * spouse's, ERR_SURNAME_CHOICE_INVALID for a "premarital" name that is not the one before.
 */
async function checkedDivorce(db: Db, applicantId: string, values: Record<string, unknown>) {
  const answers = parsed(DivorceValues, values, 'the divorce application is incomplete')
  const applicant = await personOf(db, applicantId)
  const marriage = await currentMarriage(db, applicant.id)
  if (!marriage) throw new PolisError('ERR_NOT_MARRIED')
  const spouse = await taxpayer(db, answers.spouse_tax_number, 'spouse_tax_number')
  const first = marriage.spouse1_id === applicant.id
  if (spouse.id !== (first ? marriage.spouse2_id : marriage.spouse1_id))
    throw new PolisError('ERR_NOT_SPOUSE', { field: 'spouse_tax_number' })
  let familyName = applicant.family_name
  if (answers.surname_after === 'premarital') {
    const before = parseColumn(Spouse, first ? marriage.spouse1 : marriage.spouse2).family_name_before
    const typed = answers.premarital_name
    if (typed && !sameName(typed, before))
      throw new PolisError('ERR_SURNAME_CHOICE_INVALID', { field: 'premarital_name' })
    familyName = before
  }
  return { applicant, spouse, marriage, first, familyName }
}

const registerDivorce: DefinedOperation = {
  async check(db, applicantId, values) {
    await checkedDivorce(db, applicantId, values)
  },
  async apply(db, applicantId, values, now) {
    const { applicant, spouse, marriage, first, familyName } = await checkedDivorce(db, applicantId, values)
    const today = dayOf(now)
    await db.updateTable('marriages').set({ dissolved_on: today }).where('id', '=', marriage.id).execute()
    await db
      .insertInto('divorces')
      .values({
        id: `divorce-${randomUUID()}`,
        act_number: await freeActNumber(db, 'divorces'),
        marriage_id: marriage.id,
        spouse1_id: marriage.spouse1_id,
        spouse2_id: marriage.spouse2_id,
        spouse1_family_name_after: first ? familyName : spouse.family_name,
        spouse2_family_name_after: first ? spouse.family_name : familyName,
        divorced_on: today,
        registry_office: registryOffice(applicant.address),
      })
      .execute()
    if (familyName !== applicant.family_name) await rename(db, applicant.id, { family_name: familyName })
  },
}

/**
 * The name the applicant takes: ERR_NAME_UNCHANGED when it is the one in the register,
 * ERR_UNSPENT_CONVICTION while the police register holds a conviction not expunged.
 */
async function checkedNameChange(db: Db, applicantId: string, values: Record<string, unknown>) {
  const answers = parsed(NameChangeValues, values, 'the new name is incomplete')
  const applicant = await personOf(db, applicantId)
  const name: ActName = {
    family_name: answers.new_family_name,
    given_name: answers.new_given_name,
    patronymic: answers.new_patronymic ?? null,
  }
  if (
    sameName(name.family_name, applicant.family_name) &&
    sameName(name.given_name, applicant.given_name) &&
    sameName(name.patronymic ?? '', applicant.patronymic ?? '')
  ) {
    throw new PolisError('ERR_NAME_UNCHANGED', { field: 'new_family_name' })
  }
  const conviction = await db
    .selectFrom('police_records')
    .select('id')
    .where('citizen_id', '=', applicant.id)
    .where('expunged_on', 'is', null)
    .executeTakeFirst()
  if (conviction) throw new PolisError('ERR_UNSPENT_CONVICTION')
  return { applicant, name }
}

const changeName: DefinedOperation = {
  async check(db, applicantId, values) {
    await checkedNameChange(db, applicantId, values)
  },
  async apply(db, applicantId, values, now) {
    const { applicant, name } = await checkedNameChange(db, applicantId, values)
    const previous: ActName = {
      family_name: applicant.family_name,
      given_name: applicant.given_name,
      patronymic: applicant.patronymic,
    }
    await db
      .insertInto('name_changes')
      .values({
        id: `name-change-${randomUUID()}`,
        act_number: await freeActNumber(db, 'name_changes'),
        citizen_id: applicant.id,
        previous: JSON.stringify(previous),
        current: JSON.stringify(name),
        changed_on: dayOf(now),
        registry_office: registryOffice(applicant.address),
      })
      .execute()
    await rename(db, applicant.id, name)
  },
}

/** The civil-status writes of marriage, divorce and change of name, by operation name. */
export const civilStatusOperations: Record<string, DefinedOperation> = {
  'register-marriage': registerMarriage,
  'register-divorce': registerDivorce,
  'change-name': changeName,
}
