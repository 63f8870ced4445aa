export { FullDate, fullDate } from './full-date.ts'
export { type IssueMdocOptions, issueMdoc } from './issue-mdoc.ts'
export type { VerifiedMdoc } from './verify-issuer-signed.ts'
export { maxMdocBytes, type VerifyMdocOptions, verifyDeviceResponse, verifyMdoc } from './verify-mdoc.ts'
