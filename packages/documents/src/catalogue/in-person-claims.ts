import type { DocumentType } from './document-type.ts'

/** Who the holder is: what an inspector compares with the person in front of them. */
const holderClaims = ['family_name', 'given_name', 'patronymic', 'birth_date', 'age_over_18', 'portrait']

/** The document's own number and end of validity, where it has them. */
const documentClaims = ['document_number', 'expiry_date']

/** What an inspector checks of each document beyond who the holder is. */
const inspected: Record<string, string[]> = {
  'id-card': [],
  'foreign-passport': ['sex', 'nationalities'],
  'driver-licence': ['driving_privileges'],
  'vehicle-registration': [
    'registration_number',
    'vin',
    'make',
    'model',
    'colour',
    'owner_family_name',
    'owner_given_name',
  ],
  'vehicle-insurance': [
    'policy_number',
    'insurer',
    'valid_from',
    'vehicle_registration_number',
    'make',
    'model',
    'policyholder_family_name',
    'policyholder_given_name',
  ],
  'taxpayer-card': ['tax_number'],
  'student-id': ['institution', 'study_form'],
  'education-document': ['education_level', 'institution', 'qualification', 'graduation_year'],
  'birth-certificate': ['act_number'],
  'marriage-record': ['spouse_family_name', 'spouse_given_name', 'marriage_status', 'marriage_date'],
  'divorce-record': ['divorce_date'],
  'name-change-record': ['previous_family_name', 'previous_given_name', 'change_date'],
  'residence-permit': ['permit_type', 'nationalities'],
  'idp-certificate': ['current_address', 'registration_date'],
  'pension-card': ['age_over_65', 'pension_type'],
  'large-family-certificate': ['children_count'],
  'disability-certificate': ['disability_group'],
  'vaccination-certificate': ['disease', 'series_complete', 'last_dose_date'],
  'military-registration': ['category', 'registration_status'],
  'e-resident-card': ['nationalities'],
  'residence-extract': ['resident_address', 'registered_since'],
  'business-extract': ['registration_number', 'business_status', 'primary_activity'],
  'child-residence-extract': ['resident_address', 'registered_since', 'parent_family_name', 'parent_given_name'],
}

/**
 * The claims of a document's in-person copy, the one shown by QR: few enough to fit a QR
 * code read from a phone screen (docs/qr-sizes.md), in the document's own claim order.
 */
export function inPersonClaims(type: DocumentType): string[] {
  const wanted = new Set([...holderClaims, ...documentClaims, ...(inspected[type.code] ?? [])])
  return type.claims.filter((claim) => wanted.has(claim.name)).map((claim) => claim.name)
}

/** Every claim name the table above gives for a type, to check it against the catalogue. */
export function inspectedClaimNames(code: string): string[] {
  return inspected[code] ?? []
}
