export {
  type AuthenticatedDevice,
  authenticateDevice,
  deviceClockSkewSeconds,
  deviceJwtType,
} from './authenticate-device.ts'
export { type CompletedEnrolment, completeEnrolment, enrolmentTokenSeconds } from './complete-enrolment.ts'
export { createRelyingParty, type RelyingParty } from './create-relying-party.ts'
export type { EnrolledCitizen, FindCitizen } from './find-citizen.ts'
export { findDevice } from './find-device.ts'
export { type DeviceSummary, listDevices } from './list-devices.ts'
export { parseDeviceKey } from './parse-device-key.ts'
export { registerDevice } from './register-device.ts'
export { revokeDevice } from './revoke-device.ts'
export { enrolmentTransactionSeconds, type StartedEnrolment, startEnrolment } from './start-enrolment.ts'
