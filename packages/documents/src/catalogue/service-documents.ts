/** Education, health and business documents. */
import { birthDate, claim, holderNames, issuer, labels, portrait } from './claims.ts'
import type { DocumentType } from './document-type.ts'

const institution = { uk: 'Заклад освіти', en: 'Institution', et: 'Õppeasutus' }
const specialty = { uk: 'Спеціальність', en: 'Specialty', et: 'Eriala' }

export const studentId: DocumentType = {
  code: 'student-id',
  name: { uk: 'Студентський квиток', en: 'Student ID', et: 'Õpilaspilet' },
  description: {
    uk: 'Студентський квиток: заклад освіти, факультет і строк дії.',
    en: 'Your student card: institution, faculty and how long it is valid.',
    et: 'Üliõpilaspilet: õppeasutus, teaduskond ja kehtivus.',
  },
  issuer: 'education-ministry',
  source: { registry: 'education', kind: 'student-id', many: true },
  claims: [
    ...holderNames(),
    birthDate(),
    portrait(),
    claim('institution', 'string', 'record.institution', institution, { required: true }),
    claim('faculty', 'string', 'record.faculty', { uk: 'Факультет', en: 'Faculty', et: 'Teaduskond' }),
    claim('specialty', 'string', 'record.specialty', specialty),
    claim('study_form', 'string', 'record.study_form', { uk: 'Форма навчання', en: 'Mode of study', et: 'Õppevorm' }),
    claim('document_number', 'string', 'record.document_number', labels.documentNumber, { required: true }),
    claim('issue_date', 'date', 'record.issue_date', labels.issueDate, { required: true }),
    claim('expiry_date', 'date', 'record.expiry_date', labels.expiryDate, { required: true }),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#2E1A47', text: '#FFFFFF' },
}

export const educationDocument: DocumentType = {
  code: 'education-document',
  name: { uk: 'Документ про освіту', en: 'Diploma or school certificate', et: 'Haridust tõendav dokument' },
  description: {
    uk: 'Диплом або свідоцтво: рівень освіти, заклад, спеціальність і рік.',
    en: 'A diploma or certificate: level of education, institution, specialty and year.',
    et: 'Diplom või tunnistus: haridustase, õppeasutus, eriala ja aasta.',
  },
  issuer: 'education-ministry',
  source: { registry: 'education', kind: 'diploma', many: true },
  claims: [
    ...holderNames(),
    birthDate(),
    claim(
      'education_level',
      'string',
      'record.education_level_name',
      {
        uk: 'Рівень освіти',
        en: 'Level of education',
        et: 'Haridustase',
      },
      { required: true },
    ),
    claim('institution', 'string', 'record.institution', institution, { required: true }),
    claim('specialty', 'string', 'record.specialty', specialty),
    claim('qualification', 'string', 'record.qualification', {
      uk: 'Кваліфікація',
      en: 'Qualification',
      et: 'Kvalifikatsioon',
    }),
    claim(
      'graduation_year',
      'number',
      'record.graduation_year',
      {
        uk: 'Рік закінчення',
        en: 'Year of graduation',
        et: 'Lõpetamise aasta',
      },
      { required: true },
    ),
    claim('honours', 'boolean', 'record.honours', { uk: 'З відзнакою', en: 'With honours', et: 'Kiitusega' }),
    claim('document_number', 'string', 'record.document_number', labels.documentNumber, { required: true }),
    claim('issue_date', 'date', 'record.issue_date', labels.issueDate, { required: true }),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 1825,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#4A235A', text: '#FFFFFF' },
}

export const vaccinationCertificate: DocumentType = {
  code: 'vaccination-certificate',
  name: { uk: 'Сертифікат про вакцинацію', en: 'Vaccination certificate', et: 'Vaktsineerimistõend' },
  description: {
    uk: 'Щеплення від однієї хвороби: вакцина, дози та дати.',
    en: 'Vaccination against one disease: the vaccine, each dose and its date.',
    et: 'Vaktsineerimine ühe haiguse vastu: vaktsiin, doosid ja kuupäevad.',
  },
  issuer: 'health-ministry',
  source: { registry: 'health', kind: 'vaccination', many: true },
  claims: [
    claim('family_name', 'string', 'person.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name', labels.givenName, { required: true }),
    claim('family_name_latin', 'string', 'person.family_name_latin', labels.familyNameLatin),
    claim('given_name_latin', 'string', 'person.given_name_latin', labels.givenNameLatin),
    birthDate(),
    claim(
      'certificate_identifier',
      'string',
      'record.certificate_identifier',
      {
        uk: 'Ідентифікатор сертифіката',
        en: 'Certificate identifier',
        et: 'Tõendi tunnus',
      },
      { required: true },
    ),
    claim('disease', 'string', 'record.disease', { uk: 'Хвороба', en: 'Disease', et: 'Haigus' }, { required: true }),
    claim('vaccine', 'string', 'record.vaccine', { uk: 'Вакцина', en: 'Vaccine', et: 'Vaktsiin' }, { required: true }),
    claim('manufacturer', 'string', 'record.manufacturer', { uk: 'Виробник', en: 'Manufacturer', et: 'Tootja' }),
    claim('doses', 'array', 'record.doses', { uk: 'Дози', en: 'Doses', et: 'Doosid' }, { required: true }),
    claim('doses_received', 'number', 'record.doses_received', {
      uk: 'Отримано доз',
      en: 'Doses received',
      et: 'Saadud doose',
    }),
    claim('series_complete', 'boolean', 'record.series_complete', {
      uk: 'Курс завершено',
      en: 'Course complete',
      et: 'Kuur lõpetatud',
    }),
    claim('last_dose_date', 'date', 'record.last_dose_date', {
      uk: 'Дата останньої дози',
      en: 'Date of last dose',
      et: 'Viimase doosi kuupäev',
    }),
    ...issuer(),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#E0F2F1', text: '#004D40' },
}

export const businessExtract: DocumentType = {
  code: 'business-extract',
  name: {
    uk: 'Витяг з реєстру ФОП',
    en: 'Sole-proprietor register extract',
    et: 'Füüsilisest isikust ettevõtja registriväljavõte',
  },
  description: {
    uk: 'Реєстрація фізичної особи-підприємця: види діяльності (КВЕД) та група єдиного податку.',
    en: 'Registration as a sole proprietor: activities (NACE) and simplified tax group.',
    et: 'Füüsilisest isikust ettevõtjana registreerimine: tegevusalad (NACE) ja lihtsustatud maksurühm.',
  },
  issuer: 'justice-ministry',
  source: { registry: 'business', kind: 'sole-proprietor', many: false },
  claims: [
    ...holderNames(),
    claim('tax_number', 'string', 'record.tax_number', labels.taxNumber, { required: true }),
    claim(
      'registration_number',
      'string',
      'record.registration_number',
      {
        uk: 'Номер запису в реєстрі',
        en: 'Register entry number',
        et: 'Registrikande number',
      },
      { required: true },
    ),
    claim('registration_date', 'date', 'record.registration_date', labels.registrationDate, { required: true }),
    claim('business_status', 'string', 'record.status', { uk: 'Стан', en: 'Status', et: 'Olek' }, { required: true }),
    claim(
      'primary_activity',
      'string',
      'record.primary_activity.code',
      {
        uk: 'Основний вид діяльності',
        en: 'Main activity (NACE)',
        et: 'Põhitegevusala (NACE)',
      },
      { required: true },
    ),
    claim('activities', 'array', 'record.activities', {
      uk: 'Види діяльності (КВЕД)',
      en: 'Activities (NACE)',
      et: 'Tegevusalad (NACE)',
    }),
    claim(
      'tax_group',
      'number',
      'record.tax_group',
      {
        uk: 'Група єдиного податку',
        en: 'Simplified tax group',
        et: 'Lihtsustatud maksurühm',
      },
      { required: true },
    ),
    claim('vat_payer', 'boolean', 'record.vat_payer', {
      uk: 'Платник ПДВ',
      en: 'VAT payer',
      et: 'Käibemaksukohustuslane',
    }),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 30,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#263238', text: '#FFFFFF' },
}
