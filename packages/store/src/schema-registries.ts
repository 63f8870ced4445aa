/**
 * Tables of the demo country's base registries (see @polis/registries and migration
 * 0002). Portable to SQLite and PostgreSQL: dates are ISO `YYYY-MM-DD` text, lists and
 * nested values are JSON text, flags are integers 0/1. Every table's citizen columns
 * are indexed.
 */

/** Population register: one row per person, with the ID card and foreign passport issued to them. */
export interface PersonTable {
  /** Stable, opaque citizen id. */
  id: string
  /** Order of generation, for listing families together. */
  seq: number
  /** Demographic record number, `YYYYMMDD-NNNNC`; absent for e-residents. */
  unzr: string | null
  /** 10-digit tax number (RNOKPP). */
  tax_number: string | null
  family_name: string
  given_name: string
  patronymic: string | null
  family_name_latin: string
  given_name_latin: string
  /** Family name at birth. */
  birth_family_name: string
  /** ISO/IEC 5218: 1 male, 2 female. */
  sex: number
  birth_date: string
  /** JSON `{ locality, region, country }`. */
  birth_place: string
  /** JSON address (see @polis/registries `Address`). */
  address: string
  address_since: string
  /** ISO 3166-1 alpha-2. */
  nationality: string
  id_card_number: string | null
  id_card_issued_on: string | null
  id_card_expires_on: string | null
  id_card_authority: string | null
  passport_number: string | null
  passport_issued_on: string | null
  passport_expires_on: string | null
  passport_authority: string | null
  /** Seed of the synthetic portrait (0 .. 2^31-1). */
  portrait_seed: number
}

/** Previous registered addresses of a person (the current one is on the person). */
export interface PersonAddressTable {
  id: string
  citizen_id: string
  address: string
  registered_from: string
  registered_to: string
}

/** Civil status: birth acts. Parent ids are null when the parent is not in the register. */
export interface BirthTable {
  id: string
  act_number: string
  certificate_number: string
  child_id: string
  /** JSON `{ family_name, given_name, patronymic, sex, birth_date }` as registered at birth. */
  child: string
  birth_place: string
  mother_id: string | null
  /** JSON `{ family_name, given_name, patronymic }`. */
  mother: string
  father_id: string | null
  father: string | null
  registered_on: string
  registry_office: string
}

/** Civil status: marriage acts. */
export interface MarriageTable {
  id: string
  act_number: string
  spouse1_id: string
  spouse2_id: string
  /** JSON `{ given_name, patronymic, family_name_before, family_name_after, birth_date }`. */
  spouse1: string
  spouse2: string
  married_on: string
  registry_office: string
  dissolved_on: string | null
}

/** Civil status: divorce acts. */
export interface DivorceTable {
  id: string
  act_number: string
  marriage_id: string
  spouse1_id: string
  spouse2_id: string
  spouse1_family_name_after: string
  spouse2_family_name_after: string
  divorced_on: string
  registry_office: string
}

/** Civil status: change-of-name acts. */
export interface NameChangeTable {
  id: string
  act_number: string
  citizen_id: string
  /** JSON `{ family_name, given_name, patronymic }`. */
  previous: string
  current: string
  changed_on: string
  registry_office: string
}

/** Driving licences. */
export interface DriverLicenceTable {
  id: string
  citizen_id: string
  number: string
  issued_on: string
  expires_on: string
  authority: string
  /** JSON `[{ category, issued_on, expires_on }]`. */
  categories: string
}

/** Registered vehicles. */
export interface VehicleTable {
  id: string
  owner_id: string
  vin: string
  plate: string
  make: string
  model: string
  year: number
  colour: string
  fuel: string
  engine_cc: number
  category: string
  certificate_number: string
  registered_on: string
  authority: string
}

/** Compulsory motor insurance policies. */
export interface MotorPolicyTable {
  id: string
  vehicle_id: string
  holder_id: string
  number: string
  insurer: string
  valid_from: string
  valid_to: string
  premium_uah: number
}

/** Tax register: taxpayer records of individuals. */
export interface TaxpayerTable {
  /** The tax number. */
  id: string
  citizen_id: string
  registered_on: string
  tax_office: string
}

/** Business register: sole proprietors. */
export interface SoleProprietorTable {
  id: string
  citizen_id: string
  registration_number: string
  registered_on: string
  /** JSON `[{ code, name, primary }]` (NACE rev. 2 / KVED 2010). */
  activities: string
  tax_group: number
  vat_payer: number
  status: string
  terminated_on: string | null
}

/** Education: school certificates and diplomas. */
export interface DiplomaTable {
  id: string
  citizen_id: string
  level: string
  document_number: string
  institution: string
  specialty: string | null
  qualification: string | null
  graduation_year: number
  issued_on: string
  honours: number
}

/** Education: student cards. */
export interface StudentIdTable {
  id: string
  citizen_id: string
  number: string
  institution: string
  faculty: string
  specialty: string
  study_form: string
  issued_on: string
  expires_on: string
}

/** Health: vaccination courses. */
export interface VaccinationTable {
  id: string
  citizen_id: string
  disease: string
  vaccine: string
  manufacturer: string
  /** JSON `[{ number, date, batch }]`. */
  doses: string
  doses_required: number
  facility: string
}

/** Social: internally displaced person status. */
export interface IdpStatusTable {
  id: string
  citizen_id: string
  certificate_number: string
  previous_address: string
  current_address: string
  registered_on: string
  authority: string
}

/** Social: large-family status of a parent. */
export interface LargeFamilyTable {
  id: string
  citizen_id: string
  certificate_number: string
  /** JSON `[{ citizen_id, family_name, given_name, birth_date }]`. */
  children: string
  issued_on: string
  expires_on: string
  authority: string
}

/** Social: disability status. */
export interface DisabilityTable {
  id: string
  citizen_id: string
  certificate_number: string
  disability_group: string
  cause: string
  established_on: string
  review_on: string | null
  authority: string
}

/** Pension fund: pensioners. */
export interface PensionTable {
  id: string
  citizen_id: string
  card_number: string
  pension_type: string
  granted_on: string
  authority: string
}

/** Migration: residence permits of foreigners. */
export interface ResidencePermitTable {
  id: string
  citizen_id: string
  number: string
  permit_type: string
  grounds: string
  issued_on: string
  expires_on: string
  authority: string
}

/** Migration: e-residents (foreigners living abroad). */
export interface EResidencyTable {
  id: string
  citizen_id: string
  card_number: string
  country_of_residence: string
  issued_on: string
  expires_on: string
  authority: string
}

/** Military register. */
export interface MilitaryRegistrationTable {
  id: string
  citizen_id: string
  document_number: string
  category: string
  status: string
  specialty: string | null
  rank: string
  fitness: string
  office: string
  registered_on: string
}

/** A write a register's keeper carried out under its writer's key (migration 0047). */
export interface RegistryOperationKeyTable {
  registry: string
  key: string
  /** SHA-256 (base64url) of the operation, the citizen and the values. */
  digest: string
  done_at: string
}

/** Every table of the base registries, by name. */
export interface RegistryTables {
  registry_operation_keys: RegistryOperationKeyTable
  persons: PersonTable
  person_addresses: PersonAddressTable
  births: BirthTable
  marriages: MarriageTable
  divorces: DivorceTable
  name_changes: NameChangeTable
  driver_licences: DriverLicenceTable
  vehicles: VehicleTable
  motor_policies: MotorPolicyTable
  taxpayers: TaxpayerTable
  sole_proprietors: SoleProprietorTable
  diplomas: DiplomaTable
  student_ids: StudentIdTable
  vaccinations: VaccinationTable
  idp_statuses: IdpStatusTable
  large_families: LargeFamilyTable
  disabilities: DisabilityTable
  pensions: PensionTable
  residence_permits: ResidencePermitTable
  e_residencies: EResidencyTable
  military_registrations: MilitaryRegistrationTable
}
