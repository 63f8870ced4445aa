import { childResidenceExtract } from './child-residence-extract.ts'
import { birthCertificate, divorceRecord, marriageRecord, nameChangeRecord } from './civil-status-documents.ts'
import type { DocumentType } from './document-type.ts'
import {
  eResidentCard,
  foreignPassport,
  idCard,
  residenceExtract,
  residencePermit,
  taxpayerCard,
} from './identity-documents.ts'
import { businessExtract, educationDocument, studentId, vaccinationCertificate } from './service-documents.ts'
import {
  disabilityCertificate,
  idpCertificate,
  largeFamilyCertificate,
  militaryRegistration,
  pensionCard,
} from './social-documents.ts'
import { driverLicence, vehicleInsurance, vehicleRegistration } from './transport-documents.ts'

/** Every document type of the national catalogue, in the order the catalogue lists them. */
export const documentTypes: DocumentType[] = [
  idCard,
  foreignPassport,
  driverLicence,
  vehicleRegistration,
  vehicleInsurance,
  taxpayerCard,
  studentId,
  educationDocument,
  birthCertificate,
  marriageRecord,
  divorceRecord,
  nameChangeRecord,
  residencePermit,
  idpCertificate,
  pensionCard,
  largeFamilyCertificate,
  disabilityCertificate,
  vaccinationCertificate,
  militaryRegistration,
  eResidentCard,
  residenceExtract,
  businessExtract,
  childResidenceExtract,
]
