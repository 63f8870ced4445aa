import type { Language } from '@polis/kernel'

/**
 * What a relying party may ask Polis ID for: each scope releases the claims listed, read
 * from the population register when the citizen consents (OpenID Connect Core section 5.4).
 */
export const scopeClaims = {
  openid: ['sub'],
  profile: ['given_name', 'family_name', 'birthdate'],
  tax_number: ['tax_number'],
  address: ['address'],
  /** The office only: the official's agency and roles, given only after their second factor. */
  office: ['agency', 'roles'],
} as const

export type PolisScope = keyof typeof scopeClaims

export const polisScopes = Object.keys(scopeClaims) as PolisScope[]

/** How each claim is named to the citizen on the consent page. */
export const claimLabels: Record<string, Record<Language, string>> = {
  sub: {
    uk: 'Ідентифікатор для цього сервісу',
    en: 'An identifier for this service',
    et: 'Selle teenuse jaoks tunnus',
  },
  given_name: { uk: 'Ім’я', en: 'Given name', et: 'Eesnimi' },
  family_name: { uk: 'Прізвище', en: 'Family name', et: 'Perekonnanimi' },
  birthdate: { uk: 'Дата народження', en: 'Date of birth', et: 'Sünniaeg' },
  tax_number: { uk: 'Податковий номер', en: 'Tax number', et: 'Maksukohustuslase number' },
  address: { uk: 'Адреса', en: 'Address', et: 'Aadress' },
  agency: { uk: 'Відомство, де ви працюєте', en: 'The agency you work for', et: 'Asutus, kus töötate' },
  roles: { uk: 'Ваші ролі посадовця', en: 'Your roles as an official', et: 'Teie ametniku rollid' },
}

/** The claims the scopes release, in the order a citizen reads them. */
export function claimsOfScopes(scopes: string[]): string[] {
  return polisScopes.filter((scope) => scopes.includes(scope)).flatMap((scope) => [...scopeClaims[scope]])
}
