/**
 * Building blocks for the catalogue's claims: one constructor and the claims many
 * documents share, with their labels in Ukrainian, English and Estonian. Names follow
 * SD-JWT VC and the EUDI PID where a convention exists.
 */
import type { ClaimSpec, ClaimType, Localized } from './document-type.ts'

export interface ClaimOptions {
  /** Default true: the holder chooses whether to show it. */
  disclosable?: boolean
  /** Default false. */
  required?: boolean
  mdocName?: string
  mdocNamespace?: string
}

/** One claim. */
export function claim(
  name: string,
  type: ClaimType,
  from: string,
  label: Localized,
  options: ClaimOptions = {},
): ClaimSpec {
  const spec: ClaimSpec = {
    name,
    type,
    from,
    disclosable: options.disclosable ?? true,
    required: options.required ?? false,
    label,
  }
  if (options.mdocName !== undefined) spec.mdocName = options.mdocName
  if (options.mdocNamespace !== undefined) spec.mdocNamespace = options.mdocNamespace
  return spec
}

/** Labels of claims that recur across documents. */
export const labels = {
  familyName: { uk: 'Прізвище', en: 'Family name', et: 'Perekonnanimi' },
  givenName: { uk: "Ім'я", en: 'Given name', et: 'Eesnimi' },
  patronymic: { uk: 'По батькові', en: 'Patronymic', et: 'Isanimi' },
  familyNameLatin: { uk: 'Прізвище латиницею', en: 'Family name (Latin)', et: 'Perekonnanimi ladina tähtedes' },
  givenNameLatin: { uk: "Ім'я латиницею", en: 'Given name (Latin)', et: 'Eesnimi ladina tähtedes' },
  familyNameNational: {
    uk: 'Прізвище (українською)',
    en: 'Family name (national characters)',
    et: 'Perekonnanimi (rahvuslikus kirjas)',
  },
  givenNameNational: {
    uk: "Ім'я (українською)",
    en: 'Given name (national characters)',
    et: 'Eesnimi (rahvuslikus kirjas)',
  },
  birthDate: { uk: 'Дата народження', en: 'Date of birth', et: 'Sünniaeg' },
  birthPlace: { uk: 'Місце народження', en: 'Place of birth', et: 'Sünnikoht' },
  sex: { uk: 'Стать', en: 'Sex', et: 'Sugu' },
  nationalities: { uk: 'Громадянство', en: 'Nationality', et: 'Kodakondsus' },
  portrait: { uk: 'Фотографія', en: 'Portrait', et: 'Portreefoto' },
  unzr: { uk: 'Запис № (УНЗР)', en: 'Demographic record number', et: 'Rahvastikuregistri kirje number' },
  taxNumber: { uk: 'РНОКПП', en: 'Tax number', et: 'Maksukohustuslase number' },
  documentNumber: { uk: 'Номер документа', en: 'Document number', et: 'Dokumendi number' },
  issueDate: { uk: 'Дата видачі', en: 'Date of issue', et: 'Väljaandmise kuupäev' },
  expiryDate: { uk: 'Дійсний до', en: 'Date of expiry', et: 'Kehtib kuni' },
  issuingAuthority: { uk: 'Орган, що видав', en: 'Issuing authority', et: 'Väljaandja' },
  issuingCountry: { uk: 'Держава видачі', en: 'Issuing country', et: 'Väljaandnud riik' },
  address: { uk: 'Зареєстроване місце проживання', en: 'Registered address', et: 'Registreeritud elukoht' },
  city: { uk: 'Населений пункт', en: 'City or village', et: 'Asula' },
  region: { uk: 'Область', en: 'Region', et: 'Piirkond' },
  postalCode: { uk: 'Поштовий індекс', en: 'Postal code', et: 'Postiindeks' },
  street: { uk: 'Вулиця', en: 'Street', et: 'Tänav' },
  houseNumber: { uk: 'Будинок', en: 'House number', et: 'Maja number' },
  country: { uk: 'Країна проживання', en: 'Country of residence', et: 'Elukohariik' },
  ageOver14: { uk: 'Виповнилося 14 років', en: 'Aged 14 or over', et: 'Vähemalt 14-aastane' },
  ageOver16: { uk: 'Виповнилося 16 років', en: 'Aged 16 or over', et: 'Vähemalt 16-aastane' },
  ageOver18: { uk: 'Виповнилося 18 років', en: 'Aged 18 or over', et: 'Vähemalt 18-aastane' },
  ageOver21: { uk: 'Виповнився 21 рік', en: 'Aged 21 or over', et: 'Vähemalt 21-aastane' },
  ageOver65: { uk: 'Виповнилося 65 років', en: 'Aged 65 or over', et: 'Vähemalt 65-aastane' },
  ageInYears: { uk: 'Вік (повних років)', en: 'Age in years', et: 'Vanus aastates' },
  ageBirthYear: { uk: 'Рік народження', en: 'Year of birth', et: 'Sünniaasta' },
  actNumber: { uk: 'Номер актового запису', en: 'Civil act number', et: 'Perekonnaseisukande number' },
  registrationDate: { uk: 'Дата реєстрації', en: 'Date of registration', et: 'Registreerimise kuupäev' },
} as const satisfies Record<string, Localized>

/** The holder's names from the population record: family and given name required, patronymic if any. */
export function holderNames(): ClaimSpec[] {
  return [
    claim('family_name', 'string', 'person.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'person.patronymic', labels.patronymic),
  ]
}

export function birthDate(options: ClaimOptions = {}): ClaimSpec {
  return claim('birth_date', 'date', 'person.birth_date', labels.birthDate, { required: true, ...options })
}

export function portrait(options: ClaimOptions = {}): ClaimSpec {
  return claim('portrait', 'image', 'person.portrait', labels.portrait, { required: true, ...options })
}

/** Age attestations an issuer computes, so a holder can prove age without the birth date. */
export function ageClaims(...ages: (14 | 16 | 18 | 21 | 65)[]): ClaimSpec[] {
  const label = {
    14: labels.ageOver14,
    16: labels.ageOver16,
    18: labels.ageOver18,
    21: labels.ageOver21,
    65: labels.ageOver65,
  }
  return [
    ...ages.map((age) => claim(`age_over_${age}`, 'boolean', `computed.age_over_${age}`, label[age])),
    claim('age_in_years', 'number', 'computed.age_in_years', labels.ageInYears),
    claim('age_birth_year', 'number', 'computed.age_birth_year', labels.ageBirthYear),
  ]
}

/** The holder's registered address as PID element identifiers (`resident_*`). */
export function residentAddress(): ClaimSpec[] {
  return [
    claim('resident_address', 'string', 'person.address.formatted', labels.address),
    claim('resident_street', 'string', 'person.address.street', labels.street),
    claim('resident_house_number', 'string', 'person.address.house_number', labels.houseNumber),
    claim('resident_city', 'string', 'person.address.locality', labels.city),
    claim('resident_state', 'string', 'person.address.region', labels.region),
    claim('resident_postal_code', 'string', 'person.address.postal_code', labels.postalCode),
    claim('resident_country', 'string', 'person.address.country', labels.country),
  ]
}

/** Document number, dates and issuer, read from the source record. */
export function documentFacts(options: { expiry: boolean; issue?: boolean; issueMdocName?: string }): ClaimSpec[] {
  const facts = [
    claim('document_number', 'string', 'record.document_number', labels.documentNumber, { required: true }),
  ]
  if (options.issue !== false) {
    facts.push(
      claim('issue_date', 'date', 'record.issue_date', labels.issueDate, {
        required: true,
        ...(options.issueMdocName ? { mdocName: options.issueMdocName } : {}),
      }),
    )
  }
  if (options.expiry)
    facts.push(claim('expiry_date', 'date', 'record.expiry_date', labels.expiryDate, { required: true }))
  facts.push(...issuer())
  return facts
}

/** The issuing authority (disclosable) and country (always shown). */
export function issuer(): ClaimSpec[] {
  return [
    claim('issuing_authority', 'string', 'record.issuing_authority', labels.issuingAuthority, { required: true }),
    claim('issuing_country', 'string', 'record.issuing_country', labels.issuingCountry, {
      required: true,
      disclosable: false,
    }),
  ]
}
