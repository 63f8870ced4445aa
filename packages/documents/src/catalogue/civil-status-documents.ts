/**
 * Civil-status records. Their subject can be someone other than the holder (a child's
 * birth certificate in a parent's wallet), so names come from the act, not the holder.
 */
import { claim, issuer, labels } from './claims.ts'
import type { ClaimSpec, DocumentType, Localized } from './document-type.ts'

function act(options: { dateName: string; dateFrom: string; dateLabel: Localized }): ClaimSpec[] {
  return [
    claim(options.dateName, 'date', options.dateFrom, options.dateLabel, { required: true }),
    claim('act_number', 'string', 'record.act_number', labels.actNumber, { required: true }),
    ...issuer(),
  ]
}

function parent(
  role: 'mother' | 'father',
  label: { uk: string; en: string; et: string },
  required: boolean,
): ClaimSpec[] {
  return [
    claim(
      `${role}_family_name`,
      'string',
      `record.${role}.family_name`,
      {
        uk: `${label.uk}: прізвище`,
        en: `${label.en}’s family name`,
        et: `${label.et} perekonnanimi`,
      },
      { required },
    ),
    claim(
      `${role}_given_name`,
      'string',
      `record.${role}.given_name`,
      {
        uk: `${label.uk}: ім'я`,
        en: `${label.en}’s given name`,
        et: `${label.et} eesnimi`,
      },
      { required },
    ),
    claim(`${role}_patronymic`, 'string', `record.${role}.patronymic`, {
      uk: `${label.uk}: по батькові`,
      en: `${label.en}’s patronymic`,
      et: `${label.et} isanimi`,
    }),
  ]
}

export const birthCertificate: DocumentType = {
  code: 'birth-certificate',
  name: { uk: 'Свідоцтво про народження', en: 'Birth certificate', et: 'Sünnitunnistus' },
  description: {
    uk: 'Свідоцтво про народження — ваше або вашої дитини.',
    en: 'A birth certificate: your own, or your child’s in a parent’s wallet.',
    et: 'Sünnitunnistus: enda oma või lapse oma vanema rahakotis.',
  },
  issuer: 'justice-ministry',
  source: { registry: 'civil-status', kind: 'birth', many: true },
  claims: [
    claim('family_name', 'string', 'record.child.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'record.child.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'record.child.patronymic', labels.patronymic),
    claim('birth_date', 'date', 'record.child.birth_date', labels.birthDate, { required: true }),
    claim('sex', 'number', 'record.child.sex', labels.sex),
    claim('birth_place', 'string', 'record.birth_place.formatted', labels.birthPlace, { required: true }),
    ...parent('mother', { uk: 'Мати', en: 'Mother', et: 'Ema' }, true),
    ...parent('father', { uk: 'Батько', en: 'Father', et: 'Isa' }, false),
    claim('document_number', 'string', 'record.document_number', labels.documentNumber, { required: true }),
    ...act({ dateName: 'registration_date', dateFrom: 'record.registration_date', dateLabel: labels.registrationDate }),
  ],
  validityDays: 1825,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#FDE2E4', text: '#6B1D2A' },
}

const spouse = {
  familyName: { uk: 'Чоловік/дружина: прізвище', en: 'Spouse’s family name', et: 'Abikaasa perekonnanimi' },
  familyNameBefore: {
    uk: 'Чоловік/дружина: прізвище до шлюбу',
    en: 'Spouse’s family name before marriage',
    et: 'Abikaasa perekonnanimi enne abiellumist',
  },
  givenName: { uk: "Чоловік/дружина: ім'я", en: 'Spouse’s given name', et: 'Abikaasa eesnimi' },
  patronymic: { uk: 'Чоловік/дружина: по батькові', en: 'Spouse’s patronymic', et: 'Abikaasa isanimi' },
  birthDate: { uk: 'Чоловік/дружина: дата народження', en: 'Spouse’s date of birth', et: 'Abikaasa sünniaeg' },
} as const

export const marriageRecord: DocumentType = {
  code: 'marriage-record',
  name: { uk: 'Витяг про шлюб', en: 'Marriage record', et: 'Abieluregistri väljavõte' },
  description: {
    uk: 'Відомості про державну реєстрацію шлюбу та прізвища подружжя.',
    en: 'The registration of a marriage and the spouses’ names before and after.',
    et: 'Abielu registreerimine ning abikaasade nimed enne ja pärast abiellumist.',
  },
  issuer: 'justice-ministry',
  source: { registry: 'civil-status', kind: 'marriage', many: true },
  claims: [
    claim('family_name', 'string', 'record.self.family_name_after', labels.familyName, { required: true }),
    claim('family_name_before', 'string', 'record.self.family_name_before', {
      uk: 'Прізвище до шлюбу',
      en: 'Family name before marriage',
      et: 'Perekonnanimi enne abiellumist',
    }),
    claim('given_name', 'string', 'record.self.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'record.self.patronymic', labels.patronymic),
    claim('birth_date', 'date', 'record.self.birth_date', labels.birthDate),
    claim('spouse_family_name', 'string', 'record.spouse.family_name_after', spouse.familyName, { required: true }),
    claim('spouse_family_name_before', 'string', 'record.spouse.family_name_before', spouse.familyNameBefore),
    claim('spouse_given_name', 'string', 'record.spouse.given_name', spouse.givenName, { required: true }),
    claim('spouse_patronymic', 'string', 'record.spouse.patronymic', spouse.patronymic),
    claim('spouse_birth_date', 'date', 'record.spouse.birth_date', spouse.birthDate),
    claim('marriage_status', 'string', 'record.status', { uk: 'Статус шлюбу', en: 'Status', et: 'Abielu olek' }),
    ...act({
      dateName: 'marriage_date',
      dateFrom: 'record.marriage_date',
      dateLabel: { uk: 'Дата реєстрації шлюбу', en: 'Date of marriage', et: 'Abiellumise kuupäev' },
    }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#7A1F3D', text: '#FFFFFF' },
}

export const divorceRecord: DocumentType = {
  code: 'divorce-record',
  name: { uk: 'Витяг про розірвання шлюбу', en: 'Divorce record', et: 'Abielulahutuse väljavõte' },
  description: {
    uk: 'Відомості про державну реєстрацію розірвання шлюбу.',
    en: 'The registration of a divorce, with the names after it.',
    et: 'Abielulahutuse registreerimine ja nimed pärast lahutust.',
  },
  issuer: 'justice-ministry',
  source: { registry: 'civil-status', kind: 'divorce', many: true },
  claims: [
    claim('family_name', 'string', 'person.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'person.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'person.patronymic', labels.patronymic),
    claim(
      'family_name_after_divorce',
      'string',
      'record.family_name_after',
      {
        uk: 'Прізвище після розірвання шлюбу',
        en: 'Family name after divorce',
        et: 'Perekonnanimi pärast lahutust',
      },
      { required: true },
    ),
    claim(
      'former_spouse_family_name',
      'string',
      'record.former_spouse.family_name',
      {
        uk: 'Колишній чоловік/дружина: прізвище',
        en: 'Former spouse’s family name',
        et: 'Endise abikaasa perekonnanimi',
      },
      { required: true },
    ),
    claim(
      'former_spouse_given_name',
      'string',
      'record.former_spouse.given_name',
      {
        uk: "Колишній чоловік/дружина: ім'я",
        en: 'Former spouse’s given name',
        et: 'Endise abikaasa eesnimi',
      },
      { required: true },
    ),
    claim('former_spouse_patronymic', 'string', 'record.former_spouse.patronymic', {
      uk: 'Колишній чоловік/дружина: по батькові',
      en: 'Former spouse’s patronymic',
      et: 'Endise abikaasa isanimi',
    }),
    claim('marriage_date', 'date', 'record.marriage_date', {
      uk: 'Дата реєстрації шлюбу',
      en: 'Date of marriage',
      et: 'Abiellumise kuupäev',
    }),
    claim('marriage_act_number', 'string', 'record.marriage_act_number', {
      uk: 'Номер актового запису про шлюб',
      en: 'Marriage act number',
      et: 'Abielukande number',
    }),
    ...act({
      dateName: 'divorce_date',
      dateFrom: 'record.divorce_date',
      dateLabel: { uk: 'Дата розірвання шлюбу', en: 'Date of divorce', et: 'Lahutuse kuupäev' },
    }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#3D3D3D', text: '#FFFFFF' },
}

export const nameChangeRecord: DocumentType = {
  code: 'name-change-record',
  name: { uk: 'Витяг про зміну імені', en: 'Change of name record', et: 'Nimemuutuse väljavõte' },
  description: {
    uk: 'Відомості про державну реєстрацію зміни імені, з попереднім іменем.',
    en: 'The registration of a change of name, with the previous name.',
    et: 'Nimemuutuse registreerimine koos varasema nimega.',
  },
  issuer: 'justice-ministry',
  source: { registry: 'civil-status', kind: 'name-change', many: true },
  claims: [
    claim('family_name', 'string', 'record.current.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'record.current.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'record.current.patronymic', labels.patronymic),
    claim('birth_date', 'date', 'person.birth_date', labels.birthDate),
    claim(
      'previous_family_name',
      'string',
      'record.previous.family_name',
      {
        uk: 'Попереднє прізвище',
        en: 'Previous family name',
        et: 'Varasem perekonnanimi',
      },
      { required: true },
    ),
    claim(
      'previous_given_name',
      'string',
      'record.previous.given_name',
      {
        uk: "Попереднє ім'я",
        en: 'Previous given name',
        et: 'Varasem eesnimi',
      },
      { required: true },
    ),
    claim('previous_patronymic', 'string', 'record.previous.patronymic', {
      uk: 'Попереднє по батькові',
      en: 'Previous patronymic',
      et: 'Varasem isanimi',
    }),
    ...act({
      dateName: 'change_date',
      dateFrom: 'record.change_date',
      dateLabel: { uk: 'Дата зміни імені', en: 'Date of change', et: 'Nimemuutuse kuupäev' },
    }),
  ],
  validityDays: 365,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#E8E4F3', text: '#2F2257' },
}
