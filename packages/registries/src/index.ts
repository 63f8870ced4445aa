export { type AccessLog, createAccessLog, type DataAccess, loggedRegistryClient } from './access-log.ts'
export { batchedWriter } from './batched-writer.ts'
export { isCitizenId } from './citizen-id.ts'
export {
  createLocalRegistryClient,
  type LocalRegistryClientOptions,
  recordKinds,
} from './create-local-registry-client.ts'
export {
  isValidEstonianPersonalCode,
  makeEstonianPersonalCode,
  readEstonianPersonalCode,
} from './estonian-personal-code.ts'
export {
  defaultAsOf,
  type GeneratePopulationOptions,
  generatePopulation,
  type PopulationBatch,
  type PopulationCountry,
} from './generate-population.ts'
export { icaoCheckDigit } from './icao-check-digit.ts'
export {
  findLegalEntity,
  type LegalEntity,
  legalEntities,
  listRepresentatives,
  listRepresentedEntities,
  type Representative,
  seedLegalEntities,
} from './legal-entities.ts'
export {
  type CitizenSummary,
  documentCodes,
  type ListCitizensOptions,
  listCitizens,
} from './list-citizens.ts'
export { createLocalRegistryChecker } from './more-registry-operations.ts'
export { icaoCountryCode, type PassportMrzOptions, passportMrz } from './mrz.ts'
export { type PortraitHints, portraitOf } from './portrait.ts'
export {
  type ForeignResident,
  type RegisteredForeignResident,
  registerForeignResident,
} from './register-foreign-resident.ts'
export { type RegistryEvents, recordRegistryEvent } from './registry-events.ts'
export { createLocalRegistryWriter, hasRegistryOperation, type RegistryUpdate } from './registry-operations.ts'
export { type RegistryRows, type RegistryTableName, registryTableNames } from './registry-tables.ts'
export {
  isSeeded,
  type SeedRegistriesOptions,
  type SeedResult,
  seedMetaKey,
  seedRegistries,
} from './seed-registries.ts'
export { decodeTaxNumber, isValidTaxNumber, makeTaxNumber, taxNumberCheckDigit } from './tax-number.ts'
export { transliterate } from './transliterate.ts'
export { isValidUnzr, makeUnzr } from './unzr.ts'
export { isValidVin, makeVin, vinCheckDigit, vinYearCode } from './vin.ts'
