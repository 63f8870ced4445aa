export {
  type CreateDemoBankOptions,
  createDemoBank,
  type DemoBank,
  demoBankClientId,
  demoBankPath,
} from './create-demo-bank.ts'
export { loadDemoBankClientSecret } from './load-demo-bank-secrets.ts'
export {
  type AccountOpening,
  type AccountRequest,
  type Applicant,
  accountClaims,
  askForAccount,
  readAccountOpening,
  renderAccountPage,
  type VerifierApiClient,
} from './open-account.ts'
