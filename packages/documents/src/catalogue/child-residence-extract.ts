/**
 * A child's registered address extract in a parent's wallet: the subject is the child
 * (names from the record, not the holder), held by the parent the birth act names
 * until the child registers their own address at 14.
 */
import { claim, issuer, labels } from './claims.ts'
import type { DocumentType } from './document-type.ts'

export const childResidenceExtract: DocumentType = {
  code: 'child-residence-extract',
  name: {
    uk: 'Витяг про місце проживання дитини',
    en: 'Child’s registered address extract',
    et: 'Lapse elukoha registreeringu väljavõte',
  },
  description: {
    uk: 'Де зареєстрована ваша дитина до 14 років: у гаманці батька чи матері.',
    en: 'Where your child under 14 is registered to live, in a parent’s wallet.',
    et: 'Kus on registreeritud teie alla 14-aastase lapse elukoht, vanema rahakotis.',
  },
  issuer: 'migration-service',
  source: { registry: 'population', kind: 'child-residence', many: true },
  claims: [
    claim('family_name', 'string', 'record.child.family_name', labels.familyName, { required: true }),
    claim('given_name', 'string', 'record.child.given_name', labels.givenName, { required: true }),
    claim('patronymic', 'string', 'record.child.patronymic', labels.patronymic),
    claim('birth_date', 'date', 'record.child.birth_date', labels.birthDate, { required: true }),
    claim('personal_administrative_number', 'string', 'record.child.personal_administrative_number', labels.unzr),
    claim('resident_address', 'string', 'record.address.formatted', labels.address, { required: true }),
    claim('resident_city', 'string', 'record.address.locality', labels.city),
    claim('resident_state', 'string', 'record.address.region', labels.region),
    claim('resident_postal_code', 'string', 'record.address.postal_code', labels.postalCode),
    claim(
      'registered_since',
      'date',
      'record.registered_since',
      { uk: 'Зареєстровано з', en: 'Registered since', et: 'Registreeritud alates' },
      { required: true },
    ),
    claim('parent_family_name', 'string', 'person.family_name', {
      uk: 'Батько чи мати: прізвище',
      en: 'Parent’s family name',
      et: 'Vanema perekonnanimi',
    }),
    claim('parent_given_name', 'string', 'person.given_name', {
      uk: "Батько чи мати: ім'я",
      en: 'Parent’s given name',
      et: 'Vanema eesnimi',
    }),
    ...issuer().filter((c) => c.name === 'issuing_country'),
  ],
  validityDays: 90,
  formats: ['dc+sd-jwt', 'polis_qr'],
  display: { background: '#E8EEF1', text: '#1F3340' },
}
