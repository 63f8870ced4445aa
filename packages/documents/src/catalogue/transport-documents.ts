/** Documents of the road: the driving licence (an ISO/IEC 18013-5 mDL), vehicle registration and motor insurance. */
import { ageClaims, birthDate, claim, documentFacts, issuer, labels, portrait } from './claims.ts'
import type { DocumentType } from './document-type.ts'

export const driverLicence: DocumentType = {
  code: 'driver-licence',
  name: { uk: 'Посвідчення водія', en: 'Driving licence', et: 'Juhiluba' },
  description: {
    uk: 'Посвідчення водія з категоріями та датами їх відкриття.',
    en: 'Your driving licence, with each vehicle category and when it was granted.',
    et: 'Juhiluba koos sõidukikategooriate ja nende andmise kuupäevadega.',
  },
  issuer: 'service-centre',
  source: { registry: 'driver-licences', kind: 'licence', many: false },
  claims: [
    // ISO/IEC 18013-5 section 7.2.1: family_name and given_name are Latin; the Cyrillic goes in the national-character elements.
    claim('family_name', 'string', 'person.family_name_latin', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name_latin', labels.givenName, { required: true }),
    claim('family_name_national_character', 'string', 'person.family_name', labels.familyNameNational),
    claim('given_name_national_character', 'string', 'person.given_name', labels.givenNameNational),
    birthDate(),
    ...ageClaims(18, 21),
    claim('birth_place', 'string', 'person.birth_place.formatted', labels.birthPlace),
    claim('sex', 'number', 'person.sex', labels.sex),
    claim('resident_address', 'string', 'person.address.formatted', labels.address),
    claim('resident_city', 'string', 'person.address.locality', labels.city),
    claim('resident_postal_code', 'string', 'person.address.postal_code', labels.postalCode),
    claim('resident_country', 'string', 'person.address.country', labels.country),
    portrait(),
    ...documentFacts({ expiry: true }),
    claim(
      'un_distinguishing_sign',
      'string',
      'record.un_distinguishing_sign',
      {
        uk: 'Міжнародний розпізнавальний знак',
        en: 'International distinguishing sign',
        et: 'Rahvusvaheline tunnusmärk',
      },
      { required: true, disclosable: false },
    ),
    claim(
      'driving_privileges',
      'array',
      'record.driving_privileges',
      {
        uk: 'Категорії',
        en: 'Driving privileges',
        et: 'Juhtimisõigused',
      },
      { required: true },
    ),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'mso_mdoc', 'polis_qr'],
  mdoc: { docType: 'org.iso.18013.5.1.mDL', namespace: 'org.iso.18013.5.1' },
  display: { background: '#F4DCE8', text: '#3A1730' },
}

export const vehicleRegistration: DocumentType = {
  code: 'vehicle-registration',
  name: {
    uk: 'Свідоцтво про реєстрацію транспортного засобу',
    en: 'Vehicle registration certificate',
    et: 'Sõiduki registreerimistunnistus',
  },
  description: {
    uk: 'Техпаспорт: номерний знак, VIN, марка, модель і власник.',
    en: 'The vehicle’s plate, VIN, make and model, and who owns it.',
    et: 'Sõiduki numbrimärk, VIN-kood, mark ja mudel ning omanik.',
  },
  issuer: 'service-centre',
  source: { registry: 'vehicles', kind: 'vehicle', many: true },
  claims: [
    claim(
      'registration_number',
      'string',
      'record.registration_number',
      {
        uk: 'Номерний знак',
        en: 'Registration plate',
        et: 'Registreerimismärk',
      },
      { required: true },
    ),
    claim(
      'vin',
      'string',
      'record.vin',
      {
        uk: 'Ідентифікаційний номер (VIN)',
        en: 'Vehicle identification number',
        et: 'Sõiduki identifitseerimisnumber (VIN)',
      },
      { required: true },
    ),
    claim('make', 'string', 'record.make', { uk: 'Марка', en: 'Make', et: 'Mark' }, { required: true }),
    claim('model', 'string', 'record.model', { uk: 'Модель', en: 'Model', et: 'Mudel' }, { required: true }),
    claim('model_year', 'number', 'record.model_year', {
      uk: 'Рік випуску',
      en: 'Year of manufacture',
      et: 'Väljalaskeaasta',
    }),
    claim('colour', 'string', 'record.colour', { uk: 'Колір', en: 'Colour', et: 'Värv' }),
    claim('fuel_type', 'string', 'record.fuel_type', { uk: 'Тип пального', en: 'Fuel', et: 'Kütus' }),
    claim('engine_capacity', 'number', 'record.engine_capacity', {
      uk: "Об'єм двигуна, см³",
      en: 'Engine capacity (cm³)',
      et: 'Mootori töömaht (cm³)',
    }),
    claim('vehicle_category', 'string', 'record.vehicle_category', {
      uk: 'Категорія',
      en: 'Category',
      et: 'Kategooria',
    }),
    claim('registration_date', 'date', 'record.registration_date', labels.registrationDate, { required: true }),
    claim(
      'owner_family_name',
      'string',
      'person.family_name',
      {
        uk: 'Власник: прізвище',
        en: 'Owner’s family name',
        et: 'Omaniku perekonnanimi',
      },
      { required: true },
    ),
    claim(
      'owner_given_name',
      'string',
      'person.given_name',
      {
        uk: "Власник: ім'я",
        en: 'Owner’s given name',
        et: 'Omaniku eesnimi',
      },
      { required: true },
    ),
    claim('owner_patronymic', 'string', 'person.patronymic', {
      uk: 'Власник: по батькові',
      en: 'Owner’s patronymic',
      et: 'Omaniku isanimi',
    }),
    claim('owner_address', 'string', 'person.address.formatted', {
      uk: 'Адреса власника',
      en: 'Owner’s address',
      et: 'Omaniku aadress',
    }),
    ...documentFacts({ expiry: false, issue: false }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#D9EAF7', text: '#0B2E4F' },
}

export const vehicleInsurance: DocumentType = {
  code: 'vehicle-insurance',
  name: {
    uk: 'Поліс ОСЦПВ',
    en: 'Compulsory motor insurance policy',
    et: 'Liikluskindlustuse poliis',
  },
  description: {
    uk: 'Обов’язкове страхування цивільно-правової відповідальності власника транспортного засобу.',
    en: 'Compulsory third-party liability insurance of a vehicle, with its period of cover.',
    et: 'Sõiduki kohustuslik liikluskindlustus ja selle kehtivusaeg.',
  },
  issuer: 'insurance-bureau',
  source: { registry: 'insurance', kind: 'policy', many: true },
  claims: [
    claim(
      'policy_number',
      'string',
      'record.policy_number',
      {
        uk: 'Номер поліса',
        en: 'Policy number',
        et: 'Poliisi number',
      },
      { required: true },
    ),
    claim(
      'insurer',
      'string',
      'record.insurer',
      { uk: 'Страховик', en: 'Insurer', et: 'Kindlustusandja' },
      { required: true },
    ),
    claim('insurance_type', 'string', 'record.insurance_type', {
      uk: 'Вид страхування',
      en: 'Insurance type',
      et: 'Kindlustuse liik',
    }),
    claim(
      'valid_from',
      'date',
      'record.valid_from',
      { uk: 'Діє з', en: 'Valid from', et: 'Kehtib alates' },
      { required: true },
    ),
    claim('expiry_date', 'date', 'record.expiry_date', labels.expiryDate, { required: true }),
    claim('territory', 'string', 'record.territory', { uk: 'Територія дії', en: 'Territory', et: 'Kehtivuspiirkond' }),
    claim(
      'vehicle_registration_number',
      'string',
      'record.vehicle.registration_number',
      {
        uk: 'Номерний знак',
        en: 'Registration plate',
        et: 'Registreerimismärk',
      },
      { required: true },
    ),
    claim('vin', 'string', 'record.vehicle.vin', {
      uk: 'Ідентифікаційний номер (VIN)',
      en: 'Vehicle identification number',
      et: 'Sõiduki identifitseerimisnumber (VIN)',
    }),
    claim('make', 'string', 'record.vehicle.make', { uk: 'Марка', en: 'Make', et: 'Mark' }),
    claim('model', 'string', 'record.vehicle.model', { uk: 'Модель', en: 'Model', et: 'Mudel' }),
    claim(
      'policyholder_family_name',
      'string',
      'person.family_name',
      {
        uk: 'Страхувальник: прізвище',
        en: 'Policyholder’s family name',
        et: 'Kindlustusvõtja perekonnanimi',
      },
      { required: true },
    ),
    claim(
      'policyholder_given_name',
      'string',
      'person.given_name',
      {
        uk: "Страхувальник: ім'я",
        en: 'Policyholder’s given name',
        et: 'Kindlustusvõtja eesnimi',
      },
      { required: true },
    ),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#E6F4EA', text: '#1B4D2C' },
}
