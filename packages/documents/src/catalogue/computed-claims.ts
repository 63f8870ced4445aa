/**
 * Values an issuer derives at issuance instead of reading them from a registry; claims
 * name them as `computed.<name>`. All come from the population record's birth date and
 * the moment of issuance.
 */
export const computedClaimNames = [
  'age_in_years',
  'age_birth_year',
  'age_over_14',
  'age_over_16',
  'age_over_18',
  'age_over_21',
  'age_over_65',
] as const

export type ComputedClaimName = (typeof computedClaimNames)[number]

/** The computed claims of someone born on `birthDate` (ISO full-date) at `now`. */
export function computeAgeClaims(birthDate: string, now: Date): Record<ComputedClaimName, number | boolean> {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number)
  let age = now.getUTCFullYear() - year
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age--
  return {
    age_in_years: age,
    age_birth_year: year,
    age_over_14: age >= 14,
    age_over_16: age >= 16,
    age_over_18: age >= 18,
    age_over_21: age >= 21,
    age_over_65: age >= 65,
  }
}
