/** Identity documents: the ID card (the country's PID), the passport, address and tax number, and foreigners' cards. */
import {
  ageClaims,
  birthDate,
  claim,
  documentFacts,
  holderNames,
  issuer,
  labels,
  portrait,
  residentAddress,
} from './claims.ts'
import type { DocumentType } from './document-type.ts'

/** The national extension of the PID namespace, for elements the EUDI PID rulebook does not define. */
const pidNational = 'eu.europa.ec.eudi.pid.ua.1'

export const idCard: DocumentType = {
  code: 'id-card',
  name: { uk: 'ID-картка', en: 'Identity card', et: 'Isikutunnistus' },
  description: {
    uk: 'Паспорт громадянина у формі картки: посвідчує особу та громадянство.',
    en: 'The national identity card: proves who you are and your citizenship.',
    et: 'Riiklik isikutunnistus: tõendab isikut ja kodakondsust.',
  },
  issuer: 'migration-service',
  source: { registry: 'population', kind: 'id-card', many: false },
  claims: [
    ...holderNames().map((spec) => (spec.name === 'patronymic' ? { ...spec, mdocNamespace: pidNational } : spec)),
    claim('family_name_latin', 'string', 'person.family_name_latin', labels.familyNameLatin, {
      mdocNamespace: pidNational,
    }),
    claim('given_name_latin', 'string', 'person.given_name_latin', labels.givenNameLatin, {
      mdocNamespace: pidNational,
    }),
    claim(
      'birth_family_name',
      'string',
      'person.birth_family_name',
      {
        uk: 'Прізвище при народженні',
        en: 'Family name at birth',
        et: 'Sünnijärgne perekonnanimi',
      },
      { mdocName: 'family_name_birth' },
    ),
    birthDate(),
    ...ageClaims(14, 16, 18, 21, 65),
    claim('birth_place', 'string', 'person.birth_place.formatted', labels.birthPlace, { required: true }),
    claim('sex', 'number', 'person.sex', labels.sex),
    claim('nationalities', 'array', 'person.nationalities', labels.nationalities, {
      required: true,
      mdocName: 'nationality',
    }),
    claim('personal_administrative_number', 'string', 'person.personal_administrative_number', labels.unzr, {
      required: true,
    }),
    claim('tax_number', 'string', 'person.tax_number', labels.taxNumber, { mdocNamespace: pidNational }),
    ...residentAddress(),
    portrait(),
    ...documentFacts({ expiry: true, issueMdocName: 'issuance_date' }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'mso_mdoc', 'polis_qr'],
  mdoc: { docType: 'eu.europa.ec.eudi.pid.1', namespace: 'eu.europa.ec.eudi.pid.1' },
  display: { background: '#0057B7', text: '#FFFFFF' },
}

export const foreignPassport: DocumentType = {
  code: 'foreign-passport',
  name: { uk: 'Закордонний паспорт', en: 'Passport', et: 'Välispass' },
  description: {
    uk: 'Паспорт для виїзду за кордон, з машинозчитуваною зоною.',
    en: 'The passport for travel abroad, with its machine-readable zone.',
    et: 'Välisreisideks mõeldud pass koos masinloetava tsooniga.',
  },
  issuer: 'migration-service',
  source: { registry: 'population', kind: 'foreign-passport', many: false },
  claims: [
    claim('family_name', 'string', 'person.family_name_latin', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name_latin', labels.givenName, { required: true }),
    claim('family_name_national_character', 'string', 'person.family_name', labels.familyNameNational),
    claim('given_name_national_character', 'string', 'person.given_name', labels.givenNameNational),
    birthDate(),
    claim('birth_place', 'string', 'person.birth_place.formatted', labels.birthPlace),
    claim('sex', 'number', 'person.sex', labels.sex),
    claim('nationalities', 'array', 'person.nationalities', labels.nationalities, { required: true }),
    claim('personal_administrative_number', 'string', 'person.personal_administrative_number', labels.unzr),
    portrait(),
    claim(
      'document_type',
      'string',
      'record.document_type',
      { uk: 'Тип', en: 'Type', et: 'Tüüp' },
      {
        disclosable: false,
      },
    ),
    ...documentFacts({ expiry: true }),
    claim('mrz', 'array', 'record.mrz', {
      uk: 'Машинозчитувана зона',
      en: 'Machine-readable zone',
      et: 'Masinloetav tsoon',
    }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#13315C', text: '#F5D547' },
}

export const taxpayerCard: DocumentType = {
  code: 'taxpayer-card',
  name: { uk: 'Картка платника податків', en: 'Tax number card', et: 'Maksukohustuslase kaart' },
  description: {
    uk: 'Реєстраційний номер облікової картки платника податків (РНОКПП).',
    en: 'Your ten-digit taxpayer registration number.',
    et: 'Kümnekohaline maksukohustuslase registreerimisnumber.',
  },
  issuer: 'tax-service',
  source: { registry: 'tax', kind: 'taxpayer', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    claim('tax_number', 'string', 'record.tax_number', labels.taxNumber, { required: true }),
    claim('registration_date', 'date', 'record.registration_date', labels.registrationDate),
    ...issuer(),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#FFF4D6', text: '#5A3B00' },
}

export const residenceExtract: DocumentType = {
  code: 'residence-extract',
  name: { uk: 'Витяг про місце проживання', en: 'Registered address extract', et: 'Elukoha registreeringu väljavõte' },
  description: {
    uk: 'Витяг з реєстру територіальної громади про зареєстроване місце проживання та його історію.',
    en: 'Where you are registered to live, and where you were registered before.',
    et: 'Registreeritud elukoht ja varasemad elukohad.',
  },
  issuer: 'migration-service',
  source: { registry: 'population', kind: 'residence', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    claim('personal_administrative_number', 'string', 'person.personal_administrative_number', labels.unzr),
    claim('resident_address', 'string', 'record.address.formatted', labels.address, { required: true }),
    claim('resident_city', 'string', 'record.address.locality', labels.city),
    claim('resident_state', 'string', 'record.address.region', labels.region),
    claim('resident_postal_code', 'string', 'record.address.postal_code', labels.postalCode),
    claim(
      'registered_since',
      'date',
      'record.registered_since',
      {
        uk: 'Зареєстровано з',
        en: 'Registered since',
        et: 'Registreeritud alates',
      },
      { required: true },
    ),
    claim('address_history', 'array', 'record.history', {
      uk: 'Історія реєстрації',
      en: 'Address history',
      et: 'Elukohtade ajalugu',
    }),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 90,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#ECEFF1', text: '#263238' },
}

export const residencePermit: DocumentType = {
  code: 'residence-permit',
  name: { uk: 'Посвідка на проживання', en: 'Residence permit', et: 'Elamisluba' },
  description: {
    uk: 'Посвідка іноземця на тимчасове або постійне проживання.',
    en: 'A foreign national’s temporary or permanent residence permit.',
    et: 'Välismaalase tähtajaline või alaline elamisluba.',
  },
  issuer: 'migration-service',
  source: { registry: 'migration', kind: 'residence-permit', many: false },
  claims: [
    claim('family_name', 'string', 'person.family_name_latin', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name_latin', labels.givenName, { required: true }),
    claim('family_name_national_character', 'string', 'person.family_name', labels.familyNameNational),
    claim('given_name_national_character', 'string', 'person.given_name', labels.givenNameNational),
    birthDate(),
    claim('sex', 'number', 'person.sex', labels.sex),
    claim('nationalities', 'array', 'person.nationalities', labels.nationalities, { required: true }),
    claim('personal_administrative_number', 'string', 'person.personal_administrative_number', labels.unzr),
    portrait(),
    claim(
      'permit_type',
      'string',
      'record.permit_type',
      { uk: 'Тип посвідки', en: 'Permit type', et: 'Loa liik' },
      {
        required: true,
      },
    ),
    claim('grounds', 'string', 'record.grounds', { uk: 'Підстава', en: 'Grounds', et: 'Alus' }),
    claim('resident_address', 'string', 'person.address.formatted', labels.address),
    ...documentFacts({ expiry: true }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#00695C', text: '#FFFFFF' },
}

export const eResidentCard: DocumentType = {
  code: 'e-resident-card',
  name: { uk: 'Картка е-резидента', en: 'e-Resident card', et: 'E-residendi kaart' },
  description: {
    uk: 'Цифрова ідентичність іноземця, який веде бізнес у країні дистанційно.',
    en: 'A digital identity for foreigners who run a business here from abroad.',
    et: 'Digitaalne isikusamasus välismaalastele, kes juhivad siinset ettevõtet välismaalt.',
  },
  issuer: 'digital-ministry',
  source: { registry: 'migration', kind: 'e-residency', many: false },
  claims: [
    claim('family_name', 'string', 'person.family_name_latin', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name_latin', labels.givenName, { required: true }),
    birthDate(),
    claim('nationalities', 'array', 'person.nationalities', labels.nationalities, { required: true }),
    claim('tax_number', 'string', 'person.tax_number', labels.taxNumber),
    portrait(),
    claim('country_of_residence', 'string', 'record.country_of_residence', labels.country, { required: true }),
    ...documentFacts({ expiry: true }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#111827', text: '#E5E7EB' },
}
