/**
 * Shapes of the JSON text columns of the registry tables. The generator writes them;
 * the registry client parses every one it reads back through these schemas.
 */
import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** A registered address. `locality_type` is `м.`, `смт` or `с.` in Ukraine, empty abroad. */
export const Address = z.object({
  country: z.string().length(2),
  region: z.string(),
  locality: z.string(),
  locality_type: z.string(),
  street: z.string(),
  house_number: z.string(),
  apartment: z.string().nullable(),
  postal_code: z.string(),
})
export type Address = z.infer<typeof Address>

/** A place of birth; `locality_type` as in addresses. */
export const Place = z.object({
  locality: z.string(),
  locality_type: z.string(),
  region: z.string(),
  country: z.string().length(2),
})
export type Place = z.infer<typeof Place>

/** A name as an act records it. */
export const ActName = z.object({
  family_name: z.string(),
  given_name: z.string(),
  patronymic: z.string().nullable(),
})
export type ActName = z.infer<typeof ActName>

/** The child of a birth act. */
export const BirthChild = ActName.extend({ sex: z.number().int(), birth_date: isoDate })
export type BirthChild = z.infer<typeof BirthChild>

/** One spouse of a marriage act. */
export const Spouse = z.object({
  given_name: z.string(),
  patronymic: z.string().nullable(),
  family_name_before: z.string(),
  family_name_after: z.string(),
  birth_date: isoDate,
})
export type Spouse = z.infer<typeof Spouse>

export const LicenceCategories = z.array(z.object({ category: z.string(), issued_on: isoDate, expires_on: isoDate }))
export type LicenceCategories = z.infer<typeof LicenceCategories>

export const Activities = z.array(z.object({ code: z.string(), name: z.string(), primary: z.boolean() }))
export type Activities = z.infer<typeof Activities>

export const Doses = z.array(z.object({ number: z.number().int(), date: isoDate, batch: z.string() }))
export type Doses = z.infer<typeof Doses>

export const FamilyChildren = z.array(
  z.object({ citizen_id: z.string(), family_name: z.string(), given_name: z.string(), birth_date: isoDate }),
)
export type FamilyChildren = z.infer<typeof FamilyChildren>

/** Parses a JSON column with its schema; a malformed row is a damaged database. */
export function parseColumn<T>(schema: z.ZodType<T>, text: string): T {
  return schema.parse(JSON.parse(text))
}
