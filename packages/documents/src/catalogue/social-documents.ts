/** Social protection, pension and military documents. */
import { ageClaims, birthDate, claim, documentFacts, holderNames, labels, portrait } from './claims.ts'
import type { DocumentType } from './document-type.ts'

export const idpCertificate: DocumentType = {
  code: 'idp-certificate',
  name: {
    uk: 'Довідка внутрішньо переміщеної особи',
    en: 'Internally displaced person certificate',
    et: 'Riigisisese põgeniku tõend',
  },
  description: {
    uk: 'Довідка про взяття на облік внутрішньо переміщеної особи: звідки і куди.',
    en: 'Registration as an internally displaced person: the address left and the current one.',
    et: 'Riigisisese põgenikuna arvelevõtmine: lahkutud ja praegune aadress.',
  },
  issuer: 'social-ministry',
  source: { registry: 'social', kind: 'idp', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    claim('tax_number', 'string', 'person.tax_number', labels.taxNumber),
    claim(
      'previous_address',
      'string',
      'record.previous_address',
      {
        uk: 'Попереднє місце проживання',
        en: 'Previous address',
        et: 'Varasem elukoht',
      },
      { required: true },
    ),
    claim(
      'current_address',
      'string',
      'record.current_address',
      {
        uk: 'Фактичне місце проживання',
        en: 'Current address',
        et: 'Praegune elukoht',
      },
      { required: true },
    ),
    claim('registration_date', 'date', 'record.registration_date', labels.registrationDate, { required: true }),
    ...documentFacts({ expiry: false, issue: false }),
  ],
  validityDays: 180,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#FFE9C7', text: '#6A3D00' },
}

export const pensionCard: DocumentType = {
  code: 'pension-card',
  name: { uk: 'Пенсійне посвідчення', en: 'Pension certificate', et: 'Pensionitunnistus' },
  description: {
    uk: 'Посвідчення пенсіонера з видом пенсії.',
    en: 'Proof that you receive a pension, and which kind.',
    et: 'Tõend pensioni saamise ja pensioni liigi kohta.',
  },
  issuer: 'pension-fund',
  source: { registry: 'pension', kind: 'pension', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    ...ageClaims(65),
    portrait(),
    claim('tax_number', 'string', 'person.tax_number', labels.taxNumber),
    claim(
      'pension_type',
      'string',
      'record.pension_type',
      { uk: 'Вид пенсії', en: 'Pension type', et: 'Pensioni liik' },
      {
        required: true,
      },
    ),
    claim(
      'granted_date',
      'date',
      'record.granted_date',
      {
        uk: 'Пенсію призначено',
        en: 'Granted on',
        et: 'Määratud',
      },
      { required: true },
    ),
    ...documentFacts({ expiry: false, issue: false }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#1B5E20', text: '#FFFFFF' },
}

export const largeFamilyCertificate: DocumentType = {
  code: 'large-family-certificate',
  name: {
    uk: 'Посвідчення батьків багатодітної сім’ї',
    en: 'Large-family certificate',
    et: 'Paljulapselise pere tõend',
  },
  description: {
    uk: 'Посвідчення одного з батьків сім’ї, що виховує трьох і більше дітей.',
    en: 'For a parent of a family raising three or more children, with the children listed.',
    et: 'Kolme või enama lapsega pere vanemale, koos lastega.',
  },
  issuer: 'social-ministry',
  source: { registry: 'social', kind: 'large-family', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    portrait({ required: false }),
    claim('children', 'array', 'record.children', { uk: 'Діти', en: 'Children', et: 'Lapsed' }, { required: true }),
    claim(
      'children_count',
      'number',
      'record.children_count',
      {
        uk: 'Кількість дітей',
        en: 'Number of children',
        et: 'Laste arv',
      },
      { required: true },
    ),
    ...documentFacts({ expiry: true }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#FFF3B0', text: '#4D3B00' },
}

export const disabilityCertificate: DocumentType = {
  code: 'disability-certificate',
  name: { uk: 'Посвідчення особи з інвалідністю', en: 'Disability certificate', et: 'Puude tõend' },
  description: {
    uk: 'Встановлена група інвалідності та строк до наступного огляду.',
    en: 'The disability group established and when it is next reviewed.',
    et: 'Tuvastatud puude raskusaste ja järgmise ülevaatuse aeg.',
  },
  issuer: 'social-ministry',
  source: { registry: 'social', kind: 'disability', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    portrait({ required: false }),
    claim(
      'disability_group',
      'string',
      'record.disability_group',
      {
        uk: 'Група інвалідності',
        en: 'Disability group',
        et: 'Puude raskusaste',
      },
      { required: true },
    ),
    claim('cause', 'string', 'record.cause', { uk: 'Причина', en: 'Cause', et: 'Põhjus' }),
    claim(
      'established_date',
      'date',
      'record.established_date',
      {
        uk: 'Дата встановлення',
        en: 'Established on',
        et: 'Tuvastatud',
      },
      { required: true },
    ),
    claim('expiry_date', 'date', 'record.expiry_date', {
      uk: 'Дата наступного огляду',
      en: 'Next review',
      et: 'Järgmine ülevaatus',
    }),
    ...documentFacts({ expiry: false, issue: false }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#0D47A1', text: '#FFFFFF' },
}

export const militaryRegistration: DocumentType = {
  code: 'military-registration',
  name: {
    uk: 'Військово-обліковий документ',
    en: 'Military registration document',
    et: 'Kaitseväeteenistuse arvestuse dokument',
  },
  description: {
    uk: 'Відомості військового обліку: категорія, статус, придатність.',
    en: 'Your military registration: category, status and fitness for service.',
    et: 'Kaitseväekohustuslase arvestus: kategooria, olek ja teenistuskõlblikkus.',
  },
  issuer: 'defence-ministry',
  source: { registry: 'military', kind: 'registration', many: false },
  claims: [
    ...holderNames(),
    birthDate(),
    portrait({ required: false }),
    claim('tax_number', 'string', 'person.tax_number', labels.taxNumber),
    claim(
      'category',
      'string',
      'record.category',
      { uk: 'Категорія обліку', en: 'Category', et: 'Arvestuskategooria' },
      {
        required: true,
      },
    ),
    claim(
      'registration_status',
      'string',
      'record.status',
      { uk: 'Статус', en: 'Status', et: 'Olek' },
      { required: true },
    ),
    claim('rank', 'string', 'record.rank', { uk: 'Військове звання', en: 'Rank', et: 'Auaste' }),
    claim('military_specialty', 'string', 'record.military_specialty', {
      uk: 'Військово-облікова спеціальність',
      en: 'Military specialty',
      et: 'Sõjaväeline eriala',
    }),
    claim('fitness', 'string', 'record.fitness', {
      uk: 'Придатність до служби',
      en: 'Fitness for service',
      et: 'Teenistuskõlblikkus',
    }),
    claim('registration_date', 'date', 'record.registration_date', labels.registrationDate, { required: true }),
    ...documentFacts({ expiry: false, issue: false }),
  ],
  validityDays: 180,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#33422B', text: '#F1F1E6' },
}
