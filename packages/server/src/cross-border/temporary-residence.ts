import type { Language } from '@polis/kernel'

/**
 * The cross-border service of issue 9, item 4, as data: a Ukrainian who fled the war
 * registers their temporary residence in Estonia with the documents in their Ukrainian
 * wallet. What it asks of the wallet, the address it asks for, and what it grants.
 */
export const temporaryResidence = {
  code: 'temporary-residence-registration',
  /** The agency whose officials decide it, and which issues the permit. */
  agency: 'migration-service',
  name: {
    et: 'Ajutise elamisõiguse registreerimine',
    en: 'Register temporary residence',
    uk: 'Реєстрація тимчасового проживання',
  },
  summary: {
    et: 'Ukrainast sõja eest põgenenud inimene registreerib oma elukoha Eestis Ukraina dokumentidega oma rahakotist ja saab Eesti elamisloa samasse rahakotti.',
    en: 'A person who fled the war in Ukraine registers where they live in Estonia with the Ukrainian documents in their wallet, and receives an Estonian residence permit in the same wallet.',
    uk: 'Людина, яка втекла від війни в Україні, реєструє місце проживання в Естонії за українськими документами зі свого гаманця й отримує естонську посвідку на проживання в той самий гаманець.',
  },
  /** The documents asked for, by query id: the identity card, and the displaced person's certificate. */
  documents: {
    identity: {
      type: 'id-card',
      claims: [
        'family_name',
        'given_name',
        'family_name_latin',
        'given_name_latin',
        'birth_date',
        'birth_place',
        'sex',
        'nationalities',
        'personal_administrative_number',
        'document_number',
        'expiry_date',
      ],
    },
    displacement: {
      type: 'idp-certificate',
      claims: [
        'family_name',
        'given_name',
        'birth_date',
        'previous_address',
        'current_address',
        'registration_date',
        'document_number',
      ],
    },
  },
  /** The permit granted: temporary protection, for a year. */
  permit: {
    document: 'residence-permit',
    type: 'tähtajaline elamisluba',
    grounds: 'ajutine kaitse',
    validYears: 1,
  },
} as const

/** The query ids of the documents asked. */
export type AskedDocument = keyof typeof temporaryResidence.documents

/** A question of the address form: its label in each language and its limits. */
export interface AddressQuestion {
  id: 'street' | 'house_number' | 'apartment' | 'postal_code' | 'locality' | 'region'
  label: Record<Language, string>
  required: boolean
  pattern?: RegExp
  maxLength: number
  autocomplete: string
}

/** Where in Estonia the applicant lives, as the population register keeps an address. */
export const addressQuestions: AddressQuestion[] = [
  {
    id: 'street',
    label: { et: 'Tänav', en: 'Street', uk: 'Вулиця' },
    required: true,
    maxLength: 80,
    autocomplete: 'address-line1',
  },
  {
    id: 'house_number',
    label: { et: 'Maja number', en: 'House number', uk: 'Номер будинку' },
    required: true,
    pattern: /^[0-9]{1,4}[A-Za-z]?(\/[0-9]{1,3})?$/,
    maxLength: 10,
    autocomplete: 'off',
  },
  {
    id: 'apartment',
    label: { et: 'Korter (kui on)', en: 'Flat (if any)', uk: 'Квартира (якщо є)' },
    required: false,
    pattern: /^[0-9]{1,4}[A-Za-z]?$/,
    maxLength: 5,
    autocomplete: 'address-line2',
  },
  {
    id: 'locality',
    label: { et: 'Linn või asula', en: 'Town or village', uk: 'Місто або селище' },
    required: true,
    maxLength: 60,
    autocomplete: 'address-level2',
  },
  {
    id: 'region',
    label: { et: 'Maakond', en: 'County', uk: 'Повіт' },
    required: true,
    maxLength: 60,
    autocomplete: 'address-level1',
  },
  {
    id: 'postal_code',
    label: { et: 'Postiindeks', en: 'Postcode', uk: 'Поштовий індекс' },
    required: true,
    pattern: /^[0-9]{5}$/,
    maxLength: 5,
    autocomplete: 'postal-code',
  },
]
