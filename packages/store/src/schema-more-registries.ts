/** Tables of migration 0019: the registers the later e-services read and write. */

/** Police: a conviction; `expunged_on` once it no longer counts. */
export interface PoliceRecordTable {
  id: string
  citizen_id: string
  article: string
  offence: string
  court: string
  sentenced_on: string
  sentence: string
  expunged_on: string | null
}

/** Police: a document reported lost or stolen. */
export interface LostDocumentTable {
  id: string
  citizen_id: string
  document_type: string
  document_number: string | null
  lost_on: string
  circumstances: string
  reported_on: string
}

/** Property register: real estate a person owns (address as JSON). */
export interface PropertyTable {
  id: string
  owner_id: string
  registration_number: string
  kind: string
  address: string
  area_m2: number
  share: string
  acquired_on: string
  basis: string
}

/** Pension fund: insured earnings of a year with one insurer (employer). */
export interface PensionEarningTable {
  id: string
  citizen_id: string
  year: number
  insurer: string
  months: number
  earnings_uah: number
}

/** Employment service: a registration as unemployed, ended when the person is no longer. */
export interface UnemploymentRegistrationTable {
  id: string
  citizen_id: string
  registered_on: string
  centre: string
  ended_on: string | null
  end_reason: string | null
}

/** Health: an e-prescription; `dispensed_on` once a pharmacy gave the medicine. */
export interface PrescriptionTable {
  id: string
  citizen_id: string
  number: string
  medicine: string
  dosage: string
  prescribed_on: string
  valid_to: string
  doctor: string
  dispensed_on: string | null
}

/** Social: a displaced-person status that was cancelled, with the record as it stood (JSON). */
export interface IdpCancellationTable {
  id: string
  citizen_id: string
  certificate_number: string
  status: string
  cancelled_on: string
  reason: string
}

/** A signed PDF certificate an application produced (base64), for its citizen to download. */
export interface ApplicationCertificateTable {
  id: string
  application_id: string
  citizen_id: string
  file_name: string
  pdf: string
  created_at: string
}

export interface MoreRegistryTables {
  police_records: PoliceRecordTable
  lost_documents: LostDocumentTable
  properties: PropertyTable
  pension_earnings: PensionEarningTable
  unemployment_registrations: UnemploymentRegistrationTable
  prescriptions: PrescriptionTable
  idp_cancellations: IdpCancellationTable
  application_certificates: ApplicationCertificateTable
}
